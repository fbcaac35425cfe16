"""The leerplichtambtenaar's vrijstelling pages (art. 10-15): the kennisgevingen with their terms,
registering one, and one kennisgeving with the facts to record and the decision. Each calls the
service behind `/api/v1/vrijstellingen` with the same guards."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.datastructures import FormMultiDict
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission, allows
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.domain.vrijstelling import Grond
from portal.problems import Conflict, Problem
from portal.vrijstellingen import service
from portal.vrijstellingen.service import OMSCHRIJVING, Besluit, Gegevens, NieuweKennisgeving
from portal.web.formulier import veldfouten
from portal.web.layout import layout

LEZERS = [requires(Permission.READ_WERKVOORRAAD)]
LPA = [requires(Permission.DECIDE)]
GRONDEN = [(g.value, OMSCHRIJVING[g].capitalize()) for g in Grond]
JA_NEE = {"ja": True, "nee": False}


def _velden(
    form: FormMultiDict, velden: tuple[str, ...], vinkjes: tuple[str, ...]
) -> dict[str, Any]:
    """The form's non-empty fields; a ticked box is true, an unticked one is left out."""
    uit: dict[str, Any] = {}
    for veld in velden:
        waarde = str(form.get(veld, "")).strip()
        if veld in vinkjes:
            if waarde == "ja":
                uit[veld] = True
        elif waarde:
            uit[veld] = JA_NEE.get(waarde, waarde) if veld == "geldig" else waarde
    return uit


async def _lijst_context(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    context = await layout(request, ctx)
    context.update(
        kennisgevingen=(await service.lijst(ctx, limit=MAXIMUM)).items,
        gronden=dict(GRONDEN),
        grond_opties=GRONDEN,
        kan_registreren=allows(ctx.principal, Permission.DECIDE),
        fouten={},
        invoer={},
    )
    return context


@get("/vrijstellingen", guards=LEZERS, include_in_schema=False)
async def vrijstellingen_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return Template(
        "vrijstellingen.html",
        context=await _lijst_context(request, ctx),
    )


@post("/vrijstellingen", guards=LPA, include_in_schema=False, status_code=200)
async def registreren_formulier(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    form = await request.form()
    velden = _velden(
        form,
        (
            "bsn",
            "grond",
            "ontvangen_op",
            "toelichting",
            "toestemming_deskundige",
            "defensiepersoneelnummer",
        ),
        ("toestemming_deskundige",),
    )
    try:
        nieuw = msgspec.convert(velden, NieuweKennisgeving, strict=False)
        k = await service.registreren(ctx, nieuw)
        return Redirect(f"/vrijstellingen/{k.id}?gedaan=geregistreerd", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "bsn")
    context = await _lijst_context(request, ctx)
    context.update(fouten=fouten, invoer={k: str(v) for k, v in form.items()})
    return Template("vrijstellingen.html", context=context, status_code=422)


async def _context(
    request: Request[Any, Any, Any], ctx: RequestContext, ident: UUID
) -> dict[str, Any]:
    k = gevonden(await service.lees(ctx, ident))
    context = await layout(request, ctx)
    context.update(
        k=k,
        gronden=dict(GRONDEN),
        kan_beslissen=allows(ctx.principal, Permission.DECIDE) and k.status == "in_behandeling",
        fouten={},
        invoer={},
        regel=None,
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/vrijstellingen/{ident:uuid}", guards=LEZERS, include_in_schema=False)
async def kennisgeving_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, ident: FromPath[UUID]
) -> Template:
    return Template(
        "vrijstelling.html",
        context=await _context(request, ctx, ident),
    )


@post("/vrijstellingen/{ident:uuid}", guards=LPA, include_in_schema=False, status_code=200)
async def kennisgeving_formulier(
    request: Request[Any, Any, Any], ctx: Ctx, ident: FromPath[UUID]
) -> Template | Redirect:
    """Two forms on one page: the facts (`actie=gegevens`) and the decision (`actie=besluit`)."""
    form = await request.form()
    actie = str(form.get("actie", ""))
    fouten: dict[str, str] = {}
    regel = None
    try:
        if actie == "besluit":
            besluit = msgspec.convert(
                _velden(form, ("geldig", "van", "tot", "hernieuwen_voor", "motivering"), ()),
                Besluit,
                strict=False,
            )
            found = await service.besluiten(ctx, ident, besluit)
        else:
            gegevens = msgspec.convert(
                _velden(
                    form,
                    (
                        "toestemming_deskundige",
                        "verklaring_deskundige_op",
                        "eerder_ingeschreven_onderzocht",
                        "gesprek_gevoerd_op",
                        "afspraken",
                        "betrokkenen_geinformeerd_op",
                        "verzoek_ondertekend",
                    ),
                    (
                        "toestemming_deskundige",
                        "eerder_ingeschreven_onderzocht",
                        "verzoek_ondertekend",
                    ),
                ),
                Gegevens,
                strict=False,
            )
            found = await service.gegevens(ctx, ident, gegevens)
        if found is None:
            raise NotFoundException()
        return Redirect(f"/vrijstellingen/{ident}?gedaan={actie or 'gegevens'}", status_code=303)
    except Conflict as exc:
        regel = exc.detail
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "motivering" if actie == "besluit" else "afspraken")
    context = await _context(request, ctx, ident)
    context.update(fouten=fouten, invoer={k: str(v) for k, v in form.items()}, regel=regel)
    return Template("vrijstelling.html", context=context, status_code=409 if regel else 422)


VRIJSTELLING_PAGES = [
    vrijstellingen_pagina,
    registreren_formulier,
    kennisgeving_pagina,
    kennisgeving_formulier,
]
