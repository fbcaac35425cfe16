"""The start page (the werkvoorraad for case work) and the administratief medewerker's controls.
Each calls the same service as its API route, behind the same guards."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromQuery
from litestar.response import Template

from portal.administratie.controles import scholen_te_laat
from portal.administratie.duo_afgewezen import afgewezen
from portal.administratie.service import controles_uitvoeren
from portal.auth.guards import authenticated, requires
from portal.auth.permissions import Permission, allows, team_scoped
from portal.context import Ctx
from portal.db.paging import MAXIMUM
from portal.domain.woorden import (
    ACTIE_LABELS,
    BERICHT_LABELS,
    PARTNERS,
    SIGNAAL_LABELS,
    STATUS_LABELS,
)
from portal.domain.zaak import BIJ_BOA, WPG_STATUSSEN, Status
from portal.tenants import repository as tenants
from portal.verzuim import toewijzen
from portal.verzuim.werkvoorraad import (
    NIEUW,
    Filters,
    Leeftijdsgroep,
    Sortering,
    Toewijzing,
    Werkvoorraad,
    tellen,
    werkvoorraad,
)
from portal.web.layout import layout
from portal.web.paginering import pagina_of_begin

WERK_PER_PAGINA = 25
TOEWIJZINGEN: dict[Toewijzing, str] = {
    "alle": "Alle zaken",
    "mijn": "Mijn zaken",
    "niet_toegewezen": "Niet toegewezen",
}
SORTERINGEN: tuple[Sortering, ...] = ("termijn", "naam", "soort", "school")
LEEFTIJD_LABELS: dict[Leeftijdsgroep, str] = {
    "tot_12": "Jonger dan 12",
    "12_15": "12 tot en met 15",
    "16_17": "16 en 17 (kwalificatieplicht)",
    "18_22": "18 tot 23 (RMC)",
}
NIET_TOEGEWEZEN_TOT = 100
"""The notice counts the team's unassigned work up to here ("100 of meer"), not all of it."""
BINNEN = {"3": "3 werkdagen", "5": "5 werkdagen", "10": "10 werkdagen"}
TOEWIJZEN_FOUTEN = {
    "geen_zaken": "Kies een of meer zaken om toe te wijzen.",
    "geen_behandelaar": "Kies de leerplichtambtenaar die de zaken krijgt.",
    "afgesloten": "Een van de gekozen zaken is afgesloten; er is niets gewijzigd.",
}


