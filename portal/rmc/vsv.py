"""The monthly VSV list (art. 9a): built for the whole region by the contactgemeente's
RMC-coördinator, sent to the Inlichtingenbureau through the outbox, read back per woongemeente.

Building is one transaction: the region's candidates are read through the named policy
`vsv_regionaal_lezen` (only with this purpose), the pure rule in `portal/domain/vsv.py` decides,
the month's rows are replaced, and the list, its audit events and the outbox message commit
together. A regiogemeente reads only its own residents' rows (policy `vsv_eigen_inwoners`); every
row shown or downloaded is an audited read.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from typing import Any
from uuid import UUID

import msgspec
from litestar.exceptions import PermissionDeniedException

from portal.audit.log import record, record_many
from portal.db.paging import STANDAARD, lees_cursor, maak_cursor, pagina
from portal.db.request_context import RequestContext
from portal.domain.leerplicht import STARTKWALIFICATIES
from portal.domain.vsv import Inschrijving, is_vsv, maand_einde
from portal.outbox.berichten import Inkomen, VsvLijst, VsvRegel
from portal.outbox.store import enqueue
from portal.problems import FieldError, unprocessable

BOUWEN = "vsv-lijst bouwen"

# A superset of the rule (ages by whole years on either side); the rule itself decides.
_KANDIDATEN = """
SELECT j.tenant_id, j.id, j.bsn, j.voornamen, j.voorvoegsel, j.geslachtsnaam, j.geboortedatum,
       array_agg(i.datum_inschrijving ORDER BY i.datum_inschrijving) AS van,
       array_agg(i.datum_uitschrijving ORDER BY i.datum_inschrijving) AS tot,
       (array_agg(i.brin ORDER BY i.datum_uitschrijving DESC NULLS FIRST))[1] AS brin,
       (array_agg(i.vestiging ORDER BY i.datum_uitschrijving DESC NULLS FIRST))[1] AS vestiging,
       max(i.datum_uitschrijving) AS datum_uitschrijving,
       (SELECT min(d.datum) FROM diplomas d
        WHERE d.tenant_id = j.tenant_id AND d.jongere_id = j.id AND d.diploma = ANY($2::text[]))
           AS startkwalificatie
FROM jongeren j
JOIN inschrijvingen i ON i.tenant_id = j.tenant_id AND i.jongere_id = j.id
WHERE j.gemeentecode = j.tenant_id
  AND j.geboortedatum > $1::date - interval '24 years'
  AND j.geboortedatum <= $1::date - interval '11 years'
GROUP BY j.tenant_id, j.id
HAVING bool_and(i.datum_uitschrijving IS NOT NULL AND i.datum_uitschrijving <= $1)
"""


# Counts per woongemeente, from the rows just written and the previous month's list.
_CIJFERS = """
WITH deze AS (SELECT * FROM vsv_regels WHERE maand = $2),
     vorige AS (SELECT * FROM vsv_regels WHERE maand = $3),
     vorige_lijst AS (SELECT EXISTS (SELECT 1 FROM vsv_lijsten WHERE maand = $3) AS er)
INSERT INTO vsv_cijfers (tenant_id, maand, woongemeente, aantal, nieuw, teruggekeerd,
                         met_overdracht, zonder_contact)
SELECT $1, $2, g.id,
       (SELECT count(*) FROM deze d WHERE d.woongemeente = g.id),
       CASE WHEN (SELECT er FROM vorige_lijst) THEN
           (SELECT count(*) FROM deze d WHERE d.woongemeente = g.id AND NOT EXISTS (
                SELECT 1 FROM vorige v WHERE v.woongemeente = g.id AND v.bsn = d.bsn)) END,
       CASE WHEN (SELECT er FROM vorige_lijst) THEN
           (SELECT count(*) FROM vorige v WHERE v.woongemeente = g.id
              AND NOT EXISTS (SELECT 1 FROM deze d WHERE d.woongemeente = g.id AND d.bsn = v.bsn)
              AND EXISTS (SELECT 1 FROM inschrijvingen i
                          WHERE i.tenant_id = g.id AND i.jongere_id = v.jongere_id
                            AND i.datum_inschrijving <= $4
                            AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving > $4))) END,
       (SELECT count(*) FROM deze d WHERE d.woongemeente = g.id AND EXISTS (
            SELECT 1 FROM overdrachten o WHERE o.tenant_id = g.id AND o.jongere_id = d.jongere_id)),
       (SELECT count(*) FROM deze d WHERE d.woongemeente = g.id AND NOT EXISTS (
            SELECT 1 FROM zaken z WHERE z.tenant_id = g.id AND z.jongere_id = d.jongere_id
              AND z.soort = 'vsv'))
