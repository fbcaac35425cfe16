"""The functioneel beheerder's letter templates: the list, one template with its PDF preview, save
and back to the default (the API's `/api/v1/briefsjablonen`, behind the same service)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import sjablonen
from portal.context import DB, CurrentPrincipal, RequestId
from portal.db.paging import MAXIMUM
from portal.problems import Problem
from portal.web.layout import layout

BEHEERDER = [requires(Permission.ADMINISTER)]


@get("/beheer/brieven", guards=BEHEERDER, include_in_schema=False)
async def brieven_pagina(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, request_id: RequestId
) -> Template:
    context = await layout(request, db, principal, request_id)
    context["sjablonen"] = (await sjablonen.lijst(db, principal, request_id, limit=MAXIMUM)).items
    return Template("beheer_brieven.html", context=context)


async def _brief_context(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, soort: str, rid: str
) -> dict[str, Any]:
    sjabloon = await sjablonen.lees(db, principal, soort, rid)
    if sjabloon is None:
        raise NotFoundException()
    context = await layout(request, db, principal, rid)
    context.update(
        sjabloon=sjabloon,
        fouten={},
        invoer={"inhoud": sjabloon.inhoud},
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/beheer/brieven/{soort:str}", guards=BEHEERDER, include_in_schema=False)
async def brief_pagina(
    request: Request[Any, Any, Any],
    soort: FromPath[str],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template:
    context = await _brief_context(request, db, principal, soort, request_id)
    return Template("beheer_brief.html", context=context)


@post("/beheer/brieven/{soort:str}", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def brief_formulier(
    request: Request[Any, Any, Any],
    soort: FromPath[str],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template | Redirect | Response[bytes]:
    """One form, three buttons: preview (PDF), save, back to the default."""
    form = await request.form()
    actie = str(form.get("actie", "opslaan"))
    inhoud = str(form.get("inhoud", "")).replace("\r\n", "\n")
    context = await _brief_context(request, db, principal, soort, request_id)
    try:
        if actie == "standaard":
            await sjablonen.standaard_terug(db, principal, soort, request_id)
            return Redirect(f"/beheer/brieven/{soort}?gedaan=standaard", status_code=303)
        if actie == "voorbeeld":
            brief = await sjablonen.voorbeeld(soort, inhoud)
            return Response(
                brief.pdf,
                media_type="application/pdf",
                headers={"Content-Disposition": f'inline; filename="voorbeeld-{soort}.pdf"'},
            )
        await sjablonen.vastleggen(db, principal, soort, inhoud, request_id)
        return Redirect(f"/beheer/brieven/{soort}?gedaan=opgeslagen", status_code=303)
    except Problem as exc:
        context.update(fouten={e.field: e.message for e in exc.errors or []})
    context["invoer"] = {"inhoud": inhoud}
    return Template("beheer_brief.html", context=context, status_code=422)


BRIEF_BEHEER_PAGES = [brieven_pagina, brief_pagina, brief_formulier]
