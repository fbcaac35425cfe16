"""The signals of the controls as a work list: nearest open deadline first, keyset-paged.

Shared by the API (`GET /api/v1/signalen`) and the pages, so both show the same thing to the same
user; every jongere shown is an audited read.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import msgspec

from portal.auth.permissions import team_scoped
from portal.db.paging import gelezen_pagina, lees_cursor
from portal.db.request_context import RequestContext


class Deadline(msgspec.Struct):
    soort: str
    omschrijving: str
    artikel: str
    uiterlijk: date
    verlopen: bool


class SignaalJongere(msgspec.Struct):
    id: UUID
    naam: str
    geboortedatum: date


class Signaal(msgspec.Struct):
    id: UUID
    soort: str
    status: str
    peildatum: date
    reden: str
    jongere: SignaalJongere
    team: str | None
    brin: str | None
    eerstvolgende_termijn: Deadline | None


class SignaalLijst(msgspec.Struct):
    items: list[Signaal]
    next_cursor: str | None


def termijn_sleutel(row: Any) -> tuple[date, UUID]:
    """Keyset position of a work-list row: (deadline, id). Work without an open deadline sorts
    last: date.max here, which asyncpg sends as 'infinity', so the queries sort it as 'infinity'
    (not 9999-12-31)."""
    return (row["t_uiterlijk"] or date.max, row["id"])


def eerstvolgende(row: Any, today: date) -> Deadline | None:
    """The first open deadline of a work-list row (columns t_soort … t_uiterlijk), if any."""
    if not row["t_soort"]:
        return None
    return Deadline(
        row["t_soort"],
        row["t_omschrijving"],
        row["t_artikel"],
        row["t_uiterlijk"],
        row["t_uiterlijk"] < today,
    )


_SIGNALEN = """
SELECT s.id, s.soort, s.status, s.peildatum, s.reden, s.brin, s.jongere_id,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, j.geboortedatum,
       t.naam AS team, d.soort AS t_soort, d.omschrijving AS t_omschrijving,
       d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk
FROM signalen s
JOIN jongeren j ON j.id = s.jongere_id
LEFT JOIN teams t ON t.id = s.team_id
LEFT JOIN LATERAL (SELECT * FROM termijnen d WHERE d.signaal_id = s.id AND d.voldaan_op IS NULL
                   ORDER BY d.uiterlijk LIMIT 1) d ON true
WHERE ($1::text IS NULL OR s.soort = $1)
  AND s.status = $2
  AND ($3::uuid IS NULL OR s.team_id = $3)
  AND ($4::date IS NULL OR (coalesce(d.uiterlijk, 'infinity'::date), s.id) > ($4, $5::uuid))
ORDER BY coalesce(d.uiterlijk, 'infinity'::date), s.id
LIMIT $6
"""


async def signalen_lijst(
    ctx: RequestContext,
    *,
    soort: str | None = None,
    status: str = "open",
    limit: int = 50,
    cursor: str | None = None,
) -> SignaalLijst:
    """A leerplichtambtenaar (without another role) sees the signals of their own team."""
    na = lees_cursor(cursor, "signalen", date, UUID)
    team = ctx.principal.team_id if team_scoped(ctx.principal) else None
    async with ctx.tx(purpose="werkvoorraad") as tx:
        rows = await tx.conn.fetch(_SIGNALEN, soort, status, team, *na, limit + 1)
        found = await gelezen_pagina(
            tx,
            "signaal",
            rows,
            limit,
            "signalen",
            termijn_sleutel,
            lambda r: _signaal(r, tx.vandaag),
        )
    return SignaalLijst(items=found.items, next_cursor=found.next_cursor)


def _signaal(r: Any, today: date) -> Signaal:
    return Signaal(
        id=r["id"],
        soort=r["soort"],
        status=r["status"],
        peildatum=r["peildatum"],
        reden=r["reden"],
        jongere=SignaalJongere(r["jongere_id"], r["naam"], r["geboortedatum"]),
        team=r["team"],
        brin=r["brin"],
        eerstvolgende_termijn=eerstvolgende(r, today),
    )
