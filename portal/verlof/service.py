"""A school's verlofaanvraag: routed to the director or the leerplichtambtenaar by the pure rule in
`portal/domain/verlof.py`, over the jongere's other applications of the school year (read through
the named route `verlof_context`, which answers a school only about its own pupils). The
application, its audit event and (for the director's decision) the decision commit in one
transaction; a rule broken is a 422 and writes nothing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from portal.audit.log import record
from portal.db.paging import STANDAARD, Pagina, gelezen_pagina, lees_cursor
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.bsn import reason_invalid
from portal.domain.kalender import Periode, is_schooldag, schooljaar
from portal.domain.verlof import Aanvraag, Beslisser, Eerder, Grond, beoordeel
from portal.problems import FieldError, conflict, unprocessable
from portal.verlof.models import Besluit, NieuweAanvraag, Verlofaanvraag, VerlofLijst


async def eerste_lesdag(tx: Tx, dag: date) -> date | None:
    """The first schooldag after the summer holiday that opens `dag`'s school year, from the
    gemeente's holidays; None when they are not set."""
    jaar = schooljaar(dag)
    zomer = await tx.conn.fetchrow(
        "SELECT van, tot FROM schoolvakanties WHERE schooljaar = $1 AND naam = 'zomer'", jaar
    )
    if zomer is None:
        return None
    vakantie = [Periode(zomer["van"], zomer["tot"])]
    lesdag = zomer["tot"]
    while True:
        lesdag = date.fromordinal(lesdag.toordinal() + 1)
        if is_schooldag(lesdag, vakantie):
            return lesdag


async def aanvragen(ctx: RequestContext, data: NieuweAanvraag) -> Verlofaanvraag:
    if data.brin != ctx.principal.brin:
        raise unprocessable(
            [
                FieldError(
                    "brin", f"u kunt alleen aanvragen voor uw eigen school ({ctx.principal.brin})"
                )
            ]
        )
    bsn = data.bsn.strip()
    if reden := reason_invalid(bsn):
        raise unprocessable([FieldError("bsn", reden)])
    async with ctx.tx(purpose="verlofaanvraag") as tx:
        rows = await tx.conn.fetch(
            "SELECT * FROM verlof_context($1, $2, $3)", bsn, data.brin, data.eerste_dag
        )
        if not rows or not rows[0]["ingeschreven"]:
            raise unprocessable(
                [
                    FieldError(
                        "bsn",
                        "de jongere staat op de eerste verlofdag niet bij uw school ingeschreven",
                    )
                ]
            )
        eerder = [
            Eerder(
                grond=Grond(r["grond"]), eerste_dag=r["eerste_dag"], schooldagen=r["schooldagen"]
            )
            for r in rows[1:]
        ]
        aanvraag = Aanvraag(
            grond=data.grond,
            eerste_dag=data.eerste_dag,
            laatste_dag=data.laatste_dag,
            schooldagen=data.schooldagen,
            buitenland=data.buitenland,
            graad=data.graad,
            toelichting=data.toelichting,
        )
        oordeel = beoordeel(aanvraag, eerder, await eerste_lesdag(tx, data.eerste_dag))
        if oordeel.fouten:
            raise unprocessable([FieldError(f.field, f.message) for f in oordeel.fouten])
        row = await tx.conn.fetchrow(
            "INSERT INTO verlofaanvragen (tenant_id, bsn, brin, grond, eerste_dag, laatste_dag,"
            " schooldagen, buitenland, graad, toelichting, beslisser, waarschuwingen)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *",
            tx.tenant_id,
            bsn,
            data.brin,
            data.grond.value,
            data.eerste_dag,
            data.laatste_dag,
            data.schooldagen,
            data.buitenland,
            data.graad,
            data.toelichting or None,
            oordeel.beslisser.value,
            oordeel.waarschuwingen,
        )
        assert row is not None
        jongere = await tx.conn.fetchval("SELECT id FROM jongeren WHERE bsn = $1", bsn)
        await record(
            tx,
            "create",
            "verlofaanvraag",
            row["id"],
            jongere_id=jongere,
            detail={"grond": data.grond.value, "beslisser": oordeel.beslisser.value},
        )
    return _uit(row)


