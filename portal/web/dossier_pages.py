"""The dossier pages: search, a jongere's dossier with letters and cases, and a werklogboek entry.
Each calls the same service as its API route, behind the same guards, so a page never shows more
than the API would give the same user."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission, allows
from portal.brieven import service as brieven
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.domain import zoekterm
from portal.dossier import arbeid, speciale_aanpak
from portal.dossier import service as dossier
from portal.dossier import zoeken as dossier_zoeken
from portal.dossier.models import NieuweWerklogboekEntry
from portal.meldcode import service as meldcode
from portal.problems import Problem
from portal.verzuim import zaken
from portal.web.formulier import veldfouten
from portal.web.layout import layout
from portal.web.meldcode_pages import STAPPEN, UITKOMSTEN
from portal.web.paginering import pagina_of_begin

PER_PAGINA = 25


@get("/jongeren", guards=[requires(Permission.READ_DOSSIER)], include_in_schema=False)
async def zoeken(
    request: Request[Any, Any, Any],
    ctx: Ctx,
    zoek: FromQuery[str] = "",
    na: FromQuery[str | None] = None,
) -> Template | Redirect:
    """The search page: a BSN that finds one jongere opens the dossier; otherwise the true number
    found and the hits a page at a time (`na`: the cursor of the page before)."""
    context = await layout(request, ctx)
    context.update(zoek=zoek, resultaten=None, fout=None, volgende=None)
    if zoek:
        try:
            gevonden_ = await pagina_of_begin(
                lambda cursor: dossier_zoeken.zoek(ctx, zoek[:100], PER_PAGINA, cursor), na
            )
            resultaten, context["na"] = gevonden_
            term = zoekterm.lees(zoek)
            if term and (term.bsn or term.kenmerk) and resultaten.totaal == 1:
                return Redirect(f"/jongeren/{resultaten.items[0].id}", status_code=303)
            context["resultaten"] = resultaten
            if resultaten.next_cursor:
                context["volgende"] = "/jongeren?" + urlencode(
                    {"zoek": zoek, "na": resultaten.next_cursor}
                )
        except Problem as exc:
            context["fout"] = exc.errors[0].message if exc.errors else exc.detail
    return Template("zoeken.html", context=context)


@get(
    "/jongeren/{jongere_id:uuid}",
    guards=[requires(Permission.READ_DOSSIER)],
    include_in_schema=False,
)
async def dossier_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, jongere_id: FromPath[UUID]
) -> Template:
    found = gevonden(await dossier.lees_dossier(ctx, jongere_id))
    context = await layout(request, ctx)
    context.update(
        dossier=found,
        brieven=(
            b.items
            if allows(ctx.principal, Permission.READ_CASE_HISTORY)
            and (b := await brieven.van_jongere(ctx, jongere_id, limit=MAXIMUM))
            else []
        ),
        zaken=await zaken.van_jongere(ctx, jongere_id)
        if allows(ctx.principal, Permission.HANDLE_ZAKEN)
        else [],
        kan_schrijven=allows(ctx.principal, Permission.WRITE_WERKLOGBOEK),
        fouten={},
        invoer={},
        aanpak_fouten={},
        aanpak_invoer={},
        ai_fouten={},
        ai_invoer={},
        opgeslagen=request.query_params.get("opgeslagen") == "1",
        ai_gemeld=request.query_params.get("arbeidsinspectie") == "1",
        kan_melden_ai=allows(ctx.principal, Permission.HANDLE_ZAKEN),
        meldcode=(await meldcode.van_jongere(ctx, jongere_id) or [])
        if allows(ctx.principal, Permission.HANDLE_ZAKEN)
        else [],
        meldcode_stappen=STAPPEN,
        meldcode_uitkomsten=UITKOMSTEN,
    )
    return Template("dossier.html", context=context)


async def _opnieuw(
    request: Request[Any, Any, Any], ctx: Ctx, jongere_id: UUID, **formulier: Any
) -> Template:
    """The dossier page again after a form's errors (422): the form's own errors and input, the
    other forms empty."""
    found = gevonden(await dossier.lees_dossier(ctx, jongere_id))
    context = await layout(request, ctx)
    context.update(
        dossier=found,
        kan_schrijven=allows(ctx.principal, Permission.WRITE_WERKLOGBOEK),
        kan_melden_ai=allows(ctx.principal, Permission.HANDLE_ZAKEN),
        opgeslagen=False,
    )
    for leeg in ("fouten", "invoer", "aanpak_fouten", "aanpak_invoer", "ai_fouten", "ai_invoer"):
        context[leeg] = {}
    context.update(formulier)
    return Template("dossier.html", context=context, status_code=422)


@post(
    "/jongeren/{jongere_id:uuid}/werklogboek",
    guards=[requires(Permission.WRITE_WERKLOGBOEK)],
    include_in_schema=False,
    status_code=303,
)
async def werklogboek_formulier(
    request: Request[Any, Any, Any],
    data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)],
    ctx: Ctx,
    jongere_id: FromPath[UUID],
) -> Template | Redirect:
    fields = {k: (v.strip() or None) for k, v in data.items() if k != "_csrf"}
    fouten: dict[str, str] = {}
    try:
        entry = msgspec.convert(fields, NieuweWerklogboekEntry, strict=False)
        written = await dossier.schrijf_werklogboek(ctx, jongere_id, entry)
        if written is None:
            raise NotFoundException()
        return Redirect(f"/jongeren/{jongere_id}?opgeslagen=1#werklogboek", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "datum")
    return await _opnieuw(request, ctx, jongere_id, fouten=fouten, invoer=fields)


@post(
    "/jongeren/{jongere_id:uuid}/speciale-aanpak",
    guards=[requires(Permission.WRITE_WERKLOGBOEK)],
    include_in_schema=False,
    status_code=303,
)
async def speciale_aanpak_formulier(
    request: Request[Any, Any, Any],
    data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)],
    ctx: Ctx,
    jongere_id: FromPath[UUID],
) -> Template | Redirect:
    """Set the flag with its contact, or lift it; errors at their fields, all at once."""
    if data.get("opheffen"):
        await speciale_aanpak.opheffen(ctx, jongere_id)
        return Redirect(f"/jongeren/{jongere_id}", status_code=303)
    invoer = {k: data.get(k, "") for k in ("contact_naam", "contact_telefoon")}
    try:
        nieuw = msgspec.convert(invoer, speciale_aanpak.NieuweSpecialeAanpak)
        if await speciale_aanpak.zetten(ctx, jongere_id, nieuw) is None:
            raise NotFoundException()
        return Redirect(f"/jongeren/{jongere_id}#aanpak-kop", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "contact_naam")
    return await _opnieuw(request, ctx, jongere_id, aanpak_fouten=fouten, aanpak_invoer=invoer)


@post(
    "/jongeren/{jongere_id:uuid}/arbeidsinspectie",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def arbeidsinspectie_formulier(
    request: Request[Any, Any, Any],
    data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)],
    ctx: Ctx,
    jongere_id: FromPath[UUID],
) -> Template | Redirect:
    """Art. 18 under c from the dossier; errors at their fields, all at once."""
    invoer = {k: data.get(k, "") for k in ("waargenomen_op", "bevinding", "werkgever")}
    fouten = {
        veld: reden
        for veld, reden in (
            ("waargenomen_op", "Vul de datum in waarop u het werk zag."),
            ("bevinding", "Beschrijf wat u zag: waar, wanneer, welk werk."),
        )
        if not invoer[veld].strip()
    }
    if not fouten:
        try:
            gezien = msgspec.convert(
                {"bevinding": invoer["bevinding"], "waargenomen_op": invoer["waargenomen_op"],
                 "werkgever": invoer["werkgever"].strip() or None},
                arbeid.ArbeidGezien,
                strict=False,
            )  # fmt: skip
            if await arbeid.melden(ctx, jongere_id, gezien) is None:
                raise NotFoundException()
            return Redirect(f"/jongeren/{jongere_id}?arbeidsinspectie=1", status_code=303)
        except (msgspec.ValidationError, Problem) as exc:
            fouten = veldfouten(exc, "bevinding")
    return await _opnieuw(request, ctx, jongere_id, ai_fouten=fouten, ai_invoer=invoer)


DOSSIER_PAGES = [
    zoeken,
    dossier_pagina,
    werklogboek_formulier,
    speciale_aanpak_formulier,
    arbeidsinspectie_formulier,
]
