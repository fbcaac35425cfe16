"""Deurbezoeken for leerplichtassistenten (art. 6.4): the tasks a leerplichtambtenaar gives the
team, and their result, which goes into the werklogboek in the same transaction.

A leerplichtassistent sees the open tasks of their own team (DESIGN.md role table: "tasks given to
them"); the address they need to visit is shown, so every list is an audited read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.auth.permissions import Permission, allows
from portal.auth.principal import Principal
from portal.db.paging import STANDAARD, gelezen_pagina, lees_cursor
from portal.db.request_context import RequestContext
from portal.dossier.werklog import werklog
from portal.problems import conflict


class Taak(msgspec.Struct, frozen=True):
    id: UUID
    soort: str
    zaak_id: UUID
    jongere_id: UUID
    naam: str
    adres: str
    opdracht: str
    uiterlijk: date
    verlopen: bool
    status: str
    verslag: str | None
    afgerond_op: datetime | None


class Taken(msgspec.Struct, frozen=True):
    items: list[Taak]
    next_cursor: str | None = None


class Afronding(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    verslag: Annotated[str, msgspec.Meta(min_length=1, max_length=5000)]


_TAKEN = """
SELECT t.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       concat_ws(' ', j.postcode, j.huisnummer, j.woonplaats) AS adres
FROM taken t JOIN jongeren j ON j.id = t.jongere_id
WHERE ($1::uuid IS NULL OR t.team_id = $1) AND ($2::text IS NULL OR t.status = $2)
  AND ($3::uuid IS NULL OR t.id = $3)
  AND ($4::text IS NULL OR (t.status, t.uiterlijk, t.id) > ($4, $5, $6))
ORDER BY t.status, t.uiterlijk, t.id
LIMIT $7
"""


_GEEN_TEAM = UUID(int=0)


def _team(principal: Principal) -> UUID | None:
    """A teammanager sees the gemeente's tasks, anyone else their own team's: an assistant
    without a team sees none (None would mean all)."""
    if allows(principal, Permission.LEAD_TEAM):
        return None
    return principal.team_id or _GEEN_TEAM


async def lijst(
    ctx: RequestContext, status: str | None, *, limit: int = STANDAARD, cursor: str | None = None
) -> Taken:
    na = lees_cursor(cursor, "taken", str, date, UUID)
    async with ctx.tx(purpose="deurbezoek") as tx:
        rows = await tx.conn.fetch(_TAKEN, _team(ctx.principal), status, None, *na, limit + 1)
        found = await gelezen_pagina(
            tx,
            "taak",
            rows,
            limit,
            "taken",
            lambda r: (r["status"], r["uiterlijk"], r["id"]),
            lambda r: _taak(r, tx.vandaag),
        )
    return Taken(items=found.items, next_cursor=found.next_cursor)


async def afronden(ctx: RequestContext, taak_id: UUID, verslag: str) -> Taak | None:
    async with ctx.tx(purpose="deurbezoek") as tx:
        rows = await tx.conn.fetch(
            _TAKEN + " FOR UPDATE OF t", _team(ctx.principal), None, taak_id, None, None, None, 1
        )
        if not rows:
            return None
        taak = rows[0]
        if taak["status"] != "open":
            raise conflict("Deze taak is al afgerond.")
        await tx.conn.execute(
            "UPDATE taken SET status = 'afgerond', verslag = $2, afgerond_door = $3,"
            " afgerond_op = now() WHERE id = $1",
            taak_id,
            verslag.strip(),
            ctx.principal.user_id,
        )
        await werklog(
            tx,
            taak["jongere_id"],
            f"Deurbezoek ({taak['opdracht'][:200]})",
            verslag.strip(),
            False,
        )
        await record(tx, "update", "taak", taak_id, jongere_id=taak["jongere_id"])
        row = (await tx.conn.fetch(_TAKEN, None, None, taak_id, None, None, None, 1))[0]
    return _taak(row, tx.vandaag)


def _taak(r: Any, vandaag: date) -> Taak:
    get = r.__getitem__
    return Taak(
        id=get("id"),
        soort=get("soort"),
        zaak_id=get("zaak_id"),
        jongere_id=get("jongere_id"),
        naam=get("naam"),
        adres=get("adres"),
        opdracht=get("opdracht"),
        uiterlijk=get("uiterlijk"),
        verlopen=get("status") == "open" and get("uiterlijk") < vandaag,
        status=get("status"),
        verslag=get("verslag"),
        afgerond_op=get("afgerond_op"),
    )
