"""The functioneel beheerder's letter templates: the list, one template with its PDF preview, save
and back to the default (the API's `/api/v1/briefsjablonen`, behind the same service)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import sjablonen
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.problems import Problem
from portal.web.layout import layout

BEHEERDER = [requires(Permission.ADMINISTER)]


@get("/beheer/brieven", guards=BEHEERDER, include_in_schema=False)
async def brieven_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context["sjablonen"] = (await sjablonen.lijst(ctx, limit=MAXIMUM)).items
    return Template("beheer_brieven.html", context=context)


async def _brief_context(
    request: Request[Any, Any, Any], ctx: RequestContext, soort: str
) -> dict[str, Any]:
    sjabloon = gevonden(await sjablonen.lees(ctx, soort))
    context = await layout(request, ctx)
    context.update(
        sjabloon=sjabloon,
        fouten={},
        invoer={"inhoud": sjabloon.inhoud},
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/beheer/brieven/{soort:str}", guards=BEHEERDER, include_in_schema=False)
async def brief_pagina(request: Request[Any, Any, Any], ctx: Ctx, soort: FromPath[str]) -> Template:
    context = await _brief_context(request, ctx, soort)
    return Template("beheer_brief.html", context=context)


@post("/beheer/brieven/{soort:str}", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def brief_formulier(
    request: Request[Any, Any, Any], ctx: Ctx, soort: FromPath[str]
) -> Template | Redirect | Response[bytes]:
    """One form, three buttons: preview (PDF), save, back to the default."""
    form = await request.form()
    actie = str(form.get("actie", "opslaan"))
    inhoud = str(form.get("inhoud", "")).replace("\r\n", "\n")
    context = await _brief_context(request, ctx, soort)
    try:
        if actie == "standaard":
            await sjablonen.standaard_terug(ctx, soort)
            return Redirect(f"/beheer/brieven/{soort}?gedaan=standaard", status_code=303)
        if actie == "voorbeeld":
            brief = await sjablonen.voorbeeld(soort, inhoud)
            return Response(
                brief.pdf,
                media_type="application/pdf",
                headers={"Content-Disposition": f'inline; filename="voorbeeld-{soort}.pdf"'},
            )
        await sjablonen.vastleggen(ctx, soort, inhoud)
        return Redirect(f"/beheer/brieven/{soort}?gedaan=opgeslagen", status_code=303)
    except Problem as exc:
        context.update(fouten={e.field: e.message for e in exc.errors or []})
    context["invoer"] = {"inhoud": inhoud}
    return Template("beheer_brief.html", context=context, status_code=422)


BRIEF_BEHEER_PAGES = [brieven_pagina, brief_pagina, brief_formulier]
