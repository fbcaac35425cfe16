"""The functioneel beheerder's letter templates: the list, one template with its PDF preview, save
and back to the default (the API's `/api/v1/briefsjablonen`, behind the same service)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import afzender, sjablonen
from portal.brieven.afzender import Afzender
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.problems import FieldError, Problem, unprocessable
from portal.web.formulier import veldfouten
from portal.web.layout import layout

BEHEERDER = [requires(Permission.ADMINISTER)]


@get("/beheer/brieven", guards=BEHEERDER, include_in_schema=False)
async def brieven_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await _brieven_context(request, ctx)
    return Template("beheer_brieven.html", context=context)


async def _brieven_context(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    context = await layout(request, ctx)
    huidig = await afzender.lees(ctx)
    context.update(
        sjablonen=(await sjablonen.lijst(ctx, limit=MAXIMUM)).items,
        fouten={},
        invoer={
            "afdeling": huidig.afdeling,
            "retouradres": huidig.retouradres or "",
            "website": huidig.website or "",
            **{f"postadres_{n}": r for n, r in enumerate(huidig.postadres, start=1)},
        },
        gedaan=request.query_params.get("gedaan"),
        eigen_logo=huidig.eigen_logo,
    )
    return context


@post("/beheer/afzender", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def afzender_formulier(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    """The sender on the gemeente's letters: every reason at its field at once."""
    form = await request.form()
    invoer = {k: str(v).strip() for k, v in form.items() if k != "_csrf"}
    # The filled-in address fields, in order; an error on line n belongs to the n-th of them.
    regels = [f"postadres_{n}" for n in range(1, 5) if invoer.get(f"postadres_{n}")]
    try:
        await afzender.vastleggen(
            ctx,
            msgspec.convert(
                {
                    "afdeling": invoer.get("afdeling", ""),
                    "postadres": [invoer[r] for r in regels],
                    "retouradres": invoer.get("retouradres") or None,
                    "website": invoer.get("website") or None,
                },
                Afzender,
            ),
        )
        return Redirect("/beheer/brieven?gedaan=afzender", status_code=303)
    except (Problem, msgspec.ValidationError) as exc:
        context = await _brieven_context(request, ctx)
        fouten = {}
        for veld, reden in veldfouten(exc, "afdeling").items():
            if (
                veld.startswith("postadres_")
                and veld[10:].isdigit()
                and int(veld[10:]) < len(regels)
            ):
                veld = regels[int(veld[10:])]
            fouten[veld] = reden
        context.update(fouten=fouten, invoer=invoer)
        return Template("beheer_brieven.html", context=context, status_code=422)


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


@post("/beheer/afzender/logo", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def logo_formulier(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    """Upload the gemeente's own logo (SVG), or go back to the portal's."""
    form = await request.form()
    svg: str | None = None
    if form.get("actie") != "standaard":
        bestand: Any = form.get("logo")
        inhoud = await bestand.read() if isinstance(bestand, UploadFile) else b""
        try:
            svg = inhoud.decode("utf-8") if inhoud else ""
        except UnicodeDecodeError:
            svg = "\x00"  # refused below with its reason, as any text that is no SVG
    try:
        if svg == "":
            raise unprocessable([FieldError("logo", "kies een SVG-bestand met het logo")])
        await afzender.logo_vastleggen(ctx, svg)
        return Redirect("/beheer/brieven?gedaan=logo", status_code=303)
    except Problem as exc:
        context = await _brieven_context(request, ctx)
        context.update(fouten=veldfouten(exc, "logo"))
        return Template("beheer_brieven.html", context=context, status_code=422)


BRIEF_BEHEER_PAGES = [
    brieven_pagina,
    afzender_formulier,
    logo_formulier,
    brief_pagina,
    brief_formulier,
]
