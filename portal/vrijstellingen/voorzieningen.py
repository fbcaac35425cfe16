"""Whether an onderwijsvoorziening is a school (art. 13): the leerplichtambtenaar asks the Inspectie
(through the outbox) with a term for its advice, follows the advice (13.2), and when the
voorziening is not a school informs the parents of its jongeren in writing within 7 days (13.3) —
here at once, in the transaction that records the advice, one letter per jongere."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.brieven.service import opstellen
from portal.db.paging import STANDAARD, Pagina, gelezen_pagina, lees_cursor
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.personen import Jongere
from portal.dossier.werklog import werklog
from portal.outbox.berichten import AdviesVerzoek
from portal.outbox.store import enqueue
from portal.problems import FieldError, conflict, unprocessable

OUDERS_INFORMEREN_DAGEN = 7


class Vraag(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    naam: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    adres: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    bsns: Annotated[list[str], msgspec.Meta(min_length=1, max_length=500)]
    advies_uiterlijk: date


class Advies(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    is_school: bool
    datum: date


class Voorziening(msgspec.Struct, frozen=True):
    id: UUID
    naam: str
    adres: str
    gevraagd_op: date
    advies_uiterlijk: date
    advies: str | None
    advies_op: date | None
    ouders_informeren_uiterlijk: date | None
    ouders_geinformeerd_op: date | None
    jongeren: int
    brieven: list[str] = msgspec.field(default_factory=list)


async def vragen(ctx: RequestContext, vraag: Vraag) -> Voorziening:
    nu = ctx.db.clock.nu()
    if vraag.advies_uiterlijk <= nu.date():
        raise unprocessable([FieldError("advies_uiterlijk", "de termijn ligt niet in de toekomst")])
    async with ctx.tx(purpose="onderwijsvoorziening", nu=nu) as tx:
        jongeren = await tx.conn.fetch(
            "SELECT id, bsn FROM jongeren WHERE bsn = ANY($1::text[]) AND gemeentecode = tenant_id",
            vraag.bsns,
        )
        onbekend = sorted(set(vraag.bsns) - {j["bsn"] for j in jongeren})
        if onbekend:
            raise unprocessable(
                [FieldError("bsns", f"{len(onbekend)} BSN('s) niet bekend in uw gemeente")]
            )
        ident: UUID = await tx.conn.fetchval(
            "INSERT INTO onderwijsvoorzieningen (tenant_id, naam, adres, advies_uiterlijk)"
            " VALUES ($1, $2, $3, $4) RETURNING id",
            tx.tenant_id,
            vraag.naam.strip(),
            vraag.adres.strip(),
            vraag.advies_uiterlijk,
        )
        await tx.conn.executemany(
            "INSERT INTO onderwijsvoorziening_jongeren (tenant_id, voorziening_id, jongere_id)"
            " VALUES ($1, $2, $3)",
            [(tx.tenant_id, ident, j["id"]) for j in jongeren],
        )
        bericht = await enqueue(
            tx,
            "inspectie",
            "adviesverzoek",
            AdviesVerzoek(
                verzoek_id=ident,
                gemeentecode=tx.tenant_id,
                voorziening=vraag.naam.strip(),
                adres=vraag.adres.strip(),
                aantal_jongeren=len(jongeren),
                advies_uiterlijk=vraag.advies_uiterlijk,
            ),
        )
        await tx.conn.execute(
            "UPDATE onderwijsvoorzieningen SET bericht_id = $2 WHERE id = $1", ident, bericht
        )
        for j in jongeren:
            await werklog(
                tx,
                j["id"],
                "Onderwijsvoorziening (art. 13)",
                f"Inspectie gevraagd of {vraag.naam.strip()} een school is",
                False,
            )
        await record(tx, "create", "onderwijsvoorziening", ident)
        return await _lees(tx, ident)


async def advies(ctx: RequestContext, ident: UUID, data: Advies) -> Voorziening | None:
    nu = ctx.db.clock.nu()
    if data.datum > nu.date():
        raise unprocessable([FieldError("datum", "de datum ligt in de toekomst")])
    async with ctx.tx(purpose="onderwijsvoorziening", nu=nu) as tx:
        v = await tx.conn.fetchrow(
            "SELECT * FROM onderwijsvoorzieningen WHERE id = $1 FOR UPDATE", ident
        )
        if v is None:
            return None
        if v["advies"] is not None:
            raise conflict("Het advies is al vastgelegd.")
        uitkomst = "school" if data.is_school else "geen_school"
        uiterlijk = None if data.is_school else data.datum + timedelta(days=OUDERS_INFORMEREN_DAGEN)
        await tx.conn.execute(
            "UPDATE onderwijsvoorzieningen SET advies = $2, advies_op = $3,"
            " ouders_informeren_uiterlijk = $4,"
            " ouders_geinformeerd_op = CASE WHEN $2 = 'geen_school' THEN $5::date END"
            " WHERE id = $1",
            ident,
            uitkomst,
            data.datum,
            uiterlijk,
            tx.vandaag,
        )
        brieven: list[str] = []
        jongeren = await tx.conn.fetch(
            "SELECT j.* FROM onderwijsvoorziening_jongeren o JOIN jongeren j ON j.id = o.jongere_id"
            " WHERE o.voorziening_id = $1",
            ident,
        )
        for j in jongeren:
            tekst = "advies Inspectie: " + ("een school" if data.is_school else "geen school")
            await werklog(tx, j["id"], "Onderwijsvoorziening (art. 13)", tekst, False)
            if not data.is_school:
                brief = await opstellen(
                    tx,
                    "onderwijsvoorziening_geen_school",
                    jongere=Jongere.van(j),
                    zaak_id=None,
                    kopie_school=False,
                    extra={"voorziening": v["naam"], "advies_op": data.datum},
                )
                brieven.append(str(brief))
        await record(tx, "update", "onderwijsvoorziening", ident, detail={"advies": uitkomst})
        gelezen = await _lees(tx, ident)
    return msgspec.structs.replace(gelezen, brieven=brieven)


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Voorziening]:
    """The questions to the Inspectie, unanswered ones first, by their term."""
    na = lees_cursor(cursor, "voorzieningen", int, date, UUID)
    async with ctx.tx(purpose="onderwijsvoorziening") as tx:
        ids = await tx.conn.fetch(
            "SELECT id, (advies IS NOT NULL)::int AS klaar, advies_uiterlijk"
            " FROM onderwijsvoorzieningen WHERE $1::int IS NULL"
            " OR ((advies IS NOT NULL)::int, advies_uiterlijk, id) > ($1, $2, $3)"
            " ORDER BY klaar, advies_uiterlijk, id LIMIT $4",
            *na,
            limit + 1,
        )
        page = await gelezen_pagina(
            tx,
            "onderwijsvoorziening",
            ids,
            limit,
            "voorzieningen",
            lambda r: (r["klaar"], r["advies_uiterlijk"], r["id"]),
            lambda r: r["id"],
            jongere=lambda _: None,  # a question to the Inspectie, about a school's offer
        )
        return Pagina([await _lees(tx, i) for i in page.items], page.next_cursor)


async def _lees(tx: Tx, ident: UUID) -> Voorziening:
    v: Any = await tx.conn.fetchrow(
        "SELECT v.*, (SELECT count(*) FROM onderwijsvoorziening_jongeren o"
        " WHERE o.voorziening_id = v.id) AS jongeren FROM onderwijsvoorzieningen v WHERE v.id = $1",
        ident,
    )
    return Voorziening(
        id=v["id"],
        naam=v["naam"],
        adres=v["adres"],
        gevraagd_op=v["gevraagd_op"],
        advies_uiterlijk=v["advies_uiterlijk"],
        advies=v["advies"],
        advies_op=v["advies_op"],
        ouders_informeren_uiterlijk=v["ouders_informeren_uiterlijk"],
        ouders_geinformeerd_op=v["ouders_geinformeerd_op"],
        jongeren=v["jongeren"],
    )
