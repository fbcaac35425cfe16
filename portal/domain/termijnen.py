"""Legal deadlines of the werkprocessen, computed from a start date (DOMAIN.md §4).

Each deadline names its article and the kind of day it counts, so that a leerplichtambtenaar can
see why a date is what it is.
"""

from __future__ import annotations

from datetime import date

import msgspec

from portal.domain.kalender import Dagsoort, termijn


class Termijn(msgspec.Struct, frozen=True):
    soort: str
    omschrijving: str
    artikel: str
    dagsoort: Dagsoort
    uiterlijk: date


# Absoluut verzuim (art. 8): each step counts from the end of the one before.
_ABSOLUUT_VERZUIM = (
    ("administratieve_controle", "Controleren of er een administratieve fout is", "8.1", 10),
    ("contact_ouders", "Contact met ouders en met de jongere vanaf 12 jaar", "8.2", 7),
    ("controle_advies", "Controleren of het advies is opgevolgd", "8.3", 7),
)


def absoluut_verzuim(gevonden: date) -> list[Termijn]:
    result: list[Termijn] = []
    start = gevonden
    for soort, omschrijving, artikel, dagen in _ABSOLUUT_VERZUIM:
        start = termijn(start, dagen, Dagsoort.KALENDERDAGEN)
        result.append(Termijn(soort, omschrijving, artikel, Dagsoort.KALENDERDAGEN, start))
    return result


def uitschrijving_opvolgen(gevonden: date) -> list[Termijn]:
    """Follow up an uitschrijving without a new school with the school that reported it (3.8);
    the school had 7 days to report, the gemeente acts within 10 werkdagen of finding it."""
    return [
        Termijn(
            "navraag_school",
            "Navragen bij de school waar de jongere naartoe is",
            "3.8",
            Dagsoort.WERKDAGEN,
            termijn(gevonden, 10, Dagsoort.WERKDAGEN),
        )
    ]


def melding_ontvangen(ontvangen: date, soort: str) -> list[Termijn]:
    """After a melding of relatief verzuim: the first assessment and a written invitation for a
    gesprek within 3 werkdagen (art. 6.3). A melding of 18+ (rmc) has no legal term (art. 7)."""
    if soort == "rmc":
        return []
    return [
        Termijn(
            "uitnodiging_gesprek",
            "Eerste beoordeling en schriftelijke uitnodiging voor een verzuimgesprek",
            "6.3",
            Dagsoort.WERKDAGEN,
            termijn(ontvangen, 3, Dagsoort.WERKDAGEN),
        )
    ]
