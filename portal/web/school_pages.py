"""Pages for a school's administration: its meldingen, verlofaanvragen and kennisgevingen with their
status, a form for each (inline field errors from the same 422 reasons the API gives), the
director's verlof decision, and the letters copied to the school. Each form posts to the service
behind the API; a page shows nothing the API would not give the same user."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import service as brieven
from portal.context import Ctx
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.inspectie_signalen import service as inspectie
from portal.kennisgevingen import service as kennisgevingen
from portal.kennisgevingen.service import NieuweKennisgeving
from portal.problems import Conflict, Problem
from portal.verlof import service as verlof
from portal.verlof.models import Besluit, NieuweAanvraag
from portal.verzuim import service as meldingen
from portal.verzuim.models import NieuweMelding
from portal.web.formulier import veldfouten
from portal.web.inspectie_pages import SOORTEN, TEKORTKOMINGEN
from portal.web.layout import layout
from portal.web.paginering import pagina_of_begin

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
SCHOOL = requires(Permission.SUBMIT_AS_SCHOOL)


def _schoon(data: dict[str, str]) -> dict[str, Any]:
    return {k: v.strip() for k, v in data.items() if k != "_csrf" and v.strip()}


PER_LIJST = 50


def _contact_ouders(velden: dict[str, Any], fouten: dict[str, str]) -> list[dict[str, str]]:
    """The form's two optional parent contacts (name and phone, both or neither)."""
    contact = []
    for n in (1, 2):
        naam, telefoon = velden.pop(f"ouder{n}_naam", ""), velden.pop(f"ouder{n}_telefoon", "")
        if naam and telefoon:
            contact.append({"naam": naam, "telefoon": telefoon})
        elif naam:
            fouten[f"ouder{n}_telefoon"] = "Vul ook het telefoonnummer in, of laat de naam leeg."
        elif telefoon:
            fouten[f"ouder{n}_naam"] = "Vul ook de naam in, of laat het telefoonnummer leeg."
    return contact


async def _overzicht(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    """The school's lists, newest first, each paged on its own (`meldingen_na`, `verlof_na`: the
    cursor of the page before; a cursor from an old link starts at the newest)."""
    context = await layout(request, ctx)
    eigen_meldingen, melding_na = await pagina_of_begin(
        lambda na: meldingen.eigen_meldingen(ctx, limit=PER_LIJST, cursor=na),
        request.query_params.get("meldingen_na"),
    )
    eigen_verlof, verlof_na = await pagina_of_begin(
        lambda na: verlof.eigen(ctx, limit=PER_LIJST, cursor=na),
        request.query_params.get("verlof_na"),
    )
    context.update(
        meldingen=eigen_meldingen.items,
        meldingen_na=melding_na,
        meldingen_volgende=eigen_meldingen.next_cursor,
        verlof=eigen_verlof.items,
        verlof_na=verlof_na,
        verlof_volgende=eigen_verlof.next_cursor,
        kennisgevingen=(await kennisgevingen.eigen(ctx, limit=MAXIMUM)).items,
        brieven=(await brieven.kopieen_school(ctx, limit=MAXIMUM)).items,
        inspectie=await inspectie.geschiedenis(ctx, ctx.principal.brin),
        inspectie_soorten=SOORTEN,
        inspectie_tekortkomingen=TEKORTKOMINGEN,
        gedaan=request.query_params.get("gedaan"),
        fout=None,
        fout_id=None,
    )
    return context


@get("/school", guards=[SCHOOL], include_in_schema=False)
async def school_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return Template("school.html", context=await _overzicht(request, ctx))


FORMULIEREN = {
    "melding": ("school_melding.html", "Verzuim melden"),
    "verlof": ("school_verlof.html", "Verlof aanvragen"),
    "kennisgeving": ("school_kennisgeving.html", "Kennisgeving doen"),
}


PADEN = [f"/school/{soort}/nieuw" for soort in FORMULIEREN]


def _soort(request: Request[Any, Any, Any]) -> str:
    return request.url.path.split("/")[2]


@get(PADEN, guards=[SCHOOL], include_in_schema=False)
async def formulier(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    soort = _soort(request)
    context = await layout(request, ctx)
    context.update(fouten={}, invoer={"brin": ctx.principal.brin}, vandaag=ctx.db.vandaag())
    return Template(FORMULIEREN[soort][0], context=context)


@post(PADEN, guards=[SCHOOL], include_in_schema=False, status_code=303)
async def formulier_versturen(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx
) -> Template | Redirect:
    soort = _soort(request)
    velden = _schoon(data)
    velden["brin"] = ctx.principal.brin or ""
    fouten: dict[str, str] = {}
    try:
        if soort == "melding":
            melder = {
                k.removeprefix("melder_"): velden.pop(k)
                for k in list(velden)
                if k.startswith("melder_")
            }
            velden["melder"] = melder
            velden["contact_ouders"] = _contact_ouders(velden, fouten)
            for vink in ("alle_lessen_gemist", "actie_gemeente_gewenst"):
                velden[vink] = vink in data
            melding = msgspec.convert(velden, NieuweMelding, strict=False)
            if not fouten:
                await meldingen.meld(ctx, melding)
        elif soort == "verlof":
            velden["buitenland"] = "buitenland" in data
            await verlof.aanvragen(ctx, msgspec.convert(velden, NieuweAanvraag, strict=False))
        else:
            await kennisgevingen.indienen(
                ctx, msgspec.convert(velden, NieuweKennisgeving, strict=False)
            )
        if not fouten:
            return Redirect(f"/school?gedaan={soort}", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = {**veldfouten(exc, "formulier"), **fouten}
    context = await layout(request, ctx)
    context.update(fouten=fouten, invoer=data, vandaag=ctx.db.vandaag())
    return Template(FORMULIEREN[soort][0], context=context, status_code=422)


@post(
    "/school/verlof/{aanvraag_id:uuid}/besluit",
    guards=[SCHOOL],
    include_in_schema=False,
    status_code=303,
)
async def besluit_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, aanvraag_id: FromPath[UUID]
) -> Template | Redirect:
    """The director's decision on an application the director decides."""
    velden = _schoon(data)
    if velden.get("besluit") == "geweigerd":
        velden["schooldagen"] = "0"
    try:
        besluit = msgspec.convert(velden, Besluit, strict=False)
        if await verlof.besluiten(ctx, aanvraag_id, besluit) is None:
            raise NotFoundException()
        return Redirect("/school?gedaan=besluit", status_code=303)
    except msgspec.ValidationError:
        fout = "Kies verlenen of weigeren, vul het aantal dagen en de motivering in."
    except Conflict as exc:
        fout = exc.detail or "Dit kan niet."
    except Problem as exc:
        fout = exc.errors[0].message if exc.errors else (exc.detail or "Dit kan niet.")
    context = await _overzicht(request, ctx)
    context.update(fout=fout, fout_id=str(aanvraag_id))
    return Template("school.html", context=context, status_code=422)


SCHOOL_PAGES = [school_pagina, formulier, formulier_versturen, besluit_formulier]
