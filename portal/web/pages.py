"""Server-rendered pages. Each calls the same service as its API route, behind the same guards,
so a page never shows more than the API would give the same user."""

from __future__ import annotations

from datetime import UTC, date, tzinfo
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from portal.administratie.controles import scholen_te_laat
from portal.administratie.routes import BEHEER, CASEWORK
from portal.administratie.service import controles_uitvoeren
from portal.auth.guards import authenticated, requires
from portal.auth.middleware import AuthInfo
from portal.auth.principal import ROLE_LABELS, Principal, Role
from portal.brieven import service as brieven
from portal.context import DB, CurrentPrincipal, RequestId
from portal.db.paging import MAXIMUM
from portal.db.pool import Database
from portal.dossier import service as dossier
from portal.dossier.models import NieuweWerklogboekEntry
from portal.dossier.routes import READERS, WRITERS
from portal.dossier.service import CASE_NOTE_ROLES
from portal.problems import Problem
from portal.tenants import repository as tenants
from portal.verzuim import zaken
from portal.verzuim.werkvoorraad import Werkvoorraad, werkvoorraad
from portal.web.formulier import veldfouten
from portal.web.paginering import pagina_of_begin

try:  # the system's zone database; on a machine without one, times show in UTC
    TIJDZONE: tzinfo = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # pragma: no cover - depends on the machine
    TIJDZONE = UTC
STATUS_LABELS = {
    "leerplichtig": "Leerplichtig",
    "kwalificatieplichtig": "Kwalificatieplichtig",
    "rmc_doelgroep": "RMC-doelgroep (18–23 zonder startkwalificatie)",
    "geen": "Niet leerplichtig",
}
SIGNAAL_LABELS = {
    "vermoeden_absoluut_verzuim": "Vermoeden absoluut verzuim",
    "uitschrijving_zonder_inschrijving": "Uitschrijving zonder nieuwe school",
    "16_uur_in_4_weken": "Melding: 16 uur in 4 weken",
    "langdurig_relatief": "Melding: langdurig relatief verzuim",
    "rmc": "Melding: RMC (18+)",
    "luxe": "Melding: luxe verzuim",
    "overig": "Melding: overig verzuim",
    "vsv": "Voortijdig schoolverlaten",
}


def csrf_token(request: Request[Any, Any, Any]) -> str:
    auth = request.scope.get("auth")
    return auth.csrf_token or "" if isinstance(auth, AuthInfo) else ""


async def layout(
    request: Request[Any, Any, Any], db: Database, principal: Principal, request_id: str
) -> dict[str, Any]:
    async with db.tenant_tx(principal, request_id=request_id) as tx:
        gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
        team = await tenants.team_naam(tx.conn, principal.team_id)
    return {
        "principal": principal,
        "gemeente": gemeente.naam if gemeente else principal.tenant_id,
        "gemeentecode": principal.tenant_id,
        "team": team,
        "rollen": [ROLE_LABELS[r] for r in sorted(principal.roles)],
        "csrf_token": csrf_token(request),
        "kan_zoeken": principal.has_any(*READERS),
        "kan_signalen": principal.has_any(*CASEWORK),
        "kan_controleren": principal.has_any(*BEHEER),
        "kan_zaken": principal.has_any(Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER),
        "kan_taken": principal.has_any(Role.LEERPLICHTASSISTENT),
        "kan_vsv": principal.has_any(Role.REGIOGEMEENTE, Role.RMC_COORDINATOR),
        "kan_overdrachten": principal.has_any(Role.JONGERENPUNT),
        "kan_school": principal.has_any(Role.SCHOOL),
        "kan_beheer": principal.has_any(Role.FUNCTIONEEL_BEHEERDER),
        "kan_team": principal.has_any(Role.TEAMMANAGER),
        "kan_privacy": principal.has_any(Role.PRIVACY_OFFICER),
        "signaal_labels": SIGNAAL_LABELS,
        "status_labels": STATUS_LABELS,
        "vandaag": db.vandaag(),
        "tz": TIJDZONE,
    }


WERK_PER_PAGINA = 25


@get("/", guards=[authenticated], include_in_schema=False)
async def home(
    request: Request[Any, Any, Any],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
    na: FromQuery[str | None] = None,
    verlopen: FromQuery[bool] = False,
    team: FromQuery[str] = "",
) -> Template:
    """The start page; for case work the werkvoorraad, a page at a time (`na` is the cursor of the
    page before), optionally only the work whose deadline has passed. Who sees more than one
    team's work (a teammanager, an administratief medewerker) chooses the team, `alle` for every
    team; a teammanager starts at the own team."""
    context = await layout(request, db, principal, request_id)
    context.update(werk=None, na=na, verlopen=verlopen, cursor_verlopen=False, teams=[])
    if principal.has_any(*CASEWORK):
        team_id: UUID | None = None
        if principal.roles != frozenset({Role.LEERPLICHTAMBTENAAR}):  # an LPA sees the own team
            async with db.tenant_tx(principal, request_id=request_id) as tx:
                context["teams"] = await tenants.teams(tx.conn)
            if not team and principal.has_any(Role.TEAMMANAGER):
                team_id = principal.team_id
            else:
                team_id = next((t.id for t in context["teams"] if str(t.id) == team), None)
        grens = db.vandaag() if verlopen else None

        async def pagina(cursor: str | None) -> Werkvoorraad:
            return await werkvoorraad(
                db,
                principal,
                request_id,
                limit=WERK_PER_PAGINA,
                cursor=cursor,
                team_id=team_id,
                verlopen_op=grens,
            )

        context["werk"], context["na"] = await pagina_of_begin(pagina, na)
        context["cursor_verlopen"] = na is not None and context["na"] is None
        kiest = bool(context["teams"])
        context.update(
            team_id=team_id, links=_werk_links(kiest, team_id, verlopen, context["werk"])
        )
    return Template("home.html", context=context)


