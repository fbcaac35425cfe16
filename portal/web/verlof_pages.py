"""The leerplichtambtenaar's verlof pages: the applications beyond 10 schooldagen with their
decision term (art. 5), one application with its steps as a form, and the directors' requests for
advice (5.9). Each calls the service behind `/api/v1/verlof` with the same guards."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission, allows
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.domain.woorden import VERLOF_GRONDEN, VERLOF_STAPPEN
from portal.problems import Conflict, Problem
from portal.verlof import procedure, service
from portal.verlof.procedure import Stap
from portal.web.formulier import invoer as formulier_invoer
from portal.web.formulier import veldfouten
from portal.web.layout import layout

LEZERS = [requires(Permission.HANDLE_ZAKEN)]
GRONDEN = VERLOF_GRONDEN
STAPPEN = list(VERLOF_STAPPEN.items())


@get("/verlof", guards=LEZERS, include_in_schema=False)
async def verlof_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context.update(
        aanvragen=(await procedure.lijst(ctx, limit=MAXIMUM)).items,
        adviesvragen=(await service.adviesvragen(ctx, limit=MAXIMUM)).items,
        gronden=GRONDEN,
        vandaag=ctx.db.vandaag(),
        advies_fout={},
        advies_invoer={},
        gedaan=request.query_params.get("gedaan"),
    )
    return Template("verlof.html", context=context)


async def _aanvraag_context(
    request: Request[Any, Any, Any], ctx: RequestContext, aanvraag_id: UUID
) -> dict[str, Any]:
    aanvraag = gevonden(await procedure.lees(ctx, aanvraag_id))
    context = await layout(request, ctx)
    context.update(
        a=aanvraag,
        gronden=GRONDEN,
        stappen=STAPPEN,
        stap_labels=dict(STAPPEN),
        kan_stappen=allows(ctx.principal, Permission.DECIDE),
        fouten={},
        invoer={},
        regel=None,
        gedaan=request.query_params.get("gedaan"),
        vandaag=ctx.db.vandaag(),
    )
    return context


@get("/verlof/{aanvraag_id:uuid}", guards=LEZERS, include_in_schema=False)
async def aanvraag_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, aanvraag_id: FromPath[UUID]
) -> Template:
    context = await _aanvraag_context(request, ctx, aanvraag_id)
    return Template("verlof_aanvraag.html", context=context)


@post(
    "/verlof/{aanvraag_id:uuid}",
    guards=[requires(Permission.DECIDE)],
    include_in_schema=False,
    status_code=200,
)
async def aanvraag_stap(
    request: Request[Any, Any, Any], ctx: Ctx, aanvraag_id: FromPath[UUID]
) -> Template | Redirect:
    form = await request.form()
    invoer = formulier_invoer(form)
    fouten: dict[str, str] = {}
    regel = None
    try:
        verzoek = msgspec.convert({k: v for k, v in invoer.items() if v}, Stap, strict=False)
        if await procedure.stap(ctx, aanvraag_id, verzoek) is None:
            raise NotFoundException()
        return Redirect(f"/verlof/{aanvraag_id}?gedaan={verzoek.actie}", status_code=303)
    except Conflict as exc:
        regel = exc.detail
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "actie")
    context = await _aanvraag_context(request, ctx, aanvraag_id)
    context.update(fouten=fouten, invoer=invoer, regel=regel)
    return Template("verlof_aanvraag.html", context=context, status_code=409 if regel else 422)


@post(
    "/verlof/{aanvraag_id:uuid}/advies",
    guards=[requires(Permission.DECIDE)],
    include_in_schema=False,
    status_code=200,
)
async def advies_formulier(
    request: Request[Any, Any, Any], ctx: Ctx, aanvraag_id: FromPath[UUID]
) -> Template | Redirect:
    form = await request.form()
    advies = str(form.get("advies", "")).strip()
    fout = None
    try:
        if not advies:
            fout = "Schrijf uw advies aan de directeur."
        elif await service.advies_geven(ctx, aanvraag_id, advies) is None:
            raise NotFoundException()
        else:
            return Redirect("/verlof?gedaan=advies", status_code=303)
    except Problem as exc:  # a Conflict too: its detail is the rule
        fout = exc.errors[0].message if exc.errors else exc.detail
    context = await layout(request, ctx)
    context.update(
        aanvragen=(await procedure.lijst(ctx, limit=MAXIMUM)).items,
        adviesvragen=(await service.adviesvragen(ctx, limit=MAXIMUM)).items,
        gronden=GRONDEN,
        vandaag=ctx.db.vandaag(),
        advies_fout={str(aanvraag_id): fout},
        advies_invoer={str(aanvraag_id): advies},
    )
    return Template("verlof.html", context=context, status_code=422)


VERLOF_PAGES = [verlof_pagina, aanvraag_pagina, aanvraag_stap, advies_formulier]
