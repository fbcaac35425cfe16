"""Pages of the RMC function: the VSV lists for regiogemeenten and the coördinator (with the CSV
download and, for the coördinator, building a month and the regional overview), and the
Jongerenpunt's inbox of overdrachten. Each calls the service behind the API with the same guards."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission, allows
from portal.context import Ctx
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.problems import Conflict, Problem
from portal.rmc import overdrachten, vsv
from portal.rmc.overdrachten import Acceptatie, BemiddelingBericht
from portal.web.layout import layout

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _vorige_maand(vandaag: date) -> str:
    eerste = vandaag.replace(day=1)
    vorige = date(eerste.year - (eerste.month == 1), (eerste.month - 2) % 12 + 1, 1)
    return f"{vorige:%Y-%m}"


async def _vsv_context(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    context = await layout(request, ctx)
    coordinator = allows(ctx.principal, Permission.BUILD_VSV)
    context.update(
        lijsten=(await vsv.lijsten(ctx, limit=MAXIMUM)).items,
        coordinator=coordinator,
        overzicht=(await vsv.overzicht(ctx)).items if coordinator else [],
        voorstel_maand=_vorige_maand(ctx.db.vandaag()),
        fout=None,
        gebouwd=None,
    )
    return context


@get("/vsv", guards=[requires(Permission.READ_VSV)], include_in_schema=False)
async def vsv_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return Template("vsv.html", context=await _vsv_context(request, ctx))


@post("/vsv", guards=[requires(Permission.BUILD_VSV)], include_in_schema=False, status_code=200)
async def vsv_bouwen_formulier(request: Request[Any, Any, Any], data: Form, ctx: Ctx) -> Template:
    fout, gebouwd = None, None
    try:
        gebouwd = await vsv.bouwen(ctx, (data.get("maand") or "").strip())
    except Problem as exc:
        fout = exc.errors[0].message if exc.errors else exc.detail
    context = await _vsv_context(request, ctx)
    context.update(fout=fout, gebouwd=gebouwd, invoer_maand=data.get("maand", ""))
    return Template("vsv.html", context=context, status_code=422 if fout else 200)


@get("/vsv/{maand:str}", guards=[requires(Permission.READ_VSV)], include_in_schema=False)
async def vsv_maand_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, maand: FromPath[str]
) -> Template | Response[str]:
    """A month's rows; `/vsv/2026-10.csv` downloads them (an audited export)."""
    als_csv = maand.endswith(".csv")
    maand = maand.removesuffix(".csv")
    try:
        lijst = await vsv.regels(ctx, maand, limit=None if als_csv else 500)
    except Problem as exc:
        raise NotFoundException() from exc
    if lijst is None:
        raise NotFoundException()
    if als_csv:
        naam = f"vsv-{maand}-{ctx.principal.tenant_id}.csv"
        return Response(
            vsv.als_csv(lijst),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{naam}"'},
        )
    context = await layout(request, ctx)
    context.update(lijst=lijst, meer=lijst.next_cursor is not None)
    return Template("vsv_maand.html", context=context)


@get("/overdrachten", guards=[requires(Permission.RECEIVE_OVERDRACHTEN)], include_in_schema=False)
async def overdrachten_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context.update(
        items=(await overdrachten.lijst(ctx, status=None, limit=200, cursor=None)).items,
        fout=None,
        fout_id=None,
        gedaan=request.query_params.get("gedaan"),
        vandaag=ctx.db.vandaag(),
    )
    return Template("overdrachten.html", context=context)


@post(
    "/overdrachten/{overdracht_id:uuid}/{wat:str}",
    guards=[requires(Permission.RECEIVE_OVERDRACHTEN)],
    include_in_schema=False,
    status_code=303,
)
async def overdracht_formulier(
    request: Request[Any, Any, Any],
    data: Form,
    ctx: Ctx,
    overdracht_id: FromPath[UUID],
    wat: FromPath[str],
) -> Template | Redirect:
    """`acceptatie` (besluit, reden) or `bemiddeling` (status, datum), as the API takes them."""
    velden = {k: v.strip() for k, v in data.items() if k != "_csrf" and v.strip()}
    try:
        if wat == "acceptatie":
            besluit = msgspec.convert(velden, Acceptatie, strict=False)
            gedaan = await overdrachten.accepteren(ctx, overdracht_id, besluit)
        elif wat == "bemiddeling":
            bericht = msgspec.convert(velden, BemiddelingBericht, strict=False)
            gedaan = await overdrachten.bemiddeling(ctx, overdracht_id, bericht)
        else:
            raise NotFoundException()
        if gedaan is None:
            raise NotFoundException()
        return Redirect(f"/overdrachten?gedaan={wat}", status_code=303)
    except Conflict as exc:
        fout = exc.detail or "Dit kan niet."
    except Problem as exc:
        fout = exc.errors[0].message if exc.errors else (exc.detail or "Dit kan niet.")
    except msgspec.ValidationError:
        fout = "Kies een besluit of status en vul de datum in."
    context = await layout(request, ctx)
    context.update(
        items=(await overdrachten.lijst(ctx, status=None, limit=200, cursor=None)).items,
        fout=fout,
        fout_id=str(overdracht_id),
        gedaan=None,
        vandaag=ctx.db.vandaag(),
    )
    return Template("overdrachten.html", context=context, status_code=422)


RMC_PAGES = [
    vsv_pagina,
    vsv_bouwen_formulier,
    vsv_maand_pagina,
    overdrachten_pagina,
    overdracht_formulier,
]