FROM tenants g
"""


def _vorige(maand: str) -> str:
    jaar, nummer = int(maand[:4]), int(maand[5:])
    return f"{jaar - 1}-12" if nummer == 1 else f"{jaar}-{nummer - 1:02d}"


class Cijfers(msgspec.Struct, frozen=True):
    maand: str
    woongemeente: str
    gemeente: str
    aantal: int
    nieuw: int | None
    teruggekeerd: int | None
    met_overdracht: int
    zonder_contact: int


class Overzicht(msgspec.Struct, frozen=True):
    items: list[Cijfers]
    next_cursor: str | None = None
    """Always null: the overview is counts per month and gemeente, never more than a page."""


async def overzicht(ctx: RequestContext) -> Overzicht:
    """The region's counts per month and gemeente, newest month first (no personal data)."""
    async with ctx.tx(purpose="rmc-overzicht") as tx:
        rows = await tx.conn.fetch(
            "SELECT c.*, t.naam AS gemeente FROM vsv_cijfers c"
            " JOIN tenants t ON t.id = c.woongemeente ORDER BY c.maand DESC, t.naam LIMIT 1200"
        )
    return Overzicht(
        [
            Cijfers(
                r["maand"],
                r["woongemeente"],
                r["gemeente"],
                r["aantal"],
                r["nieuw"],
                r["teruggekeerd"],
                r["met_overdracht"],
                r["zonder_contact"],
            )
            for r in rows
        ]
    )


class Opgebouwd(msgspec.Struct, frozen=True):
    maand: str
    aantal: int
    status: str
    per_gemeente: dict[str, int]
    bericht_id: UUID


class Lijst(msgspec.Struct, frozen=True):
    maand: str
    aantal: int
    status: str


class Lijsten(msgspec.Struct, frozen=True):
    items: list[Lijst]
    next_cursor: str | None = None


class Regel(msgspec.Struct, frozen=True):
    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geboortedatum: date
    woongemeente: str
    laatste_school: str | None
    brin: str
    vestiging: str
    datum_uitschrijving: date
    inkomen: Inkomen | None


class Regels(msgspec.Struct, frozen=True):
    maand: str
    status: str
    items: list[Regel]
    next_cursor: str | None


def _maand(maand: str, vandaag: date) -> date:
    try:
        einde = maand_einde(maand)
    except ValueError as exc:
        raise unprocessable([FieldError("maand", str(exc))]) from exc
    if einde.replace(day=1) > vandaag:
        raise unprocessable([FieldError("maand", "de maand ligt in de toekomst")])
    return einde


async def bouwen(ctx: RequestContext, maand: str) -> Opgebouwd:
    nu = ctx.db.clock.nu()
    einde = _maand(maand, nu.date())
    async with ctx.tx(purpose=BOUWEN, nu=nu) as tx:
        if not await tx.conn.fetchval("SELECT is_contactgemeente($1)", tx.tenant_id):
            raise PermissionDeniedException(
                "Alleen de RMC-coördinator van de contactgemeente bouwt de regionale lijst."
            )
        rows = await tx.conn.fetch(_KANDIDATEN, einde, sorted(STARTKWALIFICATIES))
        gekozen = [
            r
            for r in rows
            if is_vsv(
                r["geboortedatum"],
                [Inschrijving(v, t) for v, t in zip(r["van"], r["tot"], strict=True)],
                r["startkwalificatie"],
                maand,
            )
        ]
        await tx.conn.execute("DELETE FROM vsv_cijfers WHERE maand = $1", maand)
        await tx.conn.execute("DELETE FROM vsv_regels WHERE maand = $1", maand)
        lijst_id: UUID = await tx.conn.fetchval(
            "INSERT INTO vsv_lijsten (tenant_id, maand, aantal) VALUES ($1, $2, $3)"
            " ON CONFLICT (tenant_id, maand) DO UPDATE SET lijst_id = gen_random_uuid(),"
            " status = 'gebouwd', aantal = excluded.aantal, gebouwd_op = now(),"
            " gebouwd_door = current_user_id(), bericht_id = NULL, verrijkt_op = NULL"
            " RETURNING lijst_id",
            tx.tenant_id,
            maand,
            len(gekozen),
        )
        await tx.conn.execute(
            """INSERT INTO vsv_regels (tenant_id, maand, woongemeente, bsn, jongere_id, voornamen,
                   voorvoegsel, geslachtsnaam, geboortedatum, laatste_brin, laatste_vestiging,
                   laatste_school, datum_uitschrijving)
               SELECT $1, $2, r.woongemeente, r.bsn, r.jongere_id, r.voornamen, r.voorvoegsel,
                      r.geslachtsnaam, r.geboortedatum, r.brin, r.vestiging, s.naam,
                      r.datum_uitschrijving
               FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                           $8::text[], $9::date[], $10::text[], $11::text[], $12::date[])
                    AS r (woongemeente, bsn, jongere_id, voornamen, voorvoegsel, geslachtsnaam,
                          geboortedatum, brin, vestiging, datum_uitschrijving)
               LEFT JOIN scholen s ON s.brin = r.brin AND s.vestiging = r.vestiging""",
            tx.tenant_id,
            maand,
            *(
                [r[k] for r in gekozen]
                for k in (
                    "tenant_id",
                    "bsn",
                    "id",
                    "voornamen",
                    "voorvoegsel",
                    "geslachtsnaam",
                    "geboortedatum",
                    "brin",
                    "vestiging",
                    "datum_uitschrijving",
                )
            ),
        )
        bericht = await enqueue(
            tx,
            "inlichtingenbureau",
            "vsv_lijst",
            VsvLijst(
                lijst_id=str(lijst_id),
                maand=maand,
                regio=tx.tenant_id,
                regels=[
                    VsvRegel(
                        bsn=r["bsn"], geboortedatum=r["geboortedatum"], woongemeente=r["tenant_id"]
                    )
                    for r in gekozen
                ],
            ),
        )
        await tx.conn.execute(
            "UPDATE vsv_lijsten SET bericht_id = $2 WHERE maand = $1", maand, bericht
        )
        await tx.conn.execute(_CIJFERS, tx.tenant_id, maand, _vorige(maand), einde)
        per_gemeente = dict(sorted(Counter(r["tenant_id"] for r in gekozen).items()))
        await record(
            tx,
            "create",
            "vsv_lijst",
            lijst_id,
            detail={"maand": maand, "aantal": len(gekozen), "per_gemeente": per_gemeente},
        )
        if gekozen:
            await record_many(
                tx,
                "read",
                "vsv_regel",
                [f"{maand}/{r['id']}" for r in gekozen],
                [r["id"] for r in gekozen],
                purpose=BOUWEN,
            )
    return Opgebouwd(maand, len(gekozen), "gebouwd", per_gemeente, bericht)