@get("/", guards=[authenticated], include_in_schema=False)
async def home(
    request: Request[Any, Any, Any],
    ctx: Ctx,
    na: FromQuery[str | None] = None,
    verlopen: FromQuery[bool] = False,
    team: FromQuery[str] = "",
    toewijzing: FromQuery[str] = "",
    soort: FromQuery[str] = "",
    school: FromQuery[str] = "",
    binnen: FromQuery[str] = "",
    zoek: FromQuery[str] = "",
    behandelaar: FromQuery[str] = "",
    stap: FromQuery[str] = "",
    leeftijd: FromQuery[str] = "",
    sorteer: FromQuery[str] = "",
) -> Template:
    """The start page; for case work the werkvoorraad, a page at a time (`na` is the cursor of the
    page before), optionally only the work whose deadline has passed. Who sees more than one
    team's work (a teammanager, an administratief medewerker) chooses the team, `alle` for every
    team; a teammanager starts at the own team. The other filters are those of the API
    (`toewijzing`, `soort`, `school`, `binnen` werkdagen, `zoek`, `stap`, `leeftijd`, `sorteer`
    with a leading `-` for descending); a value the page does not
    offer is ignored rather than refused, so an old link still opens. A leerplichtambtenaar starts
    at *Mijn zaken*, told how much new work of the team nobody has taken yet."""
    context = await layout(request, ctx)
    context.update(
        werk=None,
        na=na,
        verlopen=verlopen,
        cursor_verlopen=False,
        teams=[],
        niet_toegewezen=None,
        leerplichtambtenaren=[],
    )
    if allows(ctx.principal, Permission.READ_WERKVOORRAAD):
        team_id: UUID | None = None
        if not team_scoped(ctx.principal):
            async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
                context["teams"] = await tenants.teams(tx.conn)
            if not team and allows(ctx.principal, Permission.LEAD_TEAM):
                team_id = ctx.principal.team_id
            else:
                team_id = next((t.id for t in context["teams"] if str(t.id) == team), None)
        grens = ctx.db.vandaag() if verlopen else None
        standaard: Toewijzing = "mijn" if allows(ctx.principal, Permission.DECIDE) else "alle"
        filters = Filters(
            toewijzing=next((t for t in TOEWIJZINGEN if t == toewijzing), standaard),
            soort=soort if soort in SIGNAAL_LABELS else None,
            school=school.strip().upper()[:4] or None,
            binnen_werkdagen=int(binnen) if binnen in BINNEN else None,
            zoek=zoek.strip()[:100] or None,
            behandelaar=_uuid(behandelaar),
            stap=stap if stap in _stappen(ctx.principal.boa) else None,
            leeftijd=next((g for g in LEEFTIJD_LABELS if g == leeftijd), None),
            sorteer=next((k for k in SORTERINGEN if k == sorteer.lstrip("-")), "termijn"),
            aflopend=sorteer.startswith("-") and sorteer.lstrip("-") in SORTERINGEN,
        )

        async def pagina(cursor: str | None) -> Werkvoorraad:
            return await werkvoorraad(
                ctx,
                limit=WERK_PER_PAGINA,
                cursor=cursor,
                team_id=team_id,
                verlopen_op=grens,
                filters=filters,
            )

        context["werk"], context["na"] = await pagina_of_begin(pagina, na)
        context["cursor_verlopen"] = na is not None and context["na"] is None
        query = {
            "team": (str(team_id) if team_id else "alle") if context["teams"] else "",
            "toewijzing": "" if filters.toewijzing == standaard else filters.toewijzing,
            "soort": filters.soort or "",
            "school": filters.school or "",
            "binnen": binnen if filters.binnen_werkdagen is not None else "",
            "zoek": filters.zoek or "",
            "behandelaar": str(filters.behandelaar) if filters.behandelaar else "",
            "stap": filters.stap or "",
            "leeftijd": filters.leeftijd or "",
            "sorteer": _sortering(filters.sorteer, filters.aflopend),
        }
        if filters.toewijzing == "mijn":
            context["niet_toegewezen"] = await tellen(
                ctx, Filters(toewijzing="niet_toegewezen"), team_id=team_id, tot=NIET_TOEGEWEZEN_TOT
            )
        # The choice of behandelaar (a count per leerplichtambtenaar) only when there is a case
        # on the page to assign, or an assignment to report.
        kiezen = (
            any(w.zaak_id for w in context["werk"].items) or "toegewezen" in request.query_params
        )
        if allows(ctx.principal, Permission.APPROVE) and kiezen:
            context["leerplichtambtenaren"] = await toewijzen.caseload(ctx)
        context.update(
            team_id=team_id,
            niet_toegewezen_tot=NIET_TOEGEWEZEN_TOT,
            filters=filters,
            team_woord="Team" if team_scoped(ctx.principal) else "Alle zaken",
            actie_labels=ACTIE_LABELS,
            zaak_status_labels=STATUS_LABELS,
            toegewezen=_toegewezen(request, context["leerplichtambtenaren"]),
            toewijzen_fout=TOEWIJZEN_FOUTEN.get(request.query_params.get("toewijzen_fout", "")),
            terug=request.url.path + ("?" + request.url.query if request.url.query else ""),
            query=query,
            toewijzingen=TOEWIJZINGEN,
            binnen_keuzes=BINNEN,
            links=_werk_links(query, verlopen, context["werk"]),
            sorteer_links=_sorteer_links(query, verlopen, filters),
            stap_keuzes=_stappen(ctx.principal.boa),
            bericht_labels=BERICHT_LABELS,
            partners=PARTNERS,
            leeftijd_keuzes=LEEFTIJD_LABELS,
        )
    return Template("home.html", context=context)


