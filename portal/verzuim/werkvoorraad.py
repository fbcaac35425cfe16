"""The leerplichtambtenaar's werkvoorraad: open signals of the controls and open meldingen, in one
list, nearest open deadline first (overdue marked), keyset-paged.

A leerplichtambtenaar without another role sees their own team's work; a teammanager or
administratief medewerker the whole gemeente's. Every jongere shown is an audited read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

import msgspec

from portal.administratie.signalen import (
    Deadline,
    eerstvolgende,
    termijn_sleutel,
)
from portal.audit.log import record_many
from portal.auth.permissions import Permission, allows, team_scoped
from portal.db.paging import lees_cursor, pagina
from portal.db.request_context import RequestContext
from portal.domain import zoekterm
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.stapkeuze import aanbevolen
from portal.domain.zaak import BIJ_BOA, Actie, Status, Zaaksoort, zichtbare_status
from portal.domain.zaakstand import wacht_op

# Every kind of open work with its first open deadline; work without one sorts last, as
# 'infinity' (the date asyncpg sends for the cursor's date.max). The whole open set must be ranked
# to find a page, so the ranking reads only the work and the tenant's open deadlines (hash joins,
# no lookup per row); names, teams and cases are joined for the page's rows alone. Every table is
# keyed by the tenant explicitly, besides row-level security: the regional VSV policies make RLS's
# own tenant test one branch of an OR.
_BRON = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           NULL::text AS brin, s.team_id, z.id AS zaak_id, z.behandelaar_id
    FROM signalen s
    LEFT JOIN zaken z ON z.tenant_id = s.tenant_id AND z.signaal_id = s.id
    WHERE s.tenant_id = current_tenant() AND s.status = 'open'
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id, m.brin, m.team_id, z.id,
           z.behandelaar_id
    FROM meldingen m
    -- One index look-up per open melding, not a scan of every case of the gemeente.
    LEFT JOIN LATERAL (
        SELECT z.id, z.behandelaar_id FROM zaken z
        WHERE z.tenant_id = m.tenant_id AND z.melding_id = m.id
    ) z ON true
    WHERE m.tenant_id = current_tenant() AND m.status IN ('geregistreerd', 'in_behandeling')
    UNION ALL
    -- A VSV case has no melding or signal; one waiting for a study shows when the enrolment came.
    SELECT 'zaak', z.id, 'vsv',
           CASE WHEN z.status = 'wacht_op_opleiding' AND EXISTS (
                    SELECT 1 FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id
                    AND i.jongere_id = z.jongere_id AND i.datum_uitschrijving IS NULL)
                THEN 'ingeschreven' ELSE z.status END,
           z.jongere_id, NULL, z.team_id, z.id, z.behandelaar_id
    FROM zaken z
    WHERE z.tenant_id = current_tenant() AND z.soort = 'vsv'
      AND z.status NOT IN ('afgesloten', 'overgedragen')
), eerste AS (
    SELECT DISTINCT ON (coalesce(d.signaal_id, d.melding_id))
           coalesce(d.signaal_id, d.melding_id) AS werk_id, d.soort, d.omschrijving, d.artikel,
           d.uiterlijk
    FROM termijnen d
    WHERE d.tenant_id = current_tenant() AND d.voldaan_op IS NULL
    ORDER BY coalesce(d.signaal_id, d.melding_id), d.uiterlijk
)"""
# The filters, the same for a page and for the count: $1 team, $2 overdue before, $3 soort,
# $4 school (BRIN), $5 behandelaar, $6 only unassigned, $7 deadline on or before, $8 a BSN, $9 the
# words of a name, each the start of one of its words (domain/zoekterm, migration 0036).
_FILTER = """
    ($1::uuid IS NULL OR w.team_id = $1)
    AND ($2::date IS NULL OR d.uiterlijk < $2)
    AND ($3::text IS NULL OR w.categorie = $3)
    AND ($4::text IS NULL OR w.brin = $4)
    AND ($5::uuid IS NULL OR w.behandelaar_id = $5)
    AND (NOT $6::bool OR w.behandelaar_id IS NULL)
    AND ($7::date IS NULL OR d.uiterlijk <= $7)
    AND (($8::text IS NULL AND $9::text[] IS NULL) OR EXISTS (
        SELECT 1 FROM jongeren jz WHERE jz.tenant_id = current_tenant() AND jz.id = w.jongere_id
        AND (jz.bsn = $8 OR jz.zoekbegin @> $9::text[])))"""
