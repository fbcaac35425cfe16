"""The leerplichtambtenaar's werkvoorraad: open signals of the controls and open meldingen, in one
list, nearest open deadline first (overdue marked), keyset-paged.

A leerplichtambtenaar without another role sees their own team's work; a teammanager or
administratief medewerker the whole gemeente's. Every jongere shown is an audited read.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

import msgspec

from portal.administratie.signalen import Deadline, eerstvolgende
from portal.audit.log import record_many
from portal.auth.permissions import team_scoped
from portal.db.paging import lees_cursor, maak_cursor
from portal.db.request_context import RequestContext
from portal.domain import zoekterm
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.leerplicht import geboren_tussen
from portal.domain.stapkeuze import aanbevolen
from portal.domain.zaak import BIJ_BOA, WPG_STATUSSEN, Actie, Status, Zaaksoort, zichtbare_status
from portal.domain.zaakstand import wacht_op
from portal.problems import FieldError, unprocessable
from portal.verzuim import werkvoorraad_sql as sql
from portal.verzuim.aandacht import (
    Aandacht,
    Afwijzing,
    Akkoord,
    Mislukt,
    Professional,
    aandacht,
)


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


Toewijzing = Literal["alle", "mijn", "niet_toegewezen"]
Sortering = Literal["termijn", "naam", "school", "soort"]
Leeftijdsgroep = Literal["tot_12", "12_15", "16_17", "18_22"]
LEEFTIJDEN: dict[str, tuple[int, int]] = {
    "tot_12": (0, 11),
    "12_15": (12, 15),
    "16_17": (16, 17),
    "18_22": (18, 22),
}
"""Age groups as the work divides: under Halt's and the SVB's 12, leerplichtig from 12,
kwalificatieplichtig (16 and 17), and the RMC's 18 up to 23."""
NIEUW = "nieuw"
"""The `stap` of work on which no case is open yet."""
BINNENKORT_WERKDAGEN = 3
"""How near a deadline must be to count in the notice of what needs attention."""


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    """What narrows the werkvoorraad (query parameters of the page and the API alike)."""

    toewijzing: Toewijzing = "alle"
    soort: str | None = None
    school: str | None = None
    behandelaar: UUID | None = None
    binnen_werkdagen: int | None = None
    zoek: str | None = None
    stap: str | None = None
    """Where the case stands: a case status (`gesprek_gevoerd`, …), or `nieuw` for no case yet."""
    leeftijd: Leeftijdsgroep | None = None
    sorteer: Sortering = "termijn"
    aflopend: bool = False


class Werkvoorraad(msgspec.Struct, frozen=True):
    items: list[Werk]
    next_cursor: str | None
    ter_goedkeuring: list[Akkoord] = msgspec.field(default_factory=list)
    """For a teammanager, on the first page: the approvals waiting."""
    svb_afgewezen: list[Afwijzing] = msgspec.field(default_factory=list)
    """For a leerplichtambtenaar, on the first page: own SVB requests the teammanager declined."""
    totaal: int | None = None
    """How many items the filters select, over every page."""
    binnenkort: int | None = None
    """How many of those have a deadline in the next 3 werkdagen (not yet passed)."""
    meldcode_professional: list[Professional] = msgspec.field(default_factory=list)
    """For a teammanager, on the first page: meldcode besluiten that concern a professional."""
    berichten_mislukt: list[Mislukt] = msgspec.field(default_factory=list)
    """For a leerplichtambtenaar, on the first page: own cases' messages refused or undelivered."""


def _argumenten(
    ctx: RequestContext,
    vandaag: date,
    team_id: UUID | None,
    verlopen_op: date | None,
    filters: Filters,
) -> tuple[Any, ...]:
    """The bind parameters of `werkvoorraad_sql.FILTER`, in its order, for the caller and these
    filters."""
    team = ctx.principal.team_id if team_scoped(ctx.principal) else None
    binnen = (
        termijn(vandaag, filters.binnen_werkdagen, Dagsoort.WERKDAGEN)
        if filters.binnen_werkdagen is not None
        else None
    )
    geboren = (
        geboren_tussen(*LEEFTIJDEN[filters.leeftijd], vandaag) if filters.leeftijd else (None, None)
    )
    return (
        team or team_id,
        verlopen_op,
        filters.soort,
        filters.school,
        _behandelaar(ctx, filters),
        filters.toewijzing == "niet_toegewezen",
        binnen,
        *_zoek(filters.zoek),
        _statussen(filters.stap, ctx.principal.boa),
        *geboren,
    )


def _behandelaar(ctx: RequestContext, filters: Filters) -> UUID | None:
    """Whose cases only, if anyone's (then the query starts from that behandelaar's cases)."""
    return ctx.principal.user_id if filters.toewijzing == "mijn" else filters.behandelaar


