"""A school's kennisgeving (API.md "Schools"; art. 3.8, 9; Lpw art. 18), in one transaction with
its audit event: marked late when it came more than 7 days after its date (the school's
shortcoming, art. 3.4-3.6); an uitschrijving of a pupil under 18 without startkwalificatie and
without destination starts the follow-up of art. 3.8 as the controls' signal would, with its
deadline. The pupil's enrolment is checked through the same named route as verlof's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from portal.administratie.controles import signalen_vastleggen
from portal.audit.log import record
from portal.db.paging import STANDAARD, gelezen_pagina, lees_cursor
from portal.db.request_context import RequestContext
from portal.domain import termijnen
from portal.domain.bsn import reason_invalid
from portal.domain.leerplicht import Diploma, Vrijstelling, te_volgen
from portal.problems import FieldError, unprocessable

Kennisgevingsoort = Literal[
    "inschrijving", "uitschrijving", "voorgenomen_verwijdering", "verwijdering"
]
MELDTERMIJN_DAGEN = 7


class NieuweKennisgeving(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    bsn: str
    brin: str
    soort: Kennisgevingsoort
    datum: date
    bestemming_brin: Annotated[str, msgspec.Meta(max_length=8)] | None = None
    reden: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class Kennisgeving(msgspec.Struct, frozen=True):
    id: UUID
    soort: Kennisgevingsoort
    datum: date
    te_laat: bool
    """Received more than 7 days after its date (Lpw art. 18)."""
    opvolging: bool
    """An uitschrijving without destination started the follow-up of art. 3.8."""
    ontvangen_op: datetime
    bsn: str | None = None
    naam: str | None = None
    """The pupil's name, in the school's own list."""


class Kennisgevingen(msgspec.Struct, frozen=True):
    items: list[Kennisgeving]
    next_cursor: str | None = None


async def indienen(ctx: RequestContext, data: NieuweKennisgeving) -> Kennisgeving:
    fouten: list[FieldError] = []
    if data.brin != ctx.principal.brin:
        fouten.append(FieldError("brin", f"alleen voor uw eigen school ({ctx.principal.brin})"))
    bsn = data.bsn.strip()
    if reden := reason_invalid(bsn):
        fouten.append(FieldError("bsn", reden))
    nu = ctx.db.clock.nu()
    vandaag = nu.date()
    if data.soort != "voorgenomen_verwijdering" and data.datum > vandaag:
        fouten.append(FieldError("datum", "een kennisgeving gaat over wat al gebeurd is"))
    if data.soort in ("voorgenomen_verwijdering", "verwijdering") and not (
        data.reden and data.reden.strip()
    ):
        fouten.append(FieldError("reden", "geef de reden van de verwijdering"))
    if data.bestemming_brin and data.soort != "uitschrijving":
        fouten.append(FieldError("bestemming_brin", "alleen bij een uitschrijving"))
    if fouten:
        raise unprocessable(fouten)
    te_laat = data.soort != "voorgenomen_verwijdering" and vandaag > data.datum + timedelta(
        days=MELDTERMIJN_DAGEN
    )
    async with ctx.tx(purpose="kennisgeving", nu=nu) as tx:
        if data.soort != "inschrijving":
            ingeschreven = await tx.conn.fetchval(
                "SELECT ingeschreven FROM verlof_context($1, $2, $3) LIMIT 1",
                bsn,
                data.brin,
                data.datum - timedelta(days=1)
                if data.soort in ("uitschrijving", "verwijdering")
                else data.datum,
            )
            if not ingeschreven:
                raise unprocessable(
                    [
                        FieldError(
                            "bsn", "de jongere stond op die datum niet bij uw school ingeschreven"
                        )
                    ]
                )
        if data.bestemming_brin and not await tx.conn.fetchval(
            "SELECT 1 FROM scholen WHERE brin = $1 LIMIT 1", data.bestemming_brin
        ):
            raise unprocessable([FieldError("bestemming_brin", "onbekende school")])
        jongere = await tx.conn.fetchrow(
            "SELECT id, geboortedatum FROM jongeren WHERE bsn = $1", bsn
        )
        opvolging = False
        if data.soort == "uitschrijving" and not data.bestemming_brin and jongere is not None:
            context = await tx.conn.fetch("SELECT * FROM opvolging_context($1)", jongere["id"])
            reden = te_volgen(
                jongere["geboortedatum"],
                vandaag,
                (),
                [Diploma(r["grond"], r["van"]) for r in context if r["soort"] == "diploma"],
                [
                    Vrijstelling(r["grond"], r["van"], r["tot"])
                    for r in context
                    if r["soort"] == "vrijstelling"
                ],
            )
            if reden is not None:
                opvolging = (
                    await signalen_vastleggen(
                        tx.conn,
                        "uitschrijving_zonder_inschrijving",
                        vandaag,
                        [
                            (
                                jongere["id"],
                                data.brin,
                                "00",
                                f"kennisgeving: uitgeschreven op {data.datum.isoformat()}"
                                " zonder bestemming",
                            )
                        ],
                        termijnen.uitschrijving_opvolgen(vandaag),
                    )
                    > 0
                )
        row = await tx.conn.fetchrow(
            "INSERT INTO kennisgevingen (tenant_id, bsn, jongere_id, brin, soort, datum,"
            " bestemming_brin, reden, te_laat, opvolging)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            " RETURNING *",
            tx.tenant_id,
            bsn,
            jongere["id"] if jongere else None,
            data.brin,
            data.soort,
            data.datum,
            data.bestemming_brin,
            data.reden,
            te_laat,
            opvolging,
        )
        assert row is not None
        await record(
            tx,
            "create",
            "kennisgeving",
            row["id"],
            jongere_id=row["jongere_id"],  # also for a pupil the school may not read (0032)
            detail={"soort": data.soort, "te_laat": te_laat, "opvolging": opvolging},
        )
    return _uit(row)


async def eigen(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Kennisgevingen:
    """The school's own notices, newest first, a page at a time."""
    na = lees_cursor(cursor, "kennisgevingen", datetime, UUID)
    async with ctx.tx(purpose="kennisgeving") as tx:
        rows = await tx.conn.fetch(
            "SELECT k.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam"
            " FROM kennisgevingen k"
            " LEFT JOIN jongeren j ON j.tenant_id = k.tenant_id AND j.id = k.jongere_id"
            " WHERE k.brin = $1 AND ($2::timestamptz IS NULL OR (k.ontvangen_op, k.id) < ($2, $3))"
            " ORDER BY k.ontvangen_op DESC, k.id DESC LIMIT $4",
            ctx.principal.brin,
            *na,
            limit + 1,
        )
        found = await gelezen_pagina(
            tx,
            "kennisgeving",
            rows,
            limit,
            "kennisgevingen",
            lambda r: (r["ontvangen_op"], r["id"]),
            _uit,
        )
    return Kennisgevingen(found.items, found.next_cursor)


def _uit(r: Any) -> Kennisgeving:
    return Kennisgeving(
        r["id"],
        r["soort"],
        r["datum"],
        r["te_laat"],
        r["opvolging"],
        r["ontvangen_op"],
        bsn=r["bsn"],
        naam=r.get("naam") or None,
    )
