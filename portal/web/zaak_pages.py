"""The case page: status, deadlines, the method's next steps as forms, departures with a reason,
the timeline and the letters; and the leerplichtassistent's deurbezoeken. Every form posts to the
same service as the API (`portal/verzuim/`), so a page can do nothing the API would refuse, and
a refused step shows the rule it breaks (409) or the field to fix (422) on the page itself."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit
from uuid import UUID

import msgspec
from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import service as brieven
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.domain.woorden import ACTIE_LABELS, MELDING_SOORT_LABELS, SOORT_LABELS, STATUS_LABELS
from portal.domain.zaak import Actie, Zaaksoort
from portal.domain.zaakregels import BRIEVEN
from portal.problems import Conflict, Problem
from portal.verzuim import taken, toewijzen, zaken
from portal.verzuim.toewijzen import Toewijzingsverzoek
from portal.verzuim.zaken import OpenVerzoek, Zaak
from portal.web.layout import layout
from portal.web.zaak_velden import GESPREKKEN, STAPGROEPEN, VELDEN, groep_van, naar_verzoek

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


async def _zaak_context(
    request: Request[Any, Any, Any], ctx: RequestContext, zaak: Zaak
) -> dict[str, Any]:
    context = await layout(request, ctx)
    methode = [k for k in zaak.keuzes if k.methode and not k.aanbevolen]
    groepen = [GESPREKKEN] + [naam for naam, _ in STAPGROEPEN]
    afwijkingen = [k.actie for k in zaak.keuzes if not k.methode and k.mogelijk]
    gekozen = request.query_params.get("afwijken")
    context.update(
        zaak=zaak,
        aanbevolen=next((k for k in zaak.keuzes if k.aanbevolen), None),
        groepen=[
            (naam, stappen)
            for naam in groepen
            if (stappen := [k for k in methode if groep_van(k.actie) == naam])
        ],
        afwijkingen=afwijkingen,
        niet_toegestaan=[k for k in zaak.keuzes if not k.methode and not k.mogelijk],
        afwijken=next((a for a in afwijkingen if a.value == gekozen), None),
        velden=VELDEN,
        stuurt_brief=_stuurt_brief(zaak.soort),
        actie_labels=ACTIE_LABELS,
        zaak_status_labels=STATUS_LABELS,
        soort_labels=SOORT_LABELS,
        melding_soort_labels=MELDING_SOORT_LABELS,
        brieven=[
            b
            for b in getattr(
                await brieven.van_jongere(ctx, zaak.jongere_id, limit=MAXIMUM),
                "items",
                [],
            )
            if b.zaak_id == zaak.id
        ],
        fout=None,
        fouten={},
        invoer={},
        actief=None,
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/zaken/{zaak_id:uuid}", guards=[requires(Permission.HANDLE_ZAKEN)], include_in_schema=False)
async def zaak_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, zaak_id: FromPath[UUID]
) -> Template:
    zaak = gevonden(await zaken.lees_zaak(ctx, zaak_id))
    return Template(
        "zaak.html",
        context=await _zaak_context(request, ctx, zaak),
    )


@post(
    "/zaken/{zaak_id:uuid}/stap",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def stap_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, zaak_id: FromPath[UUID]
) -> Template | Redirect:
    fout: str | None = None
    fouten: dict[str, str] = {}
    try:
        verzoek = naar_verzoek(data)
        gevonden(await zaken.stap_zetten(ctx, zaak_id, verzoek))
        return Redirect(f"/zaken/{zaak_id}?gedaan={verzoek.actie.value}", status_code=303)
    except Conflict as exc:
        fout = exc.detail
    except Problem as exc:
        fouten = {e.field.removeprefix("vaststellingen."): e.message for e in exc.errors or []}
        fout = exc.detail if not fouten else None
    except (msgspec.ValidationError, ValueError) as exc:
        veld = str(exc).rsplit("$.", 1)[-1].rstrip("`") if "$." in str(exc) else "actie"
        fouten = {veld.removeprefix("vaststellingen."): "Deze waarde klopt niet."}
    zaak = gevonden(await zaken.lees_zaak(ctx, zaak_id))
    context = await _zaak_context(request, ctx, zaak)
    context.update(fout=fout, fouten=fouten, invoer=data, actief=data.get("actie"))
    if data.get("uitleg") is not None:  # a departure's form: show it again with its answers
        context["afwijken"] = next(
            (a for a in context["afwijkingen"] if a.value == data.get("actie")), None
        )
    return Template("zaak.html", context=context, status_code=409 if fout else 422)


@post(
    "/zaken/{zaak_id:uuid}/voorbeeld",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=200,
)
async def voorbeeld_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, zaak_id: FromPath[UUID]
) -> Template | Response[bytes]:
    """The letter the step in the form would send, as a PDF, without taking the step; when the
    step cannot be taken, the case page with the reason, as the step itself would say it."""
    fout: str | None = None
    fouten: dict[str, str] = {}
    try:
        verzoek = naar_verzoek(data)
        pdf = gevonden(await zaken.stap_voorbeeld(ctx, zaak_id, verzoek))
        if pdf:
            return Response(
                pdf,
                media_type="application/pdf",
                headers={"Content-Disposition": 'inline; filename="voorbeeld-brief.pdf"'},
            )
        fout = "Deze stap verstuurt geen brief."
    except Conflict as exc:
        fout = exc.detail
    except Problem as exc:
        fouten = {e.field.removeprefix("vaststellingen."): e.message for e in exc.errors or []}
        fout = exc.detail if not fouten else None
    except (msgspec.ValidationError, ValueError):
        fouten = {"brief_toelichting": "Deze tekst kan niet in een brief."}
    zaak = gevonden(await zaken.lees_zaak(ctx, zaak_id))
    context = await _zaak_context(request, ctx, zaak)
    context.update(fout=fout, fouten=fouten, invoer=data, actief=data.get("actie"))
    return Template("zaak.html", context=context, status_code=409 if fout else 422)


@post(
    "/zaken", guards=[requires(Permission.HANDLE_ZAKEN)], include_in_schema=False, status_code=303
)
async def zaak_openen_formulier(data: Form, ctx: Ctx) -> Redirect:
    """Open the case on a melding or a signal from the werkvoorraad; an existing case opens."""
    herkomst = {k: data[k] for k in ("melding_id", "signaal_id", "jongere_id") if data.get(k)}
    try:
        verzoek = msgspec.convert(herkomst, OpenVerzoek, strict=False)
        zaak = await zaken.open_zaak(ctx, verzoek)
    except (msgspec.ValidationError, Problem) as exc:
        raise ClientException("Geef een melding of signaal op.", status_code=422) from exc
    if zaak is None:
        raise NotFoundException()
    return Redirect(f"/zaken/{zaak.id}", status_code=303)


@post(
    "/zaken/toewijzing",
    guards=[requires(Permission.APPROVE)],
    include_in_schema=False,
    status_code=303,
)
async def toewijzen_formulier(request: Request[Any, Any, Any], ctx: Ctx) -> Redirect:
    """The teammanager's bulk assignment from the werkvoorraad: back to the same list (its filters
    kept), with how many cases changed hands or what to fix."""
    form = await request.form()
    terug = _terug(str(form.get("terug", "/")))
    try:
        ids = [UUID(str(v)) for v in form.getall("zaak_id")]
        aan = UUID(str(form.get("behandelaar_id", "")))
    except ValueError:
        ids, aan = [], None
    if not ids or aan is None:
        fout = "geen_zaken" if not ids else "geen_behandelaar"
        return Redirect(_met(terug, toewijzen_fout=fout), status_code=303)
    try:
        gedaan = gevonden(
            await toewijzen.toewijzen(ctx, Toewijzingsverzoek(zaak_ids=ids, behandelaar_id=aan))
        )
    except Conflict:
        return Redirect(_met(terug, toewijzen_fout="afgesloten"), status_code=303)
    except Problem:
        return Redirect(_met(terug, toewijzen_fout="geen_behandelaar"), status_code=303)
    gezet = _met(terug, toegewezen=str(len(gedaan.zaak_ids)), aan=str(gedaan.behandelaar_id))
    return Redirect(gezet, status_code=303)


_MELDINGEN = ("toegewezen", "aan", "toewijzen_fout")


def _terug(pad: str) -> str:
    """Only a path of this portal's start page (never another site)."""
    return pad if pad == "/" or pad.startswith("/?") else "/"


