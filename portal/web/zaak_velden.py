"""What each case step asks on the page, in Dutch, and how a submitted form becomes the same
`StapVerzoek` the API takes. The labels live here so the page and its tests share them."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from portal.domain.zaak import Actie
from portal.verzuim.zaken import StapVerzoek

A = Actie
# The case page groups the steps it offers (the method's order within each group).
STAPGROEPEN: tuple[tuple[str, frozenset[Actie]], ...] = (
    (
        "Handhaving (BOA)",
        frozenset({A.HALT_VERWIJZEN, A.VERHOOR_AANKONDIGEN, A.RAAD_RAADPLEGEN, A.PROCES_VERBAAL}),
    ),
    (
        "SVB",
        frozenset({A.SVB_VOORLEGGEN, A.SVB_AKKOORD, A.SVB_AFWIJZEN, A.SVB_MELDEN, A.SVB_ONGEDAAN}),
    ),
    (
        "Afsluiten en overdragen",
        frozenset({A.AFSLUITEN, A.GECORRIGEERD_AFSLUITEN, A.KENNISGEVINGSBRIEF, A.OVERDRAGEN}),
    ),
)
GESPREKKEN = "Gesprekken, brieven en onderzoek"
"""Every other step: the gesprekken and letters of the method and what is recorded on the way."""


def groep_van(actie: Actie) -> str:
    return next((naam for naam, acties in STAPGROEPEN if actie in acties), GESPREKKEN)


class Veld(msgspec.Struct, frozen=True):
    naam: str
    """The name in `vaststellingen` (a dot for a nested one)."""
    label: str
    soort: Literal["tekst", "lang", "vinkje", "getal", "datum", "keuze"] = "tekst"
    opties: tuple[tuple[str, str], ...] = ()


_VERSLAG = Veld("verslag", "Verslag", "lang")
_VERWIJTBAAR = Veld("verwijtbaar", "Het verzuim is verwijtbaar", "vinkje")
VELDEN: dict[Actie, tuple[Veld, ...]] = {
    A.GESPREK_VOEREN: (_VERSLAG,),
    A.SVB_VOORLEGGEN: (Veld("verslag", "Waarom stelt u een melding aan de SVB voor?", "lang"),),
    A.SVB_AFWIJZEN: (Veld("verslag", "Waarom gaat de melding aan de SVB niet door?", "lang"),),
    A.SCHRIFTELIJKE_WAARSCHUWING: (
        _VERWIJTBAAR,
        Veld("kennelijke_opzet", "Er is sprake van kennelijke opzet", "vinkje"),
        Veld("eerste_overtreding_met_zorg", "Eerste overtreding waarbij zorg speelt", "vinkje"),
    ),
    A.HALT_VERWIJZEN: (
        _VERWIJTBAAR,
        Veld("keer_te_laat", "Aantal keer te laat", "getal"),
        Veld("toestemming_jongere", "De jongere stemt in", "vinkje"),
        Veld("toestemming_ouders", "De ouders stemmen in (verplicht onder 16)", "vinkje"),
        Veld("pv_nummer", "Nummer van het verkort proces-verbaal"),
    ),
    A.SVB_MELDEN: (
        _VERWIJTBAAR,
        Veld("weigert_mee_te_werken", "Ouders of jongere weigeren mee te werken", "vinkje"),
        Veld("recidive", "Er is sprake van recidive", "vinkje"),
        Veld("svb_oproep_gedaan", "Ouders en jongere zijn opgeroepen (art. 19.3)", "vinkje"),
        Veld("svb_afspraken.geconstateerd_verzuim", "Geconstateerd verzuim", "lang"),
        Veld("svb_afspraken.ondernomen_acties", "Ondernomen acties", "lang"),
        Veld("svb_afspraken.voorwaarden_ongedaan_maken", "Voorwaarden voor ongedaan maken", "lang"),
        Veld("svb_afspraken.evaluatiedatum", "Evaluatiedatum", "datum"),
    ),
    A.SVB_ONGEDAAN: (
        Veld("voorwaarden_vervuld", "Aan de voorwaarden is voldaan", "vinkje"),
        Veld("verzuim_gestopt", "Het verzuim is gestopt", "vinkje"),
    ),
    A.PROCES_VERBAAL: (
        _VERWIJTBAAR,
        Veld("hulpverlening_voorliggend", "Hulpverlening is voorliggend", "vinkje"),
        Veld("om_geraadpleegd", "Het OM is geraadpleegd (na negatieve Halt-afdoening)", "vinkje"),
        Veld(
            "verdachten",
            "Verdachte(n)",
            "keuze",
            (
                ("", "De ouders, en de jongere vanaf 12 jaar"),
                ("ouders", "Alleen de ouders"),
                ("jongere", "Alleen de jongere (vanaf 12 jaar)"),
                ("ouders_en_jongere", "De ouders en de jongere (vanaf 12 jaar)"),
            ),
        ),
        Veld("verslag", "Bevindingen (komen in het proces-verbaal)", "lang"),
        Veld("pv_nummer", "Eigen nummer van het proces-verbaal (leeg: het kenmerk van de zaak)"),
    ),
    A.PLAN_VAN_AANPAK: (Veld("plan_van_aanpak", "Plan van aanpak", "lang"),),
    A.GECORRIGEERD_AFSLUITEN: (
        Veld("zonder_achtergrond", "De melding mist achtergrondinformatie", "vinkje"),
        Veld("reden_afsluiten", "Reden van afsluiten"),
    ),
    A.CONTACT_OUDERS: (_VERSLAG,),
    A.ADVIES_CONTROLEREN: (
        Veld("advies_opgevolgd", "Het advies is opgevolgd", "vinkje"),
        _VERSLAG,
    ),
    A.ERNST_OORZAAK: (
        Veld("ernstig", "Ernst", "keuze", (("nee", "Niet ernstig"), ("ja", "Ernstig"))),
        Veld(
            "oorzaak",
            "Oorzaak (bij ernstig verzuim)",
            "keuze",
            (("", "Nog onbekend"), ("onwil", "Onwil"), ("onmacht", "Onmacht")),
        ),
    ),
    A.DEURBEZOEK: (Veld("deurbezoek_opdracht", "Opdracht voor de leerplichtassistent", "lang"),),
    A.CONTACT_SCHOOL: (_VERSLAG,),
    A.RAAD_RAADPLEGEN: (
        Veld("verslag", "Uw vraag aan het Adviesteam (gaat met de feiten naar de Raad)", "lang"),
    ),
    A.REDEN_ONDERZOEKEN: (Veld("vsv_reden", "Reden van het voortijdig schoolverlaten", "lang"),),
    A.INKOMEN_VASTLEGGEN: (
        Veld(
            "inkomen",
            "Inkomen",
            "keuze",
            (("geen", "Geen inkomen"), ("werk", "Werk"), ("uitkering", "Uitkering")),
        ),
    ),
    A.DAGBESTEDING_VASTLEGGEN: (
        Veld("dagbesteding", "Dagbesteding (WMO)", "keuze", (("nee", "Nee"), ("ja", "Ja"))),
    ),
    A.CONTACT_JONGERE: (
        Veld(
            "contactvorm",
            "Hoe",
            "keuze",
            (
                ("telefonisch", "Telefonisch"),
                ("via_ketenpartner", "Via een ketenpartner"),
                ("bericht", "Bericht aan de jongere"),
            ),
        ),
        _VERSLAG,
    ),
    A.WACHTEN_OP_OPLEIDING: (_VERSLAG,),
    A.OVERDRAGEN: (
        Veld("verslag", "Toelichting voor het dossier (niet voor het Jongerenpunt)", "lang"),
    ),
    A.AFSLUITEN: (Veld("reden_afsluiten", "Reden van afsluiten (gaat naar DUO)"),),
}
_JA_NEE = {"ja": True, "nee": False}


def naar_verzoek(form: dict[str, str]) -> StapVerzoek:
    """The form of one step as the API's request; a field the step does not ask is ignored."""
    actie = Actie(form.get("actie", ""))
    vaststellingen: dict[str, Any] = {}
    for veld in VELDEN.get(actie, ()):
        ruw = (form.get(veld.naam) or "").strip()
        waarde: Any
        if veld.soort == "vinkje":
            waarde = bool(ruw)
        elif veld.naam in ("ernstig", "dagbesteding"):
            waarde = _JA_NEE.get(ruw)
        elif veld.soort == "getal":
            waarde = int(ruw) if ruw else 0
        else:
            waarde = ruw or None
        if waarde is None:
            continue
        doel = vaststellingen
        *pad, laatste = veld.naam.split(".")
        for deel in pad:
            doel = doel.setdefault(deel, {})
        doel[laatste] = waarde
    uitleg = (form.get("uitleg") or "").strip() or None
    toelichting = (form.get("brief_toelichting") or "").strip() or None
    return msgspec.convert(
        {
            "actie": actie,
            "uitleg": uitleg,
            "vaststellingen": vaststellingen,
            "brief_toelichting": toelichting,
        },
        StapVerzoek,
        strict=False,
    )