def _statussen(stap: str | None, boa: bool) -> list[str] | None:
    """The case statuses a `stap` selects. A non-BOA sees a Halt referral or a proces-verbaal
    only as 'with a BOA', so may filter on that and no finer (nothing Wpg leaks by a count)."""
    if stap is None:
        return None
    if stap == BIJ_BOA or (not boa and stap in WPG_STATUSSEN):
        return sorted(WPG_STATUSSEN)
    return [stap]


def _zoek(tekst: str | None) -> tuple[str | None, list[str] | None]:
    """A BSN, or the name's words as patterns; what is no search (one letter) filters nothing."""
    term = zoekterm.lees(tekst or "")
    if term is None:
        return None, None
    if term.bsn:
        return term.bsn, None
    return None, list(term.woorden) or None


async def tellen(
    ctx: RequestContext, filters: Filters, *, team_id: UUID | None = None, tot: int | None = None
) -> int:
    """How much work these filters select, without reading it (a count reads no person), up to
    `tot` when given; it reads no deadline unless a filter is one."""
    eigen = _behandelaar(ctx, filters) is not None
    async with ctx.tx(purpose="werkvoorraad") as tx:
        args = _argumenten(ctx, tx.vandaag, team_id, None, filters)
        query = sql.aantal(filters.binnen_werkdagen is not None, eigen, tot)
        aantal: int = await tx.conn.fetchval(query, *args)
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
    what it shows). The cursor holds the position in the chosen order only (by name: the
    jongere's id, never the name); the caller sends the filters again."""
    filters = filters or Filters()
    lijst = f"werkvoorraad:{filters.sorteer}:{'af' if filters.aflopend else 'op'}"
    sleutel, na_id = lees_cursor(cursor, lijst, str, UUID)
    na_jongere = _cursor_jongere(sleutel) if filters.sorteer == "naam" else None
    eigen = _behandelaar(ctx, filters) is not None
    async with ctx.tx(purpose="werkvoorraad") as tx:
        vandaag = tx.vandaag
        args = _argumenten(ctx, vandaag, team_id, verlopen_op, filters)
        rows = await tx.conn.fetch(
            sql.pagina(filters.aflopend, eigen),
            *args,
            filters.sorteer,
            None if na_jongere else sleutel,
            na_id,
            na_jongere,
            limit + 1,
            vandaag,
            termijn(vandaag, BINNENKORT_WERKDAGEN, Dagsoort.WERKDAGEN),
        )
        # Past the last page no row carries the totals: only then is the work counted on its own.
        totaal = (
            rows[0]["totaal"] if rows else await tx.conn.fetchval(sql.aantal(True, eigen), *args)
        )
        page = rows[:limit]
        lijsten = await aandacht(tx) if cursor is None else Aandacht([], [], [], [])
        ids, jongeren = lijsten.gelezen()
        shown = [r for r in page if r["jongere_id"] is not None]
        ids += [str(r["id"]) for r in shown]
        jongeren += [r["jongere_id"] for r in shown]
        if ids:
            await record_many(tx, "read", "werkvoorraad", ids, jongeren)
    volgende = None
    if len(rows) > limit:
        laatste = page[-1]
        positie = (
            str(laatste["jongere_id"] or "") if filters.sorteer == "naam" else laatste["sorteer"]
        )
        volgende = maak_cursor(lijst, positie, laatste["id"])
    return Werkvoorraad(
        items=[_werk(r, ctx.principal.boa, vandaag) for r in page],
        next_cursor=volgende,
        totaal=totaal,
        binnenkort=rows[0]["binnenkort"] if rows else 0,
        ter_goedkeuring=lijsten.akkoorden,
        svb_afgewezen=lijsten.afgewezen,
        berichten_mislukt=lijsten.mislukt,
        meldcode_professional=lijsten.professional,
    )


def _cursor_jongere(sleutel: str | None) -> UUID | None:
    """The jongere a cursor by name stands at; '' for a pupil without a dossier here."""
    if not sleutel:
        return None
    try:
        return UUID(sleutel)
    except ValueError:
        raise unprocessable([FieldError("cursor", "onbekende of gewijzigde cursor")]) from None


def _werk(r: Any, boa: bool, vandaag: date) -> Werk:
    return Werk(
        soort=r["kind"],
        id=r["id"],
        categorie=r["categorie"],
        status=zichtbare_status(r["status"], boa),
        jongere_id=r["jongere_id"],
        naam=r["naam"] or None,
        brin=r["brin"],
        team=r["team"],
        eerstvolgende_termijn=eerstvolgende(r, vandaag),
        zaak_id=r["zaak_id"],
        behandelaar=r["behandelaar"] or None,
        **_stand(r["zaak_soort"], r["zaak_status"], boa, vandaag),
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
