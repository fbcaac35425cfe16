"""The teammanager's page: approvals waiting, overdue deadlines, open cases by status, and charts
of intake and outcomes per month, for the gemeente or one team. It calls the same services as
`GET /api/v1/cijfers` and the werkvoorraad; the filter form swaps only the figures with htmx."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx
from portal.domain.uitkomst import LABELS as UITKOMST_LABELS
from portal.domain.woorden import SIGNAAL_LABELS, SOORT_LABELS, STATUS_LABELS
from portal.problems import Problem
from portal.tenants import repository as tenants
from portal.verzuim import cijfers, toewijzen
from portal.verzuim.werkvoorraad import werkvoorraad
from portal.web.grafiek import staafgrafiek
from portal.web.layout import layout

# Intake: the meldingen by their soort; the controls' signals as one kind.
INSTROOM_LABELS = {
    "16_uur_in_4_weken": "16 uur in 4 weken",
    "langdurig_relatief": "Langdurig relatief verzuim",
    "luxe": "Luxe verzuim",
    "rmc": "RMC (18+)",
    "overig": "Overig verzuim",
    "signaal": "Signaal uit de controles",
}


def _instroom_categorie(categorie: str) -> str:
    return categorie if categorie in INSTROOM_LABELS else "signaal"


@get("/team", guards=[requires(Permission.LEAD_TEAM)], include_in_schema=False)
async def team_pagina(
    request: Request[Any, Any, Any],
    ctx: Ctx,
    team: FromQuery[str] = "",
    van: FromQuery[str] = "",
    tot: FromQuery[str] = "",
) -> Template:
    context = await layout(request, ctx)
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        teams = await tenants.teams(tx.conn)
    # The manager's own team first (the role's scope); `alle` for the whole gemeente.
    team_id = (
        ctx.principal.team_id
        if not team
        else next((t.id for t in teams if str(t.id) == team), None)
    )
    fouten: dict[str, str] = {}
    try:
        c = await cijfers.cijfers(
            ctx, van=van or None, tot=tot or None, team_id=team_id, vandaag=ctx.db.vandaag()
        )
    except Problem as exc:
        fouten = {e.field: e.message for e in exc.errors or []}
        c = await cijfers.cijfers(
            ctx, van=None, tot=None, team_id=team_id, vandaag=ctx.db.vandaag()
        )
    werk = await werkvoorraad(ctx, limit=100, team_id=team_id, verlopen_op=ctx.db.vandaag())
    verlopen = werk.items
    maanden = cijfers.maanden(c.van, c.tot)
    context.update(
        caseload=await toewijzen.caseload(ctx, team_id),
        teams=teams,
        team_id=team_id,
        invoer={"van": van or c.van, "tot": tot or c.tot},
        fouten=fouten,
        cijfers=c,
        instroom=staafgrafiek(
            maanden,
            ((a.maand, _instroom_categorie(a.categorie), a.aantal) for a in c.instroom),
            INSTROOM_LABELS,
        ),
        uitkomsten=staafgrafiek(
            maanden,
            ((a.maand, a.categorie, a.aantal) for a in c.uitkomsten),
            {u.value: label for u, label in UITKOMST_LABELS.items()},
        ),
        ter_goedkeuring=werk.ter_goedkeuring,
        verlopen=verlopen,
        open_totaal=sum(z.aantal for z in c.open_zaken),
        soort_labels=SOORT_LABELS,
        zaakstatus_labels=STATUS_LABELS,
        signaal_labels=SIGNAAL_LABELS,
    )
    fragment = request.headers.get("hx-request") == "true"
    return Template("team.html" if not fragment else "_team_cijfers.html", context=context)


TEAM_PAGES = [team_pagina]