def _stappen(boa: bool) -> dict[str, str]:
    """Where a case can stand, in words; a non-BOA sees Halt and the proces-verbaal as one
    'with a BOA' (as on the case itself)."""
    stappen = {NIEUW: "Nog geen zaak"}
    for status, label in STATUS_LABELS.items():
        if status in (Status.AFGESLOTEN, Status.OVERGEDRAGEN):
            continue
        if (boa and status == BIJ_BOA) or (not boa and status in WPG_STATUSSEN):
            continue
        stappen[status] = label
    return stappen


def _sortering(kolom: str, aflopend: bool) -> str:
    """The `sorteer` value of the page's order; empty for the default (nearest deadline first)."""
    if kolom == "termijn" and not aflopend:
        return ""
    return ("-" if aflopend else "") + kolom


def _sorteer_links(query: dict[str, str], verlopen: bool, filters: Filters) -> dict[str, Any]:
    """Per sortable column: the link that sorts by it (the other way round when it already
    does) and its `aria-sort`, keeping the filters; a new order starts at the first page."""
    links: dict[str, Any] = {}
    for kolom in SORTERINGEN:
        huidig = filters.sorteer == kolom
        waarde = _sortering(kolom, huidig and not filters.aflopend)
        alles = {**query, "sorteer": waarde, **({"verlopen": "true"} if verlopen else {})}
        richting = ("descending" if filters.aflopend else "ascending") if huidig else None
        links[kolom] = {
            "href": "/?" + urlencode({k: v for k, v in alles.items() if v}),
            "aria_sort": richting,
            "uitleg": (
                "gesorteerd " + ("aflopend" if filters.aflopend else "oplopend")
                if huidig
                else "niet gesorteerd"
            ),
        }
    return links


def _uuid(tekst: str) -> UUID | None:
    try:
        return UUID(tekst) if tekst else None
    except ValueError:
        return None


def _toegewezen(request: Request[Any, Any, Any], lpas: list[Any]) -> str | None:
    """The notice after a bulk assignment: how many cases went to whom (the name looked up here,
    never carried in the URL)."""
    aantal, aan = request.query_params.get("toegewezen"), request.query_params.get("aan")
    naam = next((c.naam for c in lpas if str(c.id) == aan), None)
    if not (aantal and aantal.isdigit() and naam):
        return None
    return f"{aantal} {'zaak' if aantal == '1' else 'zaken'} toegewezen aan {naam}."


def _werk_links(query: dict[str, str], verlopen: bool, werk: Werkvoorraad) -> dict[str, str]:
    """The start page's links, each keeping the chosen team and filters."""

    def url(**extra: str) -> str:
        alles = {k: v for k, v in {**query, **extra}.items() if v}
        return "/?" + urlencode(alles) if alles else "/"

    links = {
        "begin": url(**({"verlopen": "true"} if verlopen else {})),
        "alles": url(),
        "verlopen": url(verlopen="true"),
        "niet_toegewezen": url(toewijzing="niet_toegewezen"),
        "binnenkort": url(binnen="3"),
    }
    if werk.next_cursor:
        links["volgende"] = url(**({"verlopen": "true"} if verlopen else {}), na=werk.next_cursor)
    return links


@get("/controles", guards=[requires(Permission.RUN_CONTROLES)], include_in_schema=False)
async def controles_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        context["te_laat"] = await scholen_te_laat(tx.conn, date(tx.vandaag.year - 1, 1, 1))
    context["duo_afgewezen"] = (await afgewezen(ctx, limit=MAXIMUM)).items
    context["resultaat"] = None
    return Template("controles.html", context=context)


@post(
    "/controles",
    guards=[requires(Permission.RUN_CONTROLES)],
    include_in_schema=False,
    status_code=200,
)
async def controles_uitvoeren_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context["resultaat"] = await controles_uitvoeren(
        ctx.db, ctx.db.vandaag(), principal=ctx.principal, request_id=ctx.request_id
    )
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        context["te_laat"] = await scholen_te_laat(tx.conn, date(tx.vandaag.year - 1, 1, 1))
    context["duo_afgewezen"] = (await afgewezen(ctx, limit=MAXIMUM)).items
    return Template("controles.html", context=context)


HOME_PAGES = [home, controles_pagina, controles_uitvoeren_pagina]