def _werk_links(
    kiest_team: bool, team_id: UUID | None, verlopen: bool, werk: Werkvoorraad
) -> dict[str, str]:
    """The start page's links, each keeping the chosen team and filter."""

    def url(**extra: str) -> str:
        query = {"team": str(team_id) if team_id else "alle"} if kiest_team else {}
        return "/?" + urlencode({**query, **extra}) if query or extra else "/"

    links = {
        "begin": url(**({"verlopen": "true"} if verlopen else {})),
        "alles": url(),
        "verlopen": url(verlopen="true"),
    }
    if werk.next_cursor:
        links["volgende"] = url(**({"verlopen": "true"} if verlopen else {}), na=werk.next_cursor)
    return links


@get("/jongeren", guards=[requires(*READERS)], include_in_schema=False)
async def zoeken(
    request: Request[Any, Any, Any],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
    zoek: FromQuery[str] = "",
) -> Template:
    context = await layout(request, db, principal, request_id)
    context["zoek"] = zoek
    context["resultaten"] = None
    context["fout"] = None
    if zoek:
        try:
            context["resultaten"] = await dossier.zoek(db, principal, zoek, request_id)
        except Problem as exc:
            context["fout"] = exc.errors[0].message if exc.errors else exc.detail
    return Template("zoeken.html", context=context)


@get("/jongeren/{jongere_id:uuid}", guards=[requires(*READERS)], include_in_schema=False)
async def dossier_pagina(
    request: Request[Any, Any, Any],
    jongere_id: FromPath[UUID],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template:
    found = await dossier.lees_dossier(db, principal, jongere_id, request_id)
    if found is None:
        raise NotFoundException()
    context = await layout(request, db, principal, request_id)
    context.update(
        dossier=found,
        brieven=(
            b.items
            if principal.has_any(*CASE_NOTE_ROLES)
            and (
                b := await brieven.van_jongere(db, principal, jongere_id, request_id, limit=MAXIMUM)
            )
            else []
        ),
        zaken=await zaken.van_jongere(db, principal, jongere_id, request_id)
        if principal.has_any(Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER)
        else [],
        kan_schrijven=principal.has_any(*WRITERS),
        fouten={},
        invoer={},
        opgeslagen=request.query_params.get("opgeslagen") == "1",
    )
    return Template("dossier.html", context=context)


@post(
    "/jongeren/{jongere_id:uuid}/werklogboek",
    guards=[requires(*WRITERS)],
    include_in_schema=False,
    status_code=303,
)
async def werklogboek_formulier(
    request: Request[Any, Any, Any],
    jongere_id: FromPath[UUID],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
    data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    fields = {k: (v.strip() or None) for k, v in data.items() if k != "_csrf"}
    fouten: dict[str, str] = {}
    try:
        entry = msgspec.convert(fields, NieuweWerklogboekEntry, strict=False)
        written = await dossier.schrijf_werklogboek(db, principal, jongere_id, entry, request_id)
        if written is None:
            raise NotFoundException()
        return Redirect(f"/jongeren/{jongere_id}?opgeslagen=1#werklogboek", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "datum")
    found = await dossier.lees_dossier(db, principal, jongere_id, request_id)
    if found is None:
        raise NotFoundException()
    context = await layout(request, db, principal, request_id)
    context.update(
        dossier=found, kan_schrijven=True, fouten=fouten, invoer=fields, opgeslagen=False
    )
    return Template("dossier.html", context=context, status_code=422)


@get("/controles", guards=[requires(*BEHEER)], include_in_schema=False)
async def controles_pagina(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, request_id: RequestId
) -> Template:
    context = await layout(request, db, principal, request_id)
    async with db.tenant_tx(principal, request_id=request_id) as tx:
        context["te_laat"] = await scholen_te_laat(tx.conn, date(tx.vandaag.year - 1, 1, 1))
    context["resultaat"] = None
    return Template("controles.html", context=context)


@post("/controles", guards=[requires(*BEHEER)], include_in_schema=False, status_code=200)
async def controles_uitvoeren_pagina(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, request_id: RequestId
) -> Template:
    context = await layout(request, db, principal, request_id)
    context["resultaat"] = await controles_uitvoeren(
        db, db.vandaag(), principal=principal, request_id=request_id
    )
    async with db.tenant_tx(principal, request_id=request_id) as tx:
        context["te_laat"] = await scholen_te_laat(tx.conn, date(tx.vandaag.year - 1, 1, 1))
    return Template("controles.html", context=context)


PAGES = [
    home,
    zoeken,
    dossier_pagina,
    werklogboek_formulier,
    controles_pagina,
    controles_uitvoeren_pagina,
]
