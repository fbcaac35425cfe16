"""Intake of a school's verzuimmelding: validate, assign schoolgebonden, record, audit.

One transaction: the melding, its first deadline and the audit event commit together; a melding
that breaks a rule raises before anything is written (and the transaction rolls back regardless).
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import asyncpg
import msgspec

from portal.audit.log import record
from portal.db.paging import gelezen_pagina, lees_cursor
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain import termijnen
from portal.domain.melding import Feiten, controleer
from portal.outbox.berichten import MeldingRegistratie
from portal.outbox.store import enqueue
from portal.problems import FieldError, unprocessable
from portal.verzuim.models import Melding, MeldingLijst, NieuweMelding, Termijn

_SELECT = """
SELECT m.id, m.soort, m.status, m.ontvangen_op, m.periode_van, m.periode_tot, m.reden_afgesloten,
       m.jongere_id, m.bsn, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       coalesce((SELECT array_agg(t.soort ORDER BY t.uiterlijk) FROM termijnen t
                 WHERE t.melding_id = m.id), '{}') AS t_soort,
       coalesce((SELECT array_agg(t.uiterlijk ORDER BY t.uiterlijk) FROM termijnen t
                 WHERE t.melding_id = m.id), '{}') AS t_uiterlijk
FROM meldingen m
LEFT JOIN jongeren j ON j.tenant_id = m.tenant_id AND j.id = m.jongere_id
"""


def _melding(r: asyncpg.Record) -> Melding:
    return Melding(
        id=r["id"],
        soort=r["soort"],
        status=r["status"],
        ontvangen_op=r["ontvangen_op"],
        termijnen=[Termijn(s, u) for s, u in zip(r["t_soort"], r["t_uiterlijk"], strict=True)],
        periode_van=r["periode_van"],
        periode_tot=r["periode_tot"],
        reden_afgesloten=r["reden_afgesloten"] if r["status"] == "afgesloten" else None,
        bsn=r["bsn"],
        naam=r["naam"] or None,
    )


async def meld(ctx: RequestContext, data: NieuweMelding) -> Melding:
    if data.brin != ctx.principal.brin or data.vestiging != (ctx.principal.vestiging or "00"):
        raise unprocessable(
            [
                FieldError(
                    "brin", f"u kunt alleen melden voor uw eigen school ({ctx.principal.brin})"
                )
            ]
        )
    nu = ctx.db.clock.nu()
    vandaag = nu.date()
    async with ctx.tx(purpose="verzuimmelding", nu=nu) as tx:
        context = await tx.conn.fetchrow(
            "SELECT * FROM melding_context($1, $2, $3, $4)",
            data.bsn.strip().zfill(9) if data.bsn.strip().isdigit() else data.bsn,
            data.brin,
            data.vestiging,
            data.periode_tot,
        )
        assert context is not None
        fouten = controleer(
            Feiten(
                bsn=data.bsn,
                soort=data.soort,
                periode_van=data.periode_van,
                periode_tot=data.periode_tot,
                verzuimde_uren=data.verzuimde_uren,
                ondernomen_actie=data.ondernomen_actie,
                vandaag=vandaag,
                ingeschreven_op_periode_tot=context["ingeschreven"],
                geboortedatum=context["geboortedatum"],
                startkwalificatie_sinds=context["startkwalificatie_sinds"],
            )
        )
        if fouten:
            raise unprocessable([FieldError(f.field, f.message) for f in fouten])
        bsn = data.bsn.strip().zfill(9)
        row = await tx.conn.fetchrow(
            """INSERT INTO meldingen (tenant_id, bsn, jongere_id, brin, vestiging, soort, wettelijk,
                   periode_van, periode_tot, verzuimde_uren, verzuimde_dagen, alle_lessen_gemist,
                   vermoedelijke_reden, ondernomen_actie, actie_gemeente_gewenst, toelichting,
                   melder, team_id, ontvangen_op, contact_ouders)
               SELECT $1, $2, (SELECT id FROM jongeren WHERE bsn = $2), $3, $4, $5, $6, $7, $8,
                   $9, $10, $11, $12, $13, $14, $15, $16,
                   (SELECT t.id FROM scholen s JOIN teams t ON t.naam = s.team
                    WHERE s.brin = $3 AND s.vestiging = $4), $17, $18
               RETURNING id, jongere_id, ontvangen_op""",
            tx.tenant_id,
            bsn,
            data.brin,
            data.vestiging,
            data.soort.value,
            data.soort.wettelijk,
            data.periode_van,
            data.periode_tot,
            data.verzuimde_uren,
            data.verzuimde_dagen,
            data.alle_lessen_gemist,
            data.vermoedelijke_reden,
            data.ondernomen_actie,
            data.actie_gemeente_gewenst,
            data.toelichting,
            msgspec.to_builtins(data.melder),
            tx.nu,
            msgspec.to_builtins(data.contact_ouders),
        )
        assert row is not None
        deadlines = await termijnen_vastleggen(tx, row["id"], tx.vandaag, data.soort.value)
        # Lpw art. 21: registered at DUO from here, so the school reports once.
        await enqueue(
            tx,
            "duo",
            "melding",
            MeldingRegistratie(
                melding_id=row["id"],
                gemeentecode=tx.tenant_id,
                bsn=bsn,
                brin=data.brin,
                vestiging=data.vestiging,
                soort=data.soort.value,
                periode_van=data.periode_van,
                periode_tot=data.periode_tot,
                verzuimde_uren=data.verzuimde_uren,
                verzuimde_dagen=data.verzuimde_dagen,
                ondernomen_actie=data.ondernomen_actie,
                melder_naam=data.melder.naam,
                melder_telefoon=data.melder.telefoon,
                melder_email=data.melder.email,
            ),
        )
        await record(
            tx,
            "create",
            "melding",
            row["id"],
            jongere_id=row["jongere_id"],
            detail={"soort": data.soort.value, "kanaal": "portaal"},
        )
    return Melding(
        id=row["id"],
        soort=data.soort.value,
        status="geregistreerd",
        ontvangen_op=row["ontvangen_op"],
        termijnen=[Termijn(t.soort, t.uiterlijk) for t in deadlines],
        periode_van=data.periode_van,
        periode_tot=data.periode_tot,
        bsn=bsn,
    )


async def termijnen_vastleggen(
    tx: Tx, melding_id: UUID, ontvangen: date, soort: str
) -> list[termijnen.Termijn]:
    """The deadlines a new melding starts (art. 6.3), as rows: the same for every channel."""
    deadlines = termijnen.melding_ontvangen(ontvangen, soort)
    for t in deadlines:
        await tx.conn.execute(
            "INSERT INTO termijnen (tenant_id, melding_id, soort, omschrijving, artikel,"
            " dagsoort, uiterlijk) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            tx.tenant_id,
            melding_id,
            t.soort,
            t.omschrijving,
            t.artikel,
            t.dagsoort.value,
            t.uiterlijk,
        )
    return deadlines


async def eigen_melding(ctx: RequestContext, melding_id: UUID) -> Melding | None:
    """A melding of the caller's own school; another school's (or gemeente's) is not found."""
    async with ctx.tx(purpose="status melding") as tx:
        row = await tx.conn.fetchrow(
            _SELECT + " WHERE m.id = $1 AND m.brin = $2 AND m.vestiging = $3",
            melding_id,
            ctx.principal.brin,
            ctx.principal.vestiging or "00",
        )
        if row is None:
            return None
        await record(tx, "read", "melding", melding_id, jongere_id=row["jongere_id"])
    return _melding(row)


async def eigen_meldingen(ctx: RequestContext, *, limit: int, cursor: str | None) -> MeldingLijst:
    na = lees_cursor(cursor, "meldingen", datetime, UUID)
    async with ctx.tx(purpose="status meldingen") as tx:
        rows = await tx.conn.fetch(
            _SELECT + " WHERE m.brin = $1 AND m.vestiging = $2"
            " AND ($3::timestamptz IS NULL OR (m.ontvangen_op, m.id) < ($3, $4::uuid))"
            " ORDER BY m.ontvangen_op DESC, m.id DESC LIMIT $5",
            ctx.principal.brin,
            ctx.principal.vestiging or "00",
            *na,
            limit + 1,
        )
        found = await gelezen_pagina(
            tx,
            "melding",
            rows,
            limit,
            "meldingen",
            lambda r: (r["ontvangen_op"], r["id"]),
            _melding,
        )
    return MeldingLijst(items=found.items, next_cursor=found.next_cursor)
