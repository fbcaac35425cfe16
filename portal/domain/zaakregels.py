"""What a step of a case brings with it, as rule tables: which steps are Wpg, which letters a step
sends and to whom, which legal terms a step meets, what a step must put in writing. Pure data:
the case engine (`portal/verzuim/zaken.py`) reads them."""

from __future__ import annotations

import msgspec

from portal.domain.zaak import (
    Actie,
    Status,
    Zaaksoort,
)

# Steps of a BOA in that capacity: they and their werklogboek entry carry the Wpg label.
WPG_ACTIES = frozenset(
    {
        Actie.VERHOOR_AANKONDIGEN,
        Actie.HALT_VERWIJZEN,
        Actie.HALT_POSITIEF,
        Actie.HALT_NEGATIEF,
        Actie.PROCES_VERBAAL,
    }
)

SLUITEND = frozenset({Status.AFGESLOTEN})


class BriefRegel(msgspec.Struct, frozen=True):
    soort: str
    kopie_school: bool = False
    """Art. 6.5: the waarschuwingsbrief goes to the school as well."""
    wpg: bool = False
    """Wpg data (toelichting 4): a letter that names a (verkort) proces-verbaal; BOAs only."""
    aan_school: bool = False
    """Addressed to the school of the melding: not sent when the case has none."""


# The letter a step sends; a kind of case may have its own (the 18+ invitation is to the jongere).
BRIEVEN: dict[tuple[Zaaksoort | None, Actie], tuple[BriefRegel, ...]] = {
    (None, Actie.UITNODIGEN): (BriefRegel("uitnodiging"),),
    (Zaaksoort.VERZUIM_18PLUS, Actie.UITNODIGEN): (BriefRegel("uitnodiging_18plus"),),
    (None, Actie.WAARSCHUWINGSBRIEF): (BriefRegel("waarschuwingsbrief", kopie_school=True),),
    (None, Actie.KENNISGEVINGSBRIEF): (BriefRegel("kennisgevingsbrief"),),
    (None, Actie.CONTACT_OUDERS): (BriefRegel("absoluut_verzuim"),),
    # Art. 6.8: the letter to jongere and parents names the verkort proces-verbaal (Wpg); the
    # school is told of the referral in a letter of its own, without it.
    (None, Actie.HALT_VERWIJZEN): (
        BriefRegel("halt_verwijzing", wpg=True),
        BriefRegel("halt_melding_school", kopie_school=True, aan_school=True),
    ),
    (None, Actie.VERHOOR_AANKONDIGEN): (BriefRegel("uitnodiging_verhoor", wpg=True),),
    # Art. 6.10: the proces-verbaal itself, for the officier van justitie (it goes to the OM).
    (None, Actie.PROCES_VERBAAL): (BriefRegel("proces_verbaal", wpg=True),),
}

# Which deadlines a step meets (art. 6.3: the invitation; art. 8.1-8.3 the steps of absoluut
# verzuim); closing meets whatever is still open.
_ALLE_TERMIJNEN = (
    "uitnodiging_gesprek",
    "administratieve_controle",
    "contact_ouders",
    "controle_advies",
    "navraag_school",
)

VOLDOET: dict[Actie, tuple[str, ...]] = {
    Actie.UITNODIGEN: ("uitnodiging_gesprek",),
    Actie.KENNISGEVINGSBRIEF: ("uitnodiging_gesprek",),
    Actie.GECORRIGEERD_AFSLUITEN: _ALLE_TERMIJNEN,
    Actie.ADMINISTRATIEF_CONTROLEREN: ("administratieve_controle",),
    Actie.CONTACT_OUDERS: ("contact_ouders",),
    Actie.ADVIES_CONTROLEREN: ("controle_advies",),
    Actie.CONTACT_SCHOOL: ("navraag_school",),
    Actie.AFSLUITEN: _ALLE_TERMIJNEN,
}

# What a step must put in writing (a 422 without it): the verslag of a gesprek (art. 6.5), the
# outcome of a contact (art. 8.2, 8.4), the plan van aanpak (art. 7.5), the task of a deurbezoek.
VERPLICHT: dict[Actie, tuple[str, str]] = {
    Actie.GESPREK_VOEREN: ("verslag", "het verslag van het verzuimgesprek gaat in het dossier"),
    Actie.CONTACT_OUDERS: ("verslag", "leg vast wat ouders uitlegden en welk advies u gaf"),
    Actie.CONTACT_SCHOOL: ("verslag", "leg de zienswijze of het antwoord van de school vast"),
    Actie.ADVIES_CONTROLEREN: ("verslag", "leg vast wat u controleerde en wat u vond"),
    Actie.PLAN_VAN_AANPAK: ("plan_van_aanpak", "het plan van aanpak gaat in het dossier"),
    Actie.DEURBEZOEK: ("deurbezoek_opdracht", "zeg de leerplichtassistent wat de opdracht is"),
    Actie.REDEN_ONDERZOEKEN: ("vsv_reden", "leg de reden van het voortijdig schoolverlaten vast"),
    Actie.CONTACT_JONGERE: ("verslag", "leg vast hoe en met welk resultaat u contact zocht"),
    Actie.WACHTEN_OP_OPLEIDING: ("verslag", "leg vast op welke opleiding de jongere wacht"),
    Actie.RAAD_RAADPLEGEN: (
        "verslag",
        "schrijf uw vraag aan het Adviesteam van de Raad; zij gaat met de feiten naar de Raad",
    ),
    Actie.PROCES_VERBAAL: ("verslag", "schrijf uw bevindingen: zij vormen het proces-verbaal"),
    Actie.HALT_VERWIJZEN: ("pv_nummer", "het verkort proces-verbaal heeft een nummer"),
    Actie.SVB_AFWIJZEN: (
        "verslag",
        "schrijf de leerplichtambtenaar waarom de melding niet doorgaat",
    ),
}

DEURBEZOEK_WERKDAGEN = 5