# The total the filters select is counted in the same pass that ranks the page (a window over
# the filtered work, before the cursor narrows it), not by running the ranking twice.
_PAGINA = """, gefilterd AS (
    SELECT w.*, d.soort AS t_soort, d.omschrijving AS t_omschrijving, d.artikel AS t_artikel,
           d.uiterlijk AS t_uiterlijk, coalesce(d.uiterlijk, 'infinity'::date) AS sorteer,
           count(*) OVER () AS totaal
    FROM werk w LEFT JOIN eerste d ON d.werk_id = w.id
    WHERE {filter}
), pagina AS (
    SELECT * FROM gefilterd g
    WHERE $10::date IS NULL OR (g.sorteer, g.id) > ($10, $11::uuid)
    ORDER BY g.sorteer, g.id
    LIMIT $12
)
SELECT p.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, t.naam AS team,
       u.naam AS behandelaar, zk.soort AS zaak_soort, zk.status AS zaak_status
FROM pagina p
LEFT JOIN zaken zk ON zk.tenant_id = current_tenant() AND zk.id = p.zaak_id
LEFT JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = p.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = p.team_id
LEFT JOIN users u ON u.id = p.behandelaar_id
ORDER BY p.sorteer, p.id
"""
_TELLEN = " SELECT count(*) FROM werk w LEFT JOIN eerste d ON d.werk_id = w.id WHERE {filter}"
# Put together from constants only; every value is a bind parameter.
_WERK = _BRON + _PAGINA.replace("{filter}", _FILTER)
_AANTAL = _BRON + _TELLEN.replace("{filter}", _FILTER)


class Werk(msgspec.Struct, frozen=True):
    soort: str
    """signaal, melding, or zaak (a VSV case, which has neither)"""
    id: UUID
    categorie: str
    status: str
    jongere_id: UUID | None
    naam: str | None
    """None for a pupil whose dossier lies in another gemeente."""
    brin: str | None
    team: str | None
    eerstvolgende_termijn: Deadline | None
    zaak_id: UUID | None = None
    """The case opened on it, if any."""
    behandelaar: str | None = None
    """The leerplichtambtenaar handling that case; None while nobody is assigned."""
    zaak_status: str | None = None
    """The case's status as the reader may see it (a Halt referral is 'with a BOA' to a non-BOA)."""
    volgende_stap: Actie | None = None
    """The step the method advises next on the case; None without a case or while it waits."""
    wacht_op: str | None = None
    """What the case waits for when that is someone else (Halt, the OM, the Jongerenpunt)."""


class Akkoord(msgspec.Struct, frozen=True):
    """A voorgenomen SVB-melding waiting for the teammanager (art. 19.2)."""

    zaak_id: UUID
    jongere_id: UUID
    naam: str
    team: str | None
    voorgelegd_op: datetime
    voorgelegd_door: str | None
    motivering: str | None = None
    """Why the leerplichtambtenaar puts the melding forward."""


class Afwijzing(msgspec.Struct, frozen=True):
    """A voorgenomen SVB-melding the teammanager declined, with the reason (art. 19.2)."""

    zaak_id: UUID
    jongere_id: UUID
    naam: str
    reden: str | None
    afgewezen_op: datetime
    afgewezen_door: str | None


Toewijzing = Literal["alle", "mijn", "niet_toegewezen"]


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    """What narrows the werkvoorraad (query parameters of the page and the API alike)."""

    toewijzing: Toewijzing = "alle"
    soort: str | None = None
    school: str | None = None
    behandelaar: UUID | None = None
    binnen_werkdagen: int | None = None
    zoek: str | None = None


class Werkvoorraad(msgspec.Struct, frozen=True):
    items: list[Werk]
    next_cursor: str | None
    ter_goedkeuring: list[Akkoord] = msgspec.field(default_factory=list)
    """For a teammanager, on the first page: the approvals waiting."""
    svb_afgewezen: list[Afwijzing] = msgspec.field(default_factory=list)
    """For a leerplichtambtenaar, on the first page: own SVB requests the teammanager declined."""
    totaal: int | None = None
    """How many items the filters select, over every page."""