async def lijsten(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Lijsten:
    """The months whose list holds residents the caller may see, with how many, newest first."""
    na = lees_cursor(cursor, "vsv-lijsten", str)[0]
    async with ctx.tx(purpose="vsv-lijst inzien") as tx:
        rows = await tx.conn.fetch(
            "SELECT l.maand, l.status, count(r.bsn) AS aantal FROM vsv_lijsten l"
            " JOIN vsv_regels r ON r.tenant_id = l.tenant_id AND r.maand = l.maand"
            " WHERE $1::text IS NULL OR l.maand < $1"
            " GROUP BY l.maand, l.status ORDER BY l.maand DESC LIMIT $2",
            na,
            limit + 1,
        )
    found = pagina(
        rows,
        limit,
        "vsv-lijsten",
        lambda r: (r["maand"],),
        lambda r: Lijst(r["maand"], r["aantal"], r["status"]),
    )
    return Lijsten(found.items, found.next_cursor)


async def regels(
    ctx: RequestContext, maand: str, *, limit: int | None, cursor: str | None = None
) -> Regels | None:
    """The month's rows the caller may see (all when `limit` is None: the CSV download)."""
    _maand(maand, ctx.db.vandaag())
    # Keyset on (woongemeente, jongere_id): a cursor never carries a BSN into a URL.
    na = lees_cursor(cursor, f"vsv {maand}", str, UUID) if cursor else ("", None)
    async with ctx.tx(purpose="vsv-lijst inzien") as tx:
        status = await tx.conn.fetchval("SELECT status FROM vsv_lijsten WHERE maand = $1", maand)
        if status is None:
            return None
        rows = await tx.conn.fetch(
            "SELECT * FROM vsv_regels WHERE maand = $1"
            " AND ($3::uuid IS NULL OR (woongemeente, jongere_id) > ($2, $3))"
            " ORDER BY woongemeente, jongere_id LIMIT $4",
            maand,
            *na,
            None if limit is None else limit + 1,
        )
        page = rows if limit is None else rows[:limit]
        if page:
            await record_many(
                tx,
                "export" if limit is None else "read",
                "vsv_regel",
                [f"{maand}/{r['jongere_id']}" for r in page],
                [r["jongere_id"] for r in page],
            )
    volgende = (
        maak_cursor(f"vsv {maand}", page[-1]["woongemeente"], page[-1]["jongere_id"])
        if limit is not None and len(rows) > limit
        else None
    )
    return Regels(maand, status, [_regel(r) for r in page], volgende)


def _regel(r: Any) -> Regel:
    return Regel(
        bsn=r["bsn"],
        voornamen=r["voornamen"],
        voorvoegsel=r["voorvoegsel"],
        geslachtsnaam=r["geslachtsnaam"],
        geboortedatum=r["geboortedatum"],
        woongemeente=r["woongemeente"],
        laatste_school=r["laatste_school"],
        brin=r["laatste_brin"],
        vestiging=r["laatste_vestiging"],
        datum_uitschrijving=r["datum_uitschrijving"],
        inkomen=r["inkomen"],
    )


CSV_KOLOMMEN = (
    "bsn",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "woongemeente",
    "laatste_school",
    "brin",
    "vestiging",
    "datum_uitschrijving",
    "inkomen",
)


def als_csv(lijst: Regels) -> str:
    """`;`-separated like the import files; a cell that a spreadsheet would run as a formula is
    quoted with a leading apostrophe."""
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLOMMEN)
    for regel in lijst.items:
        waarden = msgspec.to_builtins(regel)
        cellen = []
        for kolom in CSV_KOLOMMEN:
            waarde = waarden.get(kolom)
            tekst = "" if waarde is None else str(waarde)
            cellen.append("'" + tekst if tekst[:1] in ("=", "+", "-", "@") else tekst)
        writer.writerow(cellen)
    return uit.getvalue()
