"""Drafting a letter inside a use case's transaction, and reading letters (audited).

The tenant's own template wins over the default; the PDF and its SHA-256 are stored, so the
dossier shows exactly what was sent."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.brieven import kader, pool
from portal.db.paging import STANDAARD, Pagina, lees_cursor, pagina
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.leerplicht import leeftijd
from portal.domain.personen import Jongere
from portal.tenants import repository as tenants


class BriefUit(msgspec.Struct, frozen=True):
    id: UUID
    soort: str
    titel: str
    opgesteld_op: datetime
    sha256: str
    kopie_school: bool
    zaak_id: UUID | None = None
    handmatig_adres: bool = False
    """No postable address was known: the address must be written on the letter by hand."""
    leerling: str | None = None
    """In the school's list of copies: whose letter it is (a pupil of that school)."""


class Schoolperiode(msgspec.Struct, frozen=True):
    """The school and the period a letter is about: a melding's, or a verlof application's."""

    brin: str
    vestiging: str | None
    van: date
    tot: date


async def opstellen(
    tx: Tx,
    soort: str,
    *,
    jongere: Jongere,
    zaak_id: UUID | None,
    periode: Schoolperiode | None = None,
    kopie_school: bool,
    wpg: bool = False,
    extra: dict[str, Any] | None = None,
    kenmerk: str | None = None,
) -> UUID:
    """`periode` names the school and the period (a melding's, a verlof application's);
    `extra` adds what a letter of another werkproces needs (a verlof decision, its term);
    `kenmerk` the application's own number when the letter is not a case's."""
    eigen = await tx.conn.fetchval("SELECT inhoud FROM brief_sjablonen WHERE soort = $1", soort)
    gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
    naam_gemeente = gemeente.naam if gemeente else tx.tenant_id
    school = None
    if periode is not None:
        school = await tx.conn.fetchval("SELECT naam FROM scholen WHERE brin = $1", periode.brin)
    vandaag = tx.vandaag
    aan = kader.geadresseerde(soort, jongere, school, vandaag, (extra or {}).get("naar_gemeente"))
    wie = await kader.contact(tx)
    if kenmerk is None:
        kenmerk = await _kenmerk(tx, zaak_id)
    brief = await pool.opstellen(
        soort,
        {
            "gemeente": naam_gemeente,
            "vandaag": vandaag,
            "opgesteld_op": tx.nu,
            "kenmerk": kenmerk,
            "jongere": {
                "naam": jongere.naam,
                "voornaam": jongere.roepnaam,
                "adres": (aan.regels or [""])[0],
                "woonplaats": jongere.woonplaats or "",
                "leeftijd": leeftijd(jongere.geboortedatum, vandaag),
            },
            "school": school or "de school",
            "periode_van": periode.van if periode else vandaag,
            "periode_tot": periode.tot if periode else vandaag,
            "leerplichtambtenaar": wie.get("naam") or (tx.principal.naam if tx.principal else ""),
            "contact": wie,
            "aan": msgspec.to_builtins(aan),
            "afzender": await kader.afzender(tx, naam_gemeente),
            "reageren_voor": termijn(vandaag, REAGEREN_WERKDAGEN, Dagsoort.WERKDAGEN),
            "antwoord_uiterlijk": termijn(vandaag, ANTWOORD_WERKDAGEN, Dagsoort.WERKDAGEN),
            **(extra or {}),
        },
        eigen,
        veld="sjabloon",
    )
    brief_id: UUID = await tx.conn.fetchval(
        "INSERT INTO brieven (tenant_id, jongere_id, zaak_id, soort, titel, pdf, sha256,"
        " kopie_school, brin, vestiging, wpg, handmatig_adres)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " RETURNING id",
        tx.tenant_id,
        jongere.id,
        zaak_id,
        soort,
        brief.titel,
        brief.pdf,
        brief.sha256,
        kopie_school,
        periode.brin if periode else None,
        periode.vestiging if periode else None,
        wpg,
        aan.handmatig,
    )
    await record(
        tx,
        "create",
        "brief",
        brief_id,
        jongere_id=jongere.id,
        detail={"soort": soort, "sha256": brief.sha256, "kopie_school": kopie_school},
    )
    return brief_id


