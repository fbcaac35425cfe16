"""The functioneel beheerder's pages: messages to partners that did not arrive (re-send), the
gemeente's users and roles, school holidays and letter templates. Each calls the service behind the
API with the same guard; with htmx a re-send or a switch swaps only its table row."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.auth.principal import ROLE_LABELS, Role
from portal.beheer import gebruikers, teams, vakanties
from portal.beheer.gebruikers import NewUser, UserError, Wijziging, add_user, change_user
from portal.beheer.teams import SOORTEN, NieuwTeam
from portal.beheer.vakanties import Vakantie
from portal.context import Ctx, gevonden
from portal.db.paging import MAXIMUM
from portal.db.request_context import RequestContext
from portal.domain.woorden import PARTNERS
from portal.outbox import beheer as outbox
from portal.problems import Conflict, Problem
from portal.tenants import repository as tenants
from portal.web.brief_beheer_pages import BRIEF_BEHEER_PAGES
from portal.web.formulier import invoer as formulier_invoer
from portal.web.formulier import veldfouten
from portal.web.layout import TIJDZONE, csrf_token, layout

BEHEERDER = [requires(Permission.ADMINISTER)]
# Roles a gemeente's beheerder hands out; partner accounts are made by the operator (CLI).
ROLLEN = [
    (r.value, ROLE_LABELS[r])
    for r in Role
    if r not in {Role.PARTNER_HALT, Role.PARTNER_SVB, Role.PARTNER_VEILIG_THUIS, Role.PARTNER_OM}
]
VAKANTIES = [
    ("herfst", "Herfstvakantie"),
    ("kerst", "Kerstvakantie"),
    ("voorjaar", "Voorjaarsvakantie"),
    ("mei", "Meivakantie"),
    ("zomer", "Zomervakantie"),
]


def _htmx(request: Request[Any, Any, Any]) -> bool:
    return request.headers.get("hx-request") == "true"


@get("/beheer", guards=BEHEERDER, include_in_schema=False)
async def beheer_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await layout(request, ctx)
    context.update(
        berichten=(await outbox.berichten(ctx, "dead", 200))[0],
        partners=PARTNERS,
        gedaan=request.query_params.get("gedaan"),
    )
    return Template("beheer.html", context=context)


@post(
    "/beheer/berichten/{message_id:uuid}/opnieuw",
    guards=BEHEERDER,
    include_in_schema=False,
    status_code=200,
)
async def bericht_opnieuw(
    request: Request[Any, Any, Any], ctx: Ctx, message_id: FromPath[UUID]
) -> Template | Redirect:
    try:
        bericht = await outbox.opnieuw(ctx, message_id)
    except Conflict:
        bericht = None  # already re-sent (another tab, another beheerder): show it as queued
    if bericht is None and not _htmx(request):
        raise NotFoundException()
    if _htmx(request):
        return Template(
            "_bericht_rij.html",
            context={
                "b": bericht,
                "partners": PARTNERS,
                "opnieuw": True,
                "id": message_id,
                "tz": TIJDZONE,
                "csrf_token": csrf_token(request),
            },
        )
    return Redirect("/beheer?gedaan=opnieuw", status_code=303)


async def _gebruikers_context(
    request: Request[Any, Any, Any], ctx: RequestContext
) -> dict[str, Any]:
    context = await layout(request, ctx)
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        teams = await tenants.teams(tx.conn)
    context.update(
        gebruikers=(await gebruikers.lijst(ctx, limit=MAXIMUM)).items,
        teams=teams,
        rollen_opties=ROLLEN,
        rol_labels={r.value: ROLE_LABELS[r] for r in Role},
        fouten={},
        invoer={},
        gekozen_rollen=[],
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/beheer/gebruikers", guards=BEHEERDER, include_in_schema=False)
async def gebruikers_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await _gebruikers_context(request, ctx)
    return Template("beheer_gebruikers.html", context=context)


@post("/beheer/gebruikers", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def gebruiker_toevoegen(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    form = await request.form()
    invoer = formulier_invoer(form, zonder=["rollen"])
    rollen = [str(r) for r in form.getall("rollen")] if "rollen" in form else []
    try:
        await add_user(
            ctx.db,
            NewUser(
                email=invoer.get("email", ""),
                tenant_id=ctx.principal.tenant_id,
                roles=tuple(rollen),
                naam=invoer.get("naam", ""),
                team=invoer.get("team") or None,
                brin=(invoer.get("brin") or "").upper() or None,
                vestiging="00" if invoer.get("brin") else None,
                boa=invoer.get("boa") == "ja",
                telefoon=invoer.get("telefoon") or None,
                functie=invoer.get("functie") or None,
            ),
            actor=ctx.principal,
            request_id=ctx.request_id,
        )
    except UserError as exc:
        context = await _gebruikers_context(request, ctx)
        context.update(fouten={exc.veld: str(exc)}, invoer=invoer, gekozen_rollen=rollen)
        return Template("beheer_gebruikers.html", context=context, status_code=422)
    return Redirect("/beheer/gebruikers?gedaan=toegevoegd#gebruikers", status_code=303)


@post(
    "/beheer/gebruikers/{user_id:uuid}/actief",
    guards=BEHEERDER,
    include_in_schema=False,
    status_code=200,
)
async def gebruiker_actief(
    request: Request[Any, Any, Any], ctx: Ctx, user_id: FromPath[UUID]
) -> Template | Redirect:
    form = await request.form()
    actief = form.get("actief") == "ja"
    fout = None
    try:
        if not await change_user(
            ctx.db, ctx.principal, user_id, Wijziging(actief=actief), ctx.request_id
        ):
            raise NotFoundException()
    except UserError as exc:
        fout = str(exc)
    if not _htmx(request):
        if fout:
            raise ClientException(fout, status_code=422)
        return Redirect("/beheer/gebruikers?gedaan=gewijzigd#gebruikers", status_code=303)
    rij = gevonden(await gebruikers.een(ctx, user_id))
    return Template(
        "_gebruiker_rij.html",
        context={
            "g": rij,
            "rol_labels": {r.value: ROLE_LABELS[r] for r in Role},
            "principal": ctx.principal,
            "fout": fout,
            "csrf_token": csrf_token(request),
        },
    )


async def _vakanties_context(
    request: Request[Any, Any, Any], ctx: RequestContext
) -> dict[str, Any]:
    context = await layout(request, ctx)
    context.update(
        vakanties=(await vakanties.lijst(ctx, limit=MAXIMUM)).items,
        namen=dict(VAKANTIES),
        naam_opties=VAKANTIES,
        fouten={},
        invoer={"schooljaar": str(ctx.db.vandaag().year + 1), "naam": "zomer"},
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/beheer/vakanties", guards=BEHEERDER, include_in_schema=False)
async def vakanties_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    context = await _vakanties_context(request, ctx)
    return Template("beheer_vakanties.html", context=context)


@post("/beheer/vakanties", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def vakantie_vastleggen(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    form = await request.form()
    invoer = formulier_invoer(form)
    fouten: dict[str, str] = {}
    try:
        vakantie = msgspec.convert(
            {k: invoer.get(k) or None for k in ("schooljaar", "naam", "van", "tot")},
            Vakantie,
            strict=False,
        )
        await vakanties.vastleggen(ctx, vakantie)
        return Redirect("/beheer/vakanties?gedaan=1", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "schooljaar")
    context = await _vakanties_context(request, ctx)
    context.update(fouten=fouten, invoer=invoer)
    return Template("beheer_vakanties.html", context=context, status_code=422)


async def _teams_context(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    context = await layout(request, ctx)
    context.update(
        teams=await teams.overzicht(ctx),
        soorten=SOORTEN,
        soort_opties=list(SOORTEN.items()),
        fouten={},
        invoer={},
        gedaan=request.query_params.get("gedaan"),
    )
    return context


@get("/beheer/teams", guards=BEHEERDER, include_in_schema=False)
async def teams_pagina(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return Template(
        "beheer_teams.html",
        context=await _teams_context(request, ctx),
    )


@post("/beheer/teams", guards=BEHEERDER, include_in_schema=False, status_code=200)
async def team_toevoegen(request: Request[Any, Any, Any], ctx: Ctx) -> Template | Redirect:
    form = await request.form()
    invoer = formulier_invoer(form)
    fouten: dict[str, str] = {}
    try:
        team = msgspec.convert(
            {"naam": invoer.get("naam", ""), "soort": invoer.get("soort") or "gebied"},
            NieuwTeam,
        )
        await teams.toevoegen(ctx, team)
        return Redirect("/beheer/teams?gedaan=1", status_code=303)
    except (msgspec.ValidationError, Problem) as exc:
        fouten = veldfouten(exc, "naam")
    context = await _teams_context(request, ctx)
    context.update(fouten=fouten, invoer=invoer)
    return Template("beheer_teams.html", context=context, status_code=422)


async def _gebruiker_context(
    request: Request[Any, Any, Any], ctx: RequestContext, user_id: UUID
) -> dict[str, Any]:
    rij = gevonden(await gebruikers.een(ctx, user_id))
    context = await layout(request, ctx)
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        team_lijst = await tenants.teams(tx.conn)
    context.update(
        g=rij,
        teams=team_lijst,
        rollen_opties=ROLLEN,
        gekozen_rollen=list(rij.rollen),
        fouten={},
        invoer={
            "naam": rij.naam,
            "team": rij.team or "",
            "brin": rij.brin or "",
            "boa": "ja" if rij.boa else "",
            "telefoon": rij.telefoon or "",
            "functie": rij.functie or "",
        },
        zelf=rij.id == ctx.principal.user_id,
    )
    return context


@get("/beheer/gebruikers/{user_id:uuid}", guards=BEHEERDER, include_in_schema=False)
async def gebruiker_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, user_id: FromPath[UUID]
) -> Template:
    context = await _gebruiker_context(request, ctx, user_id)
    return Template("beheer_gebruiker.html", context=context)


@post(
    "/beheer/gebruikers/{user_id:uuid}", guards=BEHEERDER, include_in_schema=False, status_code=200
)
async def gebruiker_wijzigen(
    request: Request[Any, Any, Any], ctx: Ctx, user_id: FromPath[UUID]
) -> Template | Redirect:
    form = await request.form()
    rollen = [str(r) for r in form.getall("rollen")] if "rollen" in form else []
    invoer = formulier_invoer(form, zonder=["rollen"])
    wijziging = Wijziging(
        rollen=rollen,
        team=invoer.get("team", ""),
        brin=(invoer.get("brin") or "").upper(),
        boa=invoer.get("boa") == "ja",
        naam=invoer.get("naam", ""),
        telefoon=invoer.get("telefoon", ""),
        functie=invoer.get("functie", ""),
    )
    try:
        if not await change_user(ctx.db, ctx.principal, user_id, wijziging, ctx.request_id):
            raise NotFoundException()
        return Redirect("/beheer/gebruikers?gedaan=gewijzigd#gebruikers", status_code=303)
    except UserError as exc:
        context = await _gebruiker_context(request, ctx, user_id)
        context.update(fouten={exc.veld: str(exc)}, invoer=invoer, gekozen_rollen=rollen)
        return Template("beheer_gebruiker.html", context=context, status_code=422)


BEHEER_PAGES = [
    teams_pagina,
    team_toevoegen,
    gebruiker_pagina,
    gebruiker_wijzigen,
    beheer_pagina,
    bericht_opnieuw,
    gebruikers_pagina,
    gebruiker_toevoegen,
    gebruiker_actief,
    vakanties_pagina,
    vakantie_vastleggen,
    *BRIEF_BEHEER_PAGES,
]
