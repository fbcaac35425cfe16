"""The functioneel beheerder's list of the gemeente's users (no dossier content: names, roles,
team, school, BOA status, whether active)."""

from __future__ import annotations

from uuid import UUID

import msgspec

from portal.audit.log import record_many
from portal.auth.principal import Principal
from portal.db.pool import Database


class GebruikerRegel(msgspec.Struct, frozen=True):
    id: UUID
    email: str
    naam: str
    rollen: list[str]
    team: str | None
    brin: str | None
    boa: bool
    actief: bool


async def lijst(db: Database, principal: Principal, request_id: str) -> list[GebruikerRegel]:
    async with db.tenant_tx(principal, request_id=request_id, purpose="gebruikersbeheer") as tx:
        rows = await tx.conn.fetch(
            "SELECT u.id, u.email, u.naam, u.roles, t.naam AS team, u.brin, u.boa, u.actief"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.naam LIMIT 2000"
        )
        await record_many(tx, "read", "gebruiker", [str(r["id"]) for r in rows], [None] * len(rows))
    return [
        GebruikerRegel(
            r["id"],
            r["email"],
            r["naam"],
            list(r["roles"]),
            r["team"],
            r["brin"],
            r["boa"],
            r["actief"],
        )
        for r in rows
    ]