def _met(pad: str, **extra: str) -> str:
    delen = urlsplit(pad)
    query = [(k, v) for k, v in parse_qsl(delen.query) if k not in _MELDINGEN]
    return "/?" + urlencode([*query, *extra.items()])


@get("/taken", guards=[requires(Permission.DO_TAKEN)], include_in_schema=False)
async def taken_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context.update(
        taken=(await taken.lijst(ctx, "open", limit=MAXIMUM)).items,
        fouten={},
        gedaan=request.query_params.get("gedaan") == "1",
    )
    return Template("taken.html", context=context)


@post(
    "/taken/{taak_id:uuid}/afronden",
    guards=[requires(Permission.DO_TAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def taak_afronden_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, taak_id: FromPath[UUID]
) -> Template | Redirect:
    verslag = (data.get("verslag") or "").strip()
    if verslag:
        if await taken.afronden(ctx, taak_id, verslag) is None:
            raise NotFoundException()
        return Redirect("/taken?gedaan=1", status_code=303)
    context = await layout(request, ctx)
    context.update(
        taken=(await taken.lijst(ctx, "open", limit=MAXIMUM)).items,
        fouten={str(taak_id): "Schrijf op wat u aantrof."},
        gedaan=False,
    )
    return Template("taken.html", context=context, status_code=422)


def _stuurt_brief(soort: Zaaksoort) -> frozenset[Actie]:
    """The steps of this kind of case that send a letter (a preview and own words are offered)."""
    return frozenset(a for (s, a) in BRIEVEN if s is None or s == soort)


ZAAK_PAGES = [
    zaak_pagina,
    stap_formulier,
    voorbeeld_formulier,
    zaak_openen_formulier,
    toewijzen_formulier,
    taken_pagina,
    taak_afronden_formulier,
]