# Starts from the SVB steps (a partial index holds only those), not from every open case.
_AKKOORDEN = """
WITH svb AS (
    SELECT s.zaak_id, max(s.gezet_op) FILTER (WHERE s.actie = 'svb_voorleggen') AS voorgelegd_op,
           (array_agg(s.gezet_door ORDER BY s.gezet_op DESC)
                FILTER (WHERE s.actie = 'svb_voorleggen'))[1] AS voorgelegd_door,
           (array_agg(s.verslag ORDER BY s.gezet_op DESC)
                FILTER (WHERE s.actie = 'svb_voorleggen'))[1] AS motivering
    FROM zaakstappen s
    WHERE s.tenant_id = current_tenant()
      AND s.actie IN ('svb_voorleggen', 'svb_akkoord', 'svb_afwijzen')
    GROUP BY s.zaak_id
    HAVING count(*) FILTER (WHERE s.actie = 'svb_voorleggen')
           > count(*) FILTER (WHERE s.actie IN ('svb_akkoord', 'svb_afwijzen'))
)
SELECT z.id AS zaak_id, z.jongere_id, t.naam AS team,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       v.voorgelegd_op, u.naam AS voorgelegd_door, v.motivering
FROM svb v
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = v.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = z.team_id
LEFT JOIN users u ON u.id = v.voorgelegd_door
WHERE z.status <> 'afgesloten'
ORDER BY v.voorgelegd_op
LIMIT 200
"""
# A leerplichtambtenaar's own open cases whose last word on an SVB request is the teammanager's
# no (art. 19.2), with the reason; from the indexed SVB steps, not from every open case.
_AFGEWEZEN = """
WITH laatste AS (
    SELECT DISTINCT ON (s.zaak_id) s.zaak_id, s.actie, s.verslag, s.gezet_op, s.gezet_door
    FROM zaakstappen s
    WHERE s.tenant_id = current_tenant()
      AND s.actie IN ('svb_voorleggen', 'svb_akkoord', 'svb_afwijzen')
    ORDER BY s.zaak_id, s.gezet_op DESC, s.id DESC
)
SELECT z.id AS zaak_id, z.jongere_id, l.verslag AS reden, l.gezet_op AS afgewezen_op,
       u.naam AS afgewezen_door,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam
FROM laatste l
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = l.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
LEFT JOIN users u ON u.id = l.gezet_door
WHERE l.actie = 'svb_afwijzen' AND z.behandelaar_id = $1 AND z.status <> 'afgesloten'
ORDER BY l.gezet_op DESC
LIMIT 50
"""


def _argumenten(
    ctx: RequestContext,
    vandaag: date,
    team_id: UUID | None,
    verlopen_op: date | None,
    filters: Filters,
) -> tuple[Any, ...]:
    """The bind parameters of `_FILTER`, in its order, for the caller and these filters."""
    team = ctx.principal.team_id if team_scoped(ctx.principal) else None
    binnen = (
        termijn(vandaag, filters.binnen_werkdagen, Dagsoort.WERKDAGEN)
        if filters.binnen_werkdagen is not None
        else None
    )
    return (
        team or team_id,
        verlopen_op,
        filters.soort,
        filters.school,
        ctx.principal.user_id if filters.toewijzing == "mijn" else filters.behandelaar,
        filters.toewijzing == "niet_toegewezen",
        binnen,
        *_zoek(filters.zoek),
    )


def _zoek(tekst: str | None) -> tuple[str | None, list[str] | None]:
    """A BSN, or the name's words as patterns; what is no search (one letter) filters nothing."""
    term = zoekterm.lees(tekst or "")
    if term is None:
        return None, None
    if term.bsn:
        return term.bsn, None
    return None, list(term.woorden) or None


async def tellen(ctx: RequestContext, filters: Filters, *, team_id: UUID | None = None) -> int:
    """How much work these filters select, without reading it (a count reads no person)."""
    async with ctx.tx(purpose="werkvoorraad") as tx:
        aantal: int = await tx.conn.fetchval(
            _AANTAL, *_argumenten(ctx, tx.vandaag, team_id, None, filters)
        )
    return aantal