async def besluiten(
    ctx: RequestContext, aanvraag_id: UUID, besluit: Besluit
) -> Verlofaanvraag | None:
    """The director's decision, recorded by the school (only where the director decides)."""
    async with ctx.tx(purpose="verlofbesluit") as tx:
        row = await _van_school_voor_wijziging(tx, aanvraag_id)
        if row is None:
            return None
        if row["beslisser"] != Beslisser.DIRECTEUR:
            raise conflict(
                "Over deze aanvraag beslist de leerplichtambtenaar (meer dan 10 schooldagen om"
                " andere gewichtige omstandigheden in het schooljaar)."
            )
        if row["status"] != "in_behandeling":
            raise conflict("Over deze aanvraag is al besloten.")
        if besluit.besluit == "verleend" and besluit.schooldagen > row["schooldagen"]:
            raise unprocessable(
                [FieldError("schooldagen", "niet meer schooldagen verlenen dan aangevraagd")]
            )
        row = await tx.conn.fetchrow(
            "UPDATE verlofaanvragen SET status = $2, besluit_schooldagen = $3, motivering = $4,"
            " besloten_op = now(), besloten_door = $5 WHERE id = $1 RETURNING *",
            aanvraag_id,
            besluit.besluit,
            besluit.schooldagen if besluit.besluit == "verleend" else 0,
            besluit.motivering,
            ctx.principal.user_id,
        )
        assert row is not None
        jongere = await tx.conn.fetchval("SELECT id FROM jongeren WHERE bsn = $1", row["bsn"])
        await record(
            tx,
            "update",
            "verlofaanvraag",
            aanvraag_id,
            jongere_id=jongere,
            detail={"besluit": besluit.besluit},
        )
    return _uit(row)


async def _van_school_voor_wijziging(tx: Tx, aanvraag_id: UUID) -> asyncpg.Record | None:
    """The school's own application, locked for the change a use case is about to make."""
    return await tx.conn.fetchrow(
        "SELECT * FROM verlofaanvragen WHERE id = $1 AND brin = $2 FOR UPDATE",
        aanvraag_id,
        tx.principal.brin if tx.principal else None,
    )


async def advies_vragen(
    ctx: RequestContext, aanvraag_id: UUID, vraag: str
) -> Verlofaanvraag | None:
    """Art. 5.9: the director asks the leerplichtambtenaar's advice before deciding."""
    async with ctx.tx(purpose="verlofbesluit") as tx:
        row = await _van_school_voor_wijziging(tx, aanvraag_id)
        if row is None:
            return None
        if row["beslisser"] != Beslisser.DIRECTEUR or row["status"] != "in_behandeling":
            raise conflict("Advies vraagt de directeur over een aanvraag waarover hij nog beslist.")
        row = await tx.conn.fetchrow(
            "UPDATE verlofaanvragen SET advies_vraag = $2 WHERE id = $1 RETURNING *",
            aanvraag_id,
            vraag.strip(),
        )
        await record(tx, "update", "verlofaanvraag", aanvraag_id, detail={"advies_gevraagd": True})
    return _uit(row)


async def advies_geven(
    ctx: RequestContext, aanvraag_id: UUID, advies: str
) -> Verlofaanvraag | None:
    """The leerplichtambtenaar's advice on a director's application that asked for it."""
    async with ctx.tx(purpose="verlof") as tx:
        row = await tx.conn.fetchrow(
            "SELECT * FROM verlofaanvragen WHERE id = $1 AND advies_vraag IS NOT NULL FOR UPDATE",
            aanvraag_id,
        )
        if row is None:
            return None
        if row["advies"] is not None:
            raise conflict("Het advies is al gegeven.")
        row = await tx.conn.fetchrow(
            "UPDATE verlofaanvragen SET advies = $2, advies_op = now() WHERE id = $1 RETURNING *",
            aanvraag_id,
            advies.strip(),
        )
        await record(tx, "update", "verlofaanvraag", aanvraag_id, detail={"advies_gegeven": True})
    return _uit(row)


