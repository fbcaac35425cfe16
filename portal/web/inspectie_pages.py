"""A school's history with the Inspectie (art. 20) on one page, for the leerplichtambtenaar and the
teammanager: the advice given, the signals (waiting for akkoord, sent or refused) and meldingen,
a form for the next, and the teammanager's akkoord. Behind the same service and rules as the API.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission, allows
from portal.context import Ctx, gevonden
from portal.domain.inspectie import Soort, Tekortkoming
from portal.inspectie_signalen import service
from portal.inspectie_signalen.service import Akkoord, NieuwVerslag
from portal.problems import Conflict, Problem
from portal.web.formulier import veldfouten
from portal.web.layout import layout

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
SOORTEN = {
    Soort.ADVIES: "Advies aan de school (lid 1)",
    Soort.SIGNAAL: "Schriftelijk signaal aan de Inspectie",
    Soort.MELDING: "Melding aan de Inspectie (lid 5)",
}
TEKORTKOMINGEN = {
    Tekortkoming.INSCHRIJVING_TE_LAAT: "Inschrijvingen te laat doorgegeven",
    Tekortkoming.UITSCHRIJVING_TE_LAAT: "Uitschrijvingen te laat doorgegeven",
    Tekortkoming.MELDING_NIET_GEDAAN: "Verzuim niet gemeld",
    Tekortkoming.VERLOF_TEGEN_DE_WET: "Verlof verleend tegen de wet",
    Tekortkoming.OVERIG: "Anders",
}
STATUSSEN = {
    "vastgelegd": "gegeven aan de school",
    "wacht_op_akkoord": "wacht op akkoord van de teammanager",
    "verstuurd": "naar de Inspectie, de school is geïnformeerd",
    "afgewezen": "niet verstuurd",
}
BRIN = r"^[0-9]{2}[A-Z0-9]{2}$"


async def _context(request: Request[Any, Any, Any], ctx: Ctx, brin: str) -> dict[str, Any]:
    if not re.match(BRIN, brin):
        raise NotFoundException()
    context = await layout(request, ctx)
    context.update(
        brin=brin,
        verslagen=await service.geschiedenis(ctx, brin),
        soorten=SOORTEN,
        tekortkomingen=TEKORTKOMINGEN,
        statussen=STATUSSEN,
        soort_opties=[(k.value, v) for k, v in SOORTEN.items()],
        tekort_opties=[(k.value, v) for k, v in TEKORTKOMINGEN.items()],
        kan_akkoord=allows(ctx.principal, Permission.APPROVE),
        fout=None,
        fouten={},
        invoer={},
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get(
    "/scholen/{brin:str}/inspectie",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
)
async def inspectie_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, brin: FromPath[str]
) -> Template:
    return Template("inspectie.html", context=await _context(request, ctx, brin))


@post(
    "/scholen/{brin:str}/inspectie",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def verslag_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, brin: FromPath[str]
) -> Template | Redirect:
    velden = {k: v.strip() for k, v in data.items() if k != "_csrf" and v.strip()}
    try:
        verslag = msgspec.convert(velden, NieuwVerslag, strict=False)
        await service.vastleggen(ctx, brin, verslag)
        return Redirect(f"/scholen/{brin}/inspectie?gedaan={verslag.soort.value}", status_code=303)
    except Conflict as exc:
        fout, fouten = exc.detail, {}
    except (Problem, msgspec.ValidationError) as exc:
        fout, fouten = None, veldfouten(exc, "feiten")
    context = await _context(request, ctx, brin)
    context.update(fout=fout, fouten=fouten, invoer=data)
    return Template("inspectie.html", context=context, status_code=409 if fout else 422)


@post(
    "/inspectie/{verslag_id:uuid}/akkoord",
    guards=[requires(Permission.APPROVE)],
    include_in_schema=False,
    status_code=303,
)
async def akkoord_formulier(data: Form, ctx: Ctx, verslag_id: FromPath[UUID]) -> Redirect:
    besluit = Akkoord(akkoord=data.get("akkoord") == "ja", reden=data.get("reden") or None)
    verslag = gevonden(await service.akkoord(ctx, verslag_id, besluit))
    gedaan = "akkoord" if besluit.akkoord else "afgewezen"
    return Redirect(f"/scholen/{verslag.brin}/inspectie?gedaan={gedaan}", status_code=303)


INSPECTIE_PAGES = [inspectie_pagina, verslag_formulier, akkoord_formulier]