async def werkvoorraad(
    ctx: RequestContext,
    *,
    limit: int = 50,
    cursor: str | None = None,
    team_id: UUID | None = None,
    verlopen_op: date | None = None,
    filters: Filters | None = None,
) -> Werkvoorraad:
    """`team_id` narrows a wider view to one team; `verlopen_op` keeps only work whose first
    open deadline lies before that day; `filters` the rest (so a page lists, and audits, only
    what it shows). The cursor holds the sort key only: the caller sends the filters again."""
    na = lees_cursor(cursor, "werkvoorraad", date, UUID)
    filters = filters or Filters()
    async with ctx.tx(purpose="werkvoorraad") as tx:
        args = _argumenten(ctx, tx.vandaag, team_id, verlopen_op, filters)
        rows = await tx.conn.fetch(_WERK, *args, *na, limit + 1)
        # Past the last page no row carries the total: only then is it counted on its own.
        totaal = rows[0]["totaal"] if rows else await tx.conn.fetchval(_AANTAL, *args)
        page = rows[:limit]
        akkoorden, afgewezen = [], []
        if allows(ctx.principal, Permission.LEAD_TEAM) and cursor is None:
            akkoorden = await tx.conn.fetch(_AKKOORDEN)
        if allows(ctx.principal, Permission.DECIDE) and cursor is None:
            afgewezen = await tx.conn.fetch(_AFGEWEZEN, ctx.principal.user_id)
        shown = [r for r in page if r["jongere_id"] is not None] + [*akkoorden, *afgewezen]
        if shown:
            await record_many(
                tx,
                "read",
                "werkvoorraad",
                [str(r.get("id") or r["zaak_id"]) for r in shown],
                [r["jongere_id"] for r in shown],
            )
    today = tx.vandaag
    found = pagina(
        rows,
        limit,
        "werkvoorraad",
        termijn_sleutel,
        lambda r: Werk(
            soort=r["kind"],
            id=r["id"],
            categorie=r["categorie"],
            status=zichtbare_status(r["status"], ctx.principal.boa),
            jongere_id=r["jongere_id"],
            naam=r["naam"] or None,
            brin=r["brin"],
            team=r["team"],
            eerstvolgende_termijn=eerstvolgende(r, today),
            zaak_id=r["zaak_id"],
            behandelaar=r["behandelaar"] or None,
            **_stand(r["zaak_soort"], r["zaak_status"], ctx.principal.boa, today),
        ),
    )
    return Werkvoorraad(
        items=found.items,
        next_cursor=found.next_cursor,
        totaal=totaal,
        ter_goedkeuring=[
            Akkoord(
                a["zaak_id"],
                a["jongere_id"],
                a["naam"],
                a["team"],
                a["voorgelegd_op"],
                a["voorgelegd_door"],
                a["motivering"],
            )
            for a in akkoorden
        ],
        svb_afgewezen=[
            Afwijzing(
                a["zaak_id"],
                a["jongere_id"],
                a["naam"],
                a["reden"],
                a["afgewezen_op"],
                a["afgewezen_door"],
            )
            for a in afgewezen
        ],
    )


_ELDERS = frozenset({Status.HALT_VERWEZEN, Status.PROCES_VERBAAL, Status.OVERGEDRAGEN})


def _stand(soort: str | None, status: str | None, boa: bool, vandaag: date) -> dict[str, Any]:
    """Where the case on a line stands, from its kind and status alone (no query per line)."""
    if soort is None or status is None:
        return {}
    zichtbaar = zichtbare_status(status, boa)
    if zichtbaar == BIJ_BOA or status in _ELDERS:
        tekst = wacht_op(
            zichtbaar, svb_voorgelegd=False, svb_afgewezen=None, termijn=None, vandaag=vandaag
        )
        return {"zaak_status": zichtbaar, "wacht_op": tekst}
    return {
        "zaak_status": zichtbaar,
        "volgende_stap": aanbevolen(Zaaksoort(soort), Status(status)),
    }