async def adviesvragen(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Verlofaanvraag]:
    """Directors' applications waiting for the leerplichtambtenaar's advice, oldest first."""
    na = lees_cursor(cursor, "adviesvragen", datetime, UUID)
    async with ctx.tx(purpose="verlof") as tx:
        rows = await tx.conn.fetch(
            "SELECT * FROM verlofaanvragen WHERE advies_vraag IS NOT NULL AND advies IS NULL"
            " AND ($1::timestamptz IS NULL OR (ingediend_op, id) > ($1, $2))"
            " ORDER BY ingediend_op, id LIMIT $3",
            *na,
            limit + 1,
        )
        return await gelezen_pagina(
            tx,
            "verlofaanvraag",
            rows,
            limit,
            "adviesvragen",
            lambda r: (r["ingediend_op"], r["id"]),
            _uit,
            jongere=lambda _: None,  # an application names a BSN, not (yet) a jongere
        )


_EIGEN = """
SELECT v.*, l.jongere_id, l.naam FROM verlofaanvragen v
LEFT JOIN LATERAL (
    SELECT j.id AS jongere_id,
           concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam
    FROM jongeren j
    WHERE j.tenant_id = v.tenant_id AND j.bsn = v.bsn AND eigen_leerling(j.tenant_id, j.id)
) l ON true
"""
"""A school's own applications with the pupil's name: only for a pupil enrolled at that school
(the application required it; a pupil who lives in another gemeente has no name here). The
school's test is the database's own (`eigen_leerling`, migration 0032), named here as well."""


async def eigen(ctx: RequestContext, *, limit: int, cursor: str | None) -> VerlofLijst:
    na = lees_cursor(cursor, "verlof school", datetime, UUID)
    async with ctx.tx(purpose="status verlof") as tx:
        rows = await tx.conn.fetch(
            _EIGEN + " WHERE v.brin = $1"
            " AND ($2::timestamptz IS NULL OR (v.ingediend_op, v.id) < ($2, $3::uuid))"
            " ORDER BY v.ingediend_op DESC, v.id DESC LIMIT $4",
            ctx.principal.brin,
            *na,
            limit + 1,
        )
        found = await gelezen_pagina(
            tx,
            "verlofaanvraag",
            rows,
            limit,
            "verlof school",
            lambda r: (r["ingediend_op"], r["id"]),
            _uit,
        )
    return VerlofLijst(found.items, found.next_cursor)


async def een(ctx: RequestContext, aanvraag_id: UUID) -> Verlofaanvraag | None:
    async with ctx.tx(purpose="status verlof") as tx:
        row = await tx.conn.fetchrow(
            _EIGEN + " WHERE v.id = $1 AND v.brin = $2", aanvraag_id, ctx.principal.brin
        )
        if row is not None:
            await record(tx, "read", "verlofaanvraag", aanvraag_id, jongere_id=row["jongere_id"])
    return _uit(row) if row else None


def _uit(r: Any) -> Verlofaanvraag:
    return Verlofaanvraag(
        id=r["id"],
        status=r["status"],
        beslisser=Beslisser(r["beslisser"]),
        waarschuwingen=list(r["waarschuwingen"]),
        grond=r["grond"],
        eerste_dag=r["eerste_dag"],
        laatste_dag=r["laatste_dag"],
        schooldagen=r["schooldagen"],
        ingediend_op=r["ingediend_op"],
        besluit_schooldagen=r["besluit_schooldagen"],
        motivering=r["motivering"],
        advies_vraag=r["advies_vraag"],
        advies=r["advies"],
        bsn=r["bsn"],
        naam=r.get("naam") or None,
    )
