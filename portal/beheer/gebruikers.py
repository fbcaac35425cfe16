"""The functioneel beheerder's list of the gemeente's users (no dossier content: names, roles,
team, school, BOA status, whether active)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record_many
from portal.auth.principal import Principal
from portal.db.paging import STANDAARD, Pagina, lees_cursor, pagina
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


async def lijst(
    db: Database,
    principal: Principal,
    request_id: str,
    *,
    limit: int = STANDAARD,
    cursor: str | None = None,
) -> Pagina[GebruikerRegel]:
    """The gemeente's users by name; the cursor holds the last one's id, never a name."""
    na = lees_cursor(cursor, "gebruikers", UUID)[0] if cursor else None
    async with db.tenant_tx(principal, request_id=request_id, purpose="gebruikersbeheer") as tx:
        rows = await tx.conn.fetch(
            "SELECT u.id, u.email, u.naam, u.roles, t.naam AS team, u.brin, u.boa, u.actief"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id"
            " WHERE $1::uuid IS NULL OR (u.naam, u.id) > (SELECT n.naam, n.id FROM users n"
            " WHERE n.id = $1) ORDER BY u.naam, u.id LIMIT $2",
            na,
            limit + 1,
        )
        shown = rows[:limit]
        await record_many(
            tx, "read", "gebruiker", [str(r["id"]) for r in shown], [None] * len(shown)
        )
    return pagina(
        rows,
        limit,
        "gebruikers",
        lambda r: (r["id"],),
        _regel,
    )


async def een(
    db: Database, principal: Principal, user_id: UUID, request_id: str
) -> GebruikerRegel | None:
    """One user of the gemeente as the list shows it (another gemeente's is not found)."""
    async with db.tenant_tx(principal, request_id=request_id, purpose="gebruikersbeheer") as tx:
        r = await tx.conn.fetchrow(
            "SELECT u.id, u.email, u.naam, u.roles, t.naam AS team, u.brin, u.boa, u.actief"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1",
            user_id,
        )
        if r is None:
            return None
        await record_many(tx, "read", "gebruiker", [str(r["id"])], [None])
    return _regel(r)


def _regel(r: Any) -> GebruikerRegel:
    return GebruikerRegel(
        r["id"],
        r["email"],
        r["naam"],
        list(r["roles"]),
        r["team"],
        r["brin"],
        r["boa"],
        r["actief"],
    )
