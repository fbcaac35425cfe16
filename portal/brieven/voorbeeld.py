"""A letter filled in with an invented pupil, and what each letter must say (the article's required
contents). A gemeente's own template is rendered with this before it is saved, so a template that
misses a field or drops the bezwaar clause is refused with the reason, not failing in a case."""

from __future__ import annotations

from datetime import date
from typing import Any

VOORBEELDDATUM = date(2026, 9, 14)

VOORBEELD: dict[str, Any] = {
    "gemeente": "Voorbeeldgemeente",
    "vandaag": VOORBEELDDATUM,
    "kenmerk": "AB12CD34",
    "jongere": {
        "naam": "Noa Voorbeeld",
        "voornaam": "Noa",
        "adres": "1011AB 1",
        "woonplaats": "Amsterdam",
        "leeftijd": 14,
    },
    "school": "Voorbeeldcollege",
    "periode_van": VOORBEELDDATUM,
    "periode_tot": VOORBEELDDATUM,
    "leerplichtambtenaar": "F. El Amrani",
    "contact": {
        "naam": "F. El Amrani",
        "functie": "leerplichtambtenaar",
        "telefoon": "020-552 3456",
        "email": "f.elamrani@voorbeeldgemeente.nl",
    },
    "aan": {
        "aanhef": "Aan de ouder(s)/verzorger(s) van",
        "naam": "Noa Voorbeeld",
        "regels": ["Voorbeeldstraat 1", "1011 AB  AMSTERDAM"],
    },
    "reageren_voor": VOORBEELDDATUM,
    "antwoord_uiterlijk": VOORBEELDDATUM,
    # What the letters of other werkprocessen add to the context.
    "ontvangen": VOORBEELDDATUM,
    "beslistermijn": VOORBEELDDATUM,
    "begint_voor_besluit": True,
    "grond": "huwelijk",
    "schooldagen": 12,
    "ontbreekt": "de trouwkaart",
    "hersteltermijn": VOORBEELDDATUM,
    "besluit": "geweigerd",
    "besluit_schooldagen": 0,
    "motivering": "geen gewichtige omstandigheid",
    "zienswijze": True,
    "grond_omschrijving": "ongeschikt voor onderwijs (artikel 5 onder a)",
    "van": VOORBEELDDATUM,
    "tot": VOORBEELDDATUM,
    "hernieuwen_voor": VOORBEELDDATUM,
    "defensiepersoneelnummer": "DP-123",
    "arbeidsinspectie": True,
    "inschrijven_uiterlijk": VOORBEELDDATUM,
    "voorziening": "De Tuin",
    "advies_op": VOORBEELDDATUM,
    "pv_nummer": "PV-AB12CD34",
    "geboortedatum": date(2012, 3, 1),
    "verdachten": [
        {"rol": "ouder", "naam": "R. Voorbeeld"},
        {"rol": "jongere", "naam": "Noa Voorbeeld"},
    ],
    "stappen": [{"datum": VOORBEELDDATUM, "stap": "Verhoor aangekondigd"}],
    "bevindingen": "Het verzuim ging na de waarschuwing door.",
    "plaats": "Amsterdam",
    "verzuimde_uren": 40,
    "inschrijvingen": [
        {
            "school": "Voorbeeldcollege",
            "brin": "00AA",
            "onderwijssoort": "vmbo",
            "van": VOORBEELDDATUM,
            "tot": None,
        }
    ],
    "meldingen": [
        {
            "soort": "16 uur in 4 weken",
            "periode_van": VOORBEELDDATUM,
            "periode_tot": VOORBEELDDATUM,
            "status": "Afgesloten",
        }
    ],
    "vrijstellingen": [],
    "contactpersoon": "F. El Amrani",
    "functie": "leerplichtambtenaar",
    "telefoon": "020-552 3456",
    "email": "f.elamrani@voorbeeldgemeente.nl",
    "naar_gemeente": "0599",
    "bsn": "123456782",
}

# Beside the addressee, the leerplichtambtenaar and the kenmerk, which every letter names.
VEREIST: dict[str, tuple[str, ...]] = {
    "uitnodiging": ("gesprek", "Noa", "020-552 3456", "uiterlijk op"),
    "waarschuwingsbrief": ("waarschuw", "kopie van deze brief gaat naar de school"),
    "kennisgevingsbrief": ("Noa",),
    "uitnodiging_18plus": ("startkwalificatie", "plan van aanpak"),
    "absoluut_verzuim": ("niet ingeschreven", "10 werkdagen", "uiterlijk op"),
    "halt_verwijzing": ("verkort proces-verbaal", "school wordt op de hoogte gebracht"),
    "halt_melding_school": ("verwezen naar Halt", "afloop"),
    "uitnodiging_verhoor": ("verhoor", "advocaat", "niet verplicht"),
    "ontvangstbevestiging_verlof": ("uiterlijk op", "Let op", "kopie van deze brief"),
    "hersteltermijn_verlof": ("niet compleet", "trouwkaart", "uiterlijk op"),
    "verlofbesluit": ("Besluit", "bezwaar", "commissie voor bezwaarschriften", "Motivering"),
    "vrijstelling": ("tot en met", "nieuwe kennisgeving", "DUO", "Arbeidsinspectie", "DP-123"),
    "vrijstelling_ongeldig": (
        "niet aan de eisen",
        "ingeschreven moet worden",
        "absoluut verzuim",
        "bezwaar",
        "zes weken",
    ),
    "onderwijsvoorziening_geen_school": ("Inspectie", "niet zo", "De Tuin"),
    "overdracht_woongemeente": ("artikel 3.9", "Voorbeeldcollege", "warme overdracht", "Halt"),
    "proces_verbaal": ("PV-AB12CD34", "eed", "Verdachte", "R. Voorbeeld", "Bevindingen", "verhoor"),
}
ALTIJD = ("Noa", "F. El Amrani", "AB12CD34", "14 september 2026")


def ontbreekt(soort: str, tekst: str) -> list[str]:
    """The required phrases a rendered example (its frame and text) does not contain."""
    return [zin for zin in (*ALTIJD, *VEREIST[soort]) if zin not in tekst]
