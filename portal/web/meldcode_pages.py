"""The meldcode on its own page: the five steps in order, the next one as a form (its fields in
Dutch, from the step's record in domain/meldcode), the steps taken with what they recorded, and
the outcome. Behind the same service and the database's rule as the API: only the traject's
behandelaar and its team's leerplichtambtenaren and teammanager reach it."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, gevonden
from portal.domain.meldcode import NUMMER, ORDE, SOORTEN, Stap, Uitkomst, Veiligheidsreden
from portal.meldcode import service
from portal.meldcode.service import StapVerzoek, Start
from portal.problems import Conflict, Problem
from portal.web.layout import layout

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
STAPPEN = {
    Stap.SIGNALEN: "Signalen in kaart brengen",
    Stap.CONSULTATIE: "Collegiale consultatie",
    Stap.GESPREK: "Gesprek met de jongere en de ouders",
    Stap.WEGING: "Weging van risico, aard en ernst",
    Stap.BESLUIT: "Besluit met het afwegingskader",
    Stap.HEROPENEN: "Nieuw signaal: stap 5 opnieuw",
}
LABELS = {
    "feiten": "Feiten: wat is gezien of gehoord",
    "bronnen": "Bronnen van de feiten (één per regel)",
    "hypothesen": "Hypothesen, apart van de feiten (één per regel)",
    "diagnose": "Diagnose",
    "diagnose_door": "Deskundige die de diagnose stelde",
    "andere_kinderen": "Kindcheck: er zijn andere kinderen in het gezin",
    "met_wie": "Met wie is overlegd",
    "aandachtsfunctionaris": "Aandachtsfunctionaris",
    "adviesvraag_veilig_thuis": "Anonieme adviesvraag aan Veilig Thuis sturen",
    "vraag": "De adviesvraag (zonder naam of BSN)",
    "gevoerd": "Het gesprek is gevoerd",
    "verslag": "Verslag van het gesprek",
    "jongere_gesproken": "Met de jongere gesproken",
    "ouders_gesproken": "Met de ouders gesproken",
    "reden_overgeslagen": "Reden om het gesprek over te slaan",
    "risico": "Risico",
    "aard": "Aard",
    "ernst": "Ernst",
    "aandachtsfunctionaris_geraadpleegd": "De aandachtsfunctionaris is geraadpleegd",
    "melden_noodzakelijk": "Afweging 1: melden bij Veilig Thuis is noodzakelijk",
    "hulpverlening_mogelijk": "Afweging 2: hulpverlening is (ook) mogelijk",
    "dader_professional": "Het vermoeden betreft een professional (naar de teammanager)",
    "besproken_met_jongere_en_ouders": "De melding is besproken met de jongere en de ouders",
    "reden_niet_besproken": "Reden om de melding niet te bespreken",
    "toelichting": "Toelichting",
}
REDENEN = {
    Veiligheidsreden.VEILIGHEID_JONGERE: "De veiligheid van de jongere",
    Veiligheidsreden.VEILIGHEID_MELDER: "De veiligheid van de melder",
    Veiligheidsreden.VEILIGHEID_ANDEREN: "De veiligheid van anderen",
    Veiligheidsreden.CONTACT_VERLIEZEN: "Het contact met de jongere gaat anders verloren",
}
UITKOMSTEN = {
    Uitkomst.MELDEN: "Melden bij Veilig Thuis",
    Uitkomst.MELDEN_EN_HULP: "Melden bij Veilig Thuis en hulpverlening",
    Uitkomst.HULPVERLENING: "Hulpverlening organiseren en de effecten volgen",
    Uitkomst.TEAMMANAGER: "Naar de teammanager (vermoeden tegen een professional)",
}


class Veld(msgspec.Struct, frozen=True):
    naam: str
    label: str
    soort: str
    """tekst, lang, regels, vinkje or keuze."""
    verplicht: bool


def velden(stap: Stap) -> list[Veld]:
    """The step's fields as a form asks them, from its record's type."""
    soort = SOORTEN[stap]
    if soort is None:
        return []
    uit = []
    for f in msgspec.structs.fields(soort):
        hint = str(f.type)
        vorm = (
            "vinkje" if "bool" in hint
            else "regels" if "list" in hint
            else "keuze" if "Veiligheidsreden" in hint
            else "lang" if f.name in ("feiten", "verslag", "vraag", "toelichting")
            else "tekst"
        )  # fmt: skip
        verplicht = f.required and vorm != "vinkje"
        uit.append(Veld(f.name, LABELS.get(f.name, f.name), vorm, verplicht))
    return uit


def _gegevens(stap: Stap, form: dict[str, str]) -> dict[str, Any]:
    gegevens: dict[str, Any] = {}
    for v in velden(stap):
        ruw = (form.get(v.naam) or "").strip()
        if v.soort == "vinkje":
            gegevens[v.naam] = bool(ruw)
        elif v.soort == "regels":
            gegevens[v.naam] = [r.strip() for r in ruw.splitlines() if r.strip()]
        elif ruw:
            gegevens[v.naam] = ruw
        elif v.verplicht:
            gegevens[v.naam] = ""
    return gegevens


async def _context(request: Request[Any, Any, Any], ctx: Ctx, traject_id: UUID) -> dict[str, Any]:
    traject = gevonden(await service.lees(ctx, traject_id))
    context = await layout(request, ctx)
    volgende = traject.volgende
    context.update(
        traject=traject,
        orde=[(NUMMER[s], s, STAPPEN[s]) for s in ORDE],
        stap_labels=STAPPEN,
        labels=LABELS,
        redenen=REDENEN,
        uitkomsten=UITKOMSTEN,
        volgende=volgende,
        velden=velden(volgende) if volgende else [],
        fout=None,
        fouten={},
        invoer={},
    )
    return context


@post(
    "/jongeren/{jongere_id:uuid}/meldcode",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def starten_formulier(data: Form, ctx: Ctx, jongere_id: FromPath[UUID]) -> Redirect:
    zaak = data.get("zaak_id") or None
    traject = gevonden(
        await service.starten(ctx, jongere_id, Start(zaak_id=UUID(zaak) if zaak else None))
    )
    return Redirect(f"/meldcode/{traject.id}", status_code=303)


@get(
    "/meldcode/{traject_id:uuid}",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
)
async def meldcode_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, traject_id: FromPath[UUID]
) -> Template:
    context = await _context(request, ctx, traject_id)
    context["gedaan"] = request.query_params.get("gedaan")
    return Template("meldcode.html", context=context)


@post(
    "/meldcode/{traject_id:uuid}",
    guards=[requires(Permission.HANDLE_ZAKEN)],
    include_in_schema=False,
    status_code=303,
)
async def stap_formulier(
    request: Request[Any, Any, Any], data: Form, ctx: Ctx, traject_id: FromPath[UUID]
) -> Template | Redirect:
    fout: str | None = None
    fouten: dict[str, str] = {}
    try:
        stap = Stap(data.get("stap", ""))
        verzoek = StapVerzoek(stap=stap, gegevens=_gegevens(stap, data))
        gevonden(await service.stap(ctx, traject_id, verzoek))
        return Redirect(f"/meldcode/{traject_id}?gedaan={stap.value}", status_code=303)
    except Conflict as exc:
        fout = exc.detail
    except Problem as exc:
        fout = exc.errors[0].message if exc.errors else exc.detail
    except ValueError:
        fout = "Kies een stap van de meldcode."
    context = await _context(request, ctx, traject_id)
    context.update(fout=fout, fouten=fouten, invoer=data)
    return Template("meldcode.html", context=context, status_code=409 if fout else 422)


MELDCODE_PAGES = [starten_formulier, meldcode_pagina, stap_formulier]
