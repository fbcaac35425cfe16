"""How a closed case ended, for the teammanager's figures: the heaviest measure the case reached.
A proces-verbaal outweighs Halt, Halt a melding at the SVB, and so on; an SVB-melding made undone
does not count. Pure: takes the actions the case's steps took."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from portal.domain.zaak import Actie


class Uitkomst(StrEnum):
    PROCES_VERBAAL = "proces_verbaal"
    HALT = "halt"
    SVB = "svb"
    OVERGEDRAGEN = "overgedragen"
    WAARSCHUWING = "waarschuwing"
    ZONDER_MAATREGEL = "zonder_maatregel"
    GECORRIGEERD = "gecorrigeerd"


LABELS = {
    Uitkomst.PROCES_VERBAAL: "Proces-verbaal",
    Uitkomst.HALT: "Halt",
    Uitkomst.SVB: "Melding SVB",
    Uitkomst.OVERGEDRAGEN: "Overgedragen aan Jongerenpunt",
    Uitkomst.WAARSCHUWING: "Waarschuwing",
    Uitkomst.ZONDER_MAATREGEL: "Zonder maatregel (gesprek, advies, kennisgeving)",
    Uitkomst.GECORRIGEERD: "Melding gecorrigeerd",
}


# The only steps the rule looks at: a query may pass just these.
MAATREGELEN = frozenset(
    {
        Actie.PROCES_VERBAAL,
        Actie.HALT_VERWIJZEN,
        Actie.SVB_MELDEN,
        Actie.SVB_ONGEDAAN,
        Actie.OVERDRAGEN,
        Actie.WAARSCHUWINGSBRIEF,
        Actie.SCHRIFTELIJKE_WAARSCHUWING,
        Actie.GECORRIGEERD_AFSLUITEN,
    }
)


def uitkomst(acties: Iterable[str]) -> Uitkomst:
    gedaan = set(acties)
    if Actie.PROCES_VERBAAL in gedaan:
        return Uitkomst.PROCES_VERBAAL
    if Actie.HALT_VERWIJZEN in gedaan:
        return Uitkomst.HALT
    if Actie.SVB_MELDEN in gedaan and Actie.SVB_ONGEDAAN not in gedaan:
        return Uitkomst.SVB
    if Actie.OVERDRAGEN in gedaan:
        return Uitkomst.OVERGEDRAGEN
    if gedaan & {Actie.WAARSCHUWINGSBRIEF, Actie.SCHRIFTELIJKE_WAARSCHUWING}:
        return Uitkomst.WAARSCHUWING
    if Actie.GECORRIGEERD_AFSLUITEN in gedaan:
        return Uitkomst.GECORRIGEERD
    return Uitkomst.ZONDER_MAATREGEL