REAGEREN_WERKDAGEN = 5
"""The werkdagen the uitnodiging gives the parents to call (its text names the date)."""
ANTWOORD_WERKDAGEN = 10
"""The werkdagen the parents have to answer a letter about absoluut verzuim (art. 3.7)."""


async def _kenmerk(tx: Tx, zaak_id: UUID | None) -> str:
    """The case's "Ons kenmerk"; a letter outside a case without a number of its own has none."""
    if zaak_id is None:
        return ""
    kenmerk: str | None = await tx.conn.fetchval("SELECT kenmerk FROM zaken WHERE id = $1", zaak_id)
    return kenmerk or ""


def _uit(r: Any) -> BriefUit:
    return BriefUit(
        r["id"],
        r["soort"],
        r["titel"],
        r["opgesteld_op"],
        r["sha256"],
        r["kopie_school"],
        r.get("zaak_id"),  # not in a school's list: case ids are not the school's business
        bool(r.get("handmatig_adres")),
        r.get("leerling") or None,  # only in the school's list, only of its own pupils (RLS)
    )


async def van_jongere(
    ctx: RequestContext, jongere_id: UUID, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[BriefUit] | None:
    """The jongere's letters, newest first, a page at a time; None for a jongere out of scope."""
    na = lees_cursor(cursor, "brieven", datetime, UUID)
    async with ctx.tx(purpose="dossier inzien") as tx:
        if not await tx.conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM jongeren WHERE id = $1)", jongere_id
        ):
            return None  # another gemeente's jongere, or none: not found
        rows = await tx.conn.fetch(
            "SELECT id, soort, titel, opgesteld_op, sha256, kopie_school, zaak_id,"
            " handmatig_adres FROM brieven"
            " WHERE jongere_id = $1 AND ($2::timestamptz IS NULL OR (opgesteld_op, id) < ($2, $3))"
            " ORDER BY opgesteld_op DESC, id DESC LIMIT $4",
            jongere_id,
            *na,
            limit + 1,
        )
        if rows:
            await record(tx, "read", "brieven", jongere_id, jongere_id=jongere_id)
    return pagina(rows, limit, "brieven", lambda r: (r["opgesteld_op"], r["id"]), _uit)


async def kopieen_school(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[BriefUit]:
    """The letters copied to the caller's school, newest first, a page at a time."""
    na = lees_cursor(cursor, "kopieen", datetime, UUID)
    async with ctx.tx(purpose="kopie brief school") as tx:
        rows = await tx.conn.fetch(
            "SELECT b.id, b.soort, b.titel, b.opgesteld_op, b.sha256, b.kopie_school,"
            " b.jongere_id, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS leerling"
            " FROM brieven b LEFT JOIN jongeren j ON j.id = b.jongere_id"
            " WHERE b.kopie_school AND b.brin = $1"
            " AND ($2::timestamptz IS NULL OR (b.opgesteld_op, b.id) < ($2, $3))"
            " ORDER BY b.opgesteld_op DESC, b.id DESC LIMIT $4",
            ctx.principal.brin,
            *na,
            limit + 1,
        )
        for r in rows[:limit]:
            await record(tx, "read", "brief", r["id"], jongere_id=r["jongere_id"])
    return pagina(rows, limit, "kopieen", lambda r: (r["opgesteld_op"], r["id"]), _uit)


async def pdf(ctx: RequestContext, brief_id: UUID) -> tuple[str, bytes] | None:
    async with ctx.tx(purpose="brief inzien") as tx:
        row = await tx.conn.fetchrow(
            "SELECT soort, pdf, jongere_id FROM brieven WHERE id = $1", brief_id
        )
        if row is None:
            return None
        await record(tx, "read", "brief", brief_id, jongere_id=row["jongere_id"])
    return row["soort"], bytes(row["pdf"])
