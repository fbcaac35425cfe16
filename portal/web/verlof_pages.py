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
from portal.context import DB, CurrentPrincipal, RequestId
from portal.db.paging import MAXIMUM
from portal.problems import Conflict, Problem
from portal.verlof import procedure, service
from portal.verlof.procedure import Stap
from portal.web.formulier import invoer as formulier_invoer
from portal.web.formulier import veldfouten
from portal.web.layout import layout

LEZERS = [requires(Permission.HANDLE_ZAKEN)]
GRONDEN = {
    "vakantie": "Vakantie (werk ouders)",
    "wettelijke_verplichting": "Wettelijke verplichting",
    "verhuizing": "Verhuizing",
    "huwelijk": "Huwelijk",
    "ernstige_ziekte": "Ernstige ziekte",
    "overlijden": "Overlijden",
    "jubileum": "Jubileum",
    "overig": "Andere gewichtige omstandigheid",
}
STAPPEN = [
    ("ontvangst_bevestigen", "Ontvangst bevestigen (met beslistermijn)"),
    ("herstel_vragen", "Om aanvulling vragen (hersteltermijn)"),
    ("directeur_horen", "Directeur gehoord"),
    ("zienswijze_vragen", "Zienswijze van de ouders vastgelegd"),
    ("besluiten", "Besluiten"),
    ("bezwaar_registreren", "Bezwaar registreren"),
]


@get("/verlof", guards=LEZERS, include_in_schema=False)
async def verlof_pagina(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, request_id: RequestId
) -> Template:
    context = await layout(request, db, principal, request_id)
    context.update(
        aanvragen=(await procedure.lijst(db, principal, request_id, limit=MAXIMUM)).items,
        adviesvragen=(await service.adviesvragen(db, principal, request_id, limit=MAXIMUM)).items,
        gronden=GRONDEN,
        vandaag=db.vandaag(),
        advies_fout={},
        advies_invoer={},
        gedaan=request.query_params.get("gedaan"),
    )
    return Template("verlof.html", context=context)


async def _aanvraag_context(
    request: Request[Any, Any, Any],
    db: DB,
    principal: CurrentPrincipal,
    aanvraag_id: UUID,
    rid: str,
) -> dict[str, Any]:
    aanvraag = await procedure.lees(db, principal, aanvraag_id, rid)
    if aanvraag is None:
        raise NotFoundException()
    context = await layout(request, db, principal, rid)
    context.update(
        a=aanvraag,
        gronden=GRONDEN,
        stappen=STAPPEN,
        stap_labels=dict(STAPPEN),
        kan_stappen=allows(principal, Permission.DECIDE),
        fouten={},
        invoer={},
        regel=None,
        gedaan=request.query_params.get("gedaan"),
        vandaag=db.vandaag(),
    )
    return context


@get("/verlof/{aanvraag_id:uuid}", guards=LEZERS, include_in_schema=False)
async def aanvraag_pagina(
    request: Request[Any, Any, Any],
    aanvraag_id: FromPath[UUID],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template:
    context = await _aanvraag_context(request, db, principal, aanvraag_id, request_id)
    return Template("verlof_aanvraag.html", context=context)


@post(
    "/verlof/{aanvraag_id:uuid}",
    guards=[requires(Permission.DECIDE)],
    include_in_schema=False,
    status_code=200,
)
async def aanvraag_stap(
    request: Request[Any, Any, Any],
    aanvraag_id: FromPath[UUID],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template | Redirect:
    form = await request.form()
    invoer = formulier_invoer(form)
    fouten: dict[str, str] = {}
    regel = None
    try:
        verzoek = msgspec.convert({k: v for k, v in invoer.items() if v}, Stap, strict=False)
        if await procedure.stap(db, principal, aanvraag_id, verzoek, request_id) is None:
            raise NotFoundException()
        return Redirect(f"/verlof/{aanvraag_id}?gedaan={verzoek.actie}", status_code=303)
    except Conflict as exc:
        regel = exc.detail
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "actie")
    context = await _aanvraag_context(request, db, principal, aanvraag_id, request_id)
    context.update(fouten=fouten, invoer=invoer, regel=regel)
    return Template("verlof_aanvraag.html", context=context, status_code=409 if regel else 422)


@post(
    "/verlof/{aanvraag_id:uuid}/advies",
    guards=[requires(Permission.DECIDE)],
    include_in_schema=False,
    status_code=200,
)
async def advies_formulier(
    request: Request[Any, Any, Any],
    aanvraag_id: FromPath[UUID],
    db: DB,
    principal: CurrentPrincipal,
    request_id: RequestId,
) -> Template | Redirect:
    form = await request.form()
    advies = str(form.get("advies", "")).strip()
    fout = None
    try:
        if not advies:
            fout = "Schrijf uw advies aan de directeur."
        elif await service.advies_geven(db, principal, aanvraag_id, advies, request_id) is None:
            raise NotFoundException()
        else:
            return Redirect("/verlof?gedaan=advies", status_code=303)
    except Problem as exc:  # a Conflict too: its detail is the rule
        fout = exc.errors[0].message if exc.errors else exc.detail
    context = await layout(request, db, principal, request_id)
    context.update(
        aanvragen=(await procedure.lijst(db, principal, request_id, limit=MAXIMUM)).items,
        adviesvragen=(await service.adviesvragen(db, principal, request_id, limit=MAXIMUM)).items,
        gronden=GRONDEN,
        vandaag=db.vandaag(),
        advies_fout={str(aanvraag_id): fout},
        advies_invoer={str(aanvraag_id): advies},
    )
    return Template("verlof.html", context=context, status_code=422)


VERLOF_PAGES = [verlof_pagina, aanvraag_pagina, aanvraag_stap, advies_formulier]
