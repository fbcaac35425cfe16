"""Where a case stands, in one sentence for the top of the case page: what it waits for and until
when. Derived from the status, the open SVB request and the nearest open deadline; it decides
nothing (the state machines in `zaak.py` do).
"""

from __future__ import annotations

from datetime import date

import msgspec

from portal.domain.zaak import BIJ_BOA
from portal.domain.zaaktypen import Status

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


class OpenTermijn(msgspec.Struct, frozen=True):
    omschrijving: str
    uiterlijk: date


def datum_in_woorden(dag: date) -> str:
    """12 december 2026, as a letter or a sentence writes a date."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def _tot(termijn: OpenTermijn | None, vandaag: date) -> str:
    if termijn is None:
        return ""
    if termijn.uiterlijk < vandaag:
        return f" (termijn verlopen op {datum_in_woorden(termijn.uiterlijk)})"
    return f" tot {datum_in_woorden(termijn.uiterlijk)}"


def wacht_op(
    status: Status | str,
    *,
    svb_voorgelegd: bool,
    svb_afgewezen: str | None,
    termijn: OpenTermijn | None,
    vandaag: date,
) -> str:
    """What the case waits for, in words; `termijn` is the nearest open deadline."""
    if status == Status.AFGESLOTEN:
        return "Afgesloten"
    if status == BIJ_BOA:
        return "In behandeling bij een BOA"
    if svb_voorgelegd:
        return "Wacht op akkoord teammanager voor de melding aan de SVB"
    if svb_afgewezen:
        return f"De teammanager wees de melding aan de SVB af: {svb_afgewezen}"
    if status == Status.HALT_VERWEZEN:
        return "Wacht op de uitkomst van Halt"
    if status == Status.PROCES_VERBAAL:
        return "Wacht op de afdoening door het Openbaar Ministerie"
    if status == Status.OVERGEDRAGEN:
        return "Wacht op de terugkoppeling van het Jongerenpunt"
    if status == Status.WACHT_OP_OPLEIDING:
        return "Wacht op de inschrijving bij een opleiding" + _tot(termijn, vandaag)
    if status == Status.UITGENODIGD:
        return "Wacht op reactie van de ouders" + _tot(termijn, vandaag)
    if termijn is not None:
        return f"Volgende termijn: {termijn.omschrijving.lower()}" + _tot(termijn, vandaag)
    return "Wacht op de volgende stap van de leerplichtambtenaar"
