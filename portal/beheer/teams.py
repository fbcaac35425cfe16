"""The gemeente's teams, kept by the functioneel beheerder. A team is added, never renamed or
removed here: imports (schools' and residents' `team` column) and the woongebonden assignment find
teams by name, and cases, signals and users keep pointing at them."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

import asyncpg
import msgspec

from portal.audit.log import record
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable

Teamsoort = Literal["gebied", "handhaving", "consulenten", "regio"]
SOORTEN: dict[str, str] = {
    "gebied": "Gebiedsteam (woongebonden)",
    "handhaving": "Handhaving",
    "consulenten": "Leerplichtconsulenten",
    "regio": "Regioteam",
}


class NieuwTeam(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    naam: str
    soort: Teamsoort = "gebied"


class TeamRegel(msgspec.Struct, frozen=True):
    id: UUID
    naam: str
    soort: str
    gebruikers: int
    open_zaken: int


async def overzicht(ctx: RequestContext) -> list[TeamRegel]:
    async with ctx.tx(purpose="configuratie") as tx:
        rows = await tx.conn.fetch(
            "SELECT t.id, t.naam, t.soort,"
            " (SELECT count(*) FROM users u WHERE u.team_id = t.id AND u.actief) AS gebruikers,"
            " coalesce(z.aantal, 0) AS open_zaken"
            " FROM teams t LEFT JOIN open_zaken_per_team() z ON z.team_id = t.id"  # no case read
            " ORDER BY t.naam"
        )
    return [
        TeamRegel(r["id"], r["naam"], r["soort"], r["gebruikers"], r["open_zaken"]) for r in rows
    ]


async def toevoegen(ctx: RequestContext, team: NieuwTeam) -> TeamRegel:
    naam = " ".join(team.naam.split())
    if not naam or len(naam) > 100:
        raise unprocessable([FieldError("naam", "een naam van 1 tot 100 tekens")])
    try:
        async with ctx.tx(purpose="configuratie") as tx:
            team_id: UUID = await tx.conn.fetchval(
                "INSERT INTO teams (tenant_id, naam, soort) VALUES ($1, $2, $3) RETURNING id",
                tx.tenant_id,
                naam,
                team.soort,
            )
            await record(tx, "create", "team", team_id, detail={"naam": naam})
    except asyncpg.UniqueViolationError:
        raise unprocessable(
            [FieldError("naam", f"de gemeente heeft al een team '{naam}'")]
        ) from None
    return TeamRegel(team_id, naam, team.soort, 0, 0)
