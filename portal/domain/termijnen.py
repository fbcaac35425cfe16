"""Legal deadlines of the werkprocessen, computed from a start date (DOMAIN.md §4).

Each deadline names its article and the kind of day it counts, so that a leerplichtambtenaar can
see why a date is what it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import msgspec

from portal.domain.kalender import Dagsoort, termijn


class Termijn(msgspec.Struct, frozen=True):
    soort: str
    omschrijving: str
    artikel: str
    dagsoort: Dagsoort
    uiterlijk: date


class Schakel(msgspec.Struct, frozen=True):
    """One term of a chain: it runs `dagen` days of `dagsoort` after the first event of `na` that
    has happened. An event is the chain's start, a step taken, or an earlier term met; until it has
    happened, an earlier term's last day stands in for it (the latest the law allows)."""

    soort: str
    omschrijving: str
    artikel: str
    dagsoort: Dagsoort
    dagen: int
    na: tuple[str, ...]


def keten(schakels: Sequence[Schakel], gebeurd: Mapping[str, date]) -> list[Termijn]:
    """The terms of a chain from what actually happened, not from the terms before: "binnen N
    dagen na X" counts from the day X was done (DOMAIN §2, §4). `gebeurd` maps an event (the
    start, a step, a met term's soort) to its date."""
    result: list[Termijn] = []
    uiterlijk: dict[str, date] = {}
    for s in schakels:
        basis = next(
            (gebeurd.get(e) or uiterlijk.get(e) for e in s.na if e in gebeurd or e in uiterlijk),
            None,
        )
        if basis is None:
            raise ValueError(f"termijn {s.soort}: geen van {s.na} is gebeurd")
        uiterlijk[s.soort] = termijn(basis, s.dagen, s.dagsoort)
        result.append(Termijn(s.soort, s.omschrijving, s.artikel, s.dagsoort, uiterlijk[s.soort]))
    return result


def voorlopig(soort: str, gedaan: Iterable[str]) -> bool:
    """A term still counted from the last day of the step before it, because that step (the
    event it counts from first) has not been taken: it moves when that step is taken."""
    schakel = next((s for k in KETENS for s in k if s.soort == soort), None)
    return schakel is not None and schakel.na[0] not in {GEVONDEN, ONTVANGEN, *gedaan}


def te_laat(uiterlijk: date, voldaan_op: date | None) -> bool:
    """A term met after its last day: shown as met late, never as simply met."""
    return voldaan_op is not None and voldaan_op > uiterlijk


GEVONDEN = "gevonden"
ONTVANGEN = "ontvangen"
BEOORDEELD = "beoordeeld"

# Absoluut verzuim (art. 8.1-8.3): the check within 10 kalenderdagen of the finding; contact with
# the parents within 7 after the check was done; the advice checked within 7 after it was given.
ABSOLUUT_VERZUIM = (
    Schakel(
        "administratieve_controle",
        "Controleren of er een administratieve fout is",
        "8.1",
        Dagsoort.KALENDERDAGEN,
        10,
        (GEVONDEN,),
    ),
    Schakel(
        "contact_ouders",
        "Contact met ouders en met de jongere vanaf 12 jaar",
        "8.2",
        Dagsoort.KALENDERDAGEN,
        7,
        ("administratieve_controle",),
    ),
    Schakel(
        "controle_advies",
        "Controleren of het advies is opgevolgd",
        "8.3",
        Dagsoort.KALENDERDAGEN,
        7,
        ("contact_ouders",),
    ),
)

# Relatief verzuim (art. 6.2-6.3): the written invitation within 3 werkdagen after the first
# assessment; before the assessment is recorded, the melding's receipt stands in for it.
RELATIEF_VERZUIM = (
    Schakel(
        "uitnodiging_gesprek",
        "Eerste beoordeling en schriftelijke uitnodiging voor een verzuimgesprek",
        "6.3",
        Dagsoort.WERKDAGEN,
        3,
        (BEOORDEELD, ONTVANGEN),
    ),
)

KETENS = (ABSOLUUT_VERZUIM, RELATIEF_VERZUIM)


def keten_van(soorten: Iterable[str]) -> tuple[Schakel, ...] | None:
    """The chain the terms of one signal or melding belong to, by their soorten."""
    namen = set(soorten)
    return next((k for k in KETENS if namen and namen <= {s.soort for s in k}), None)


def absoluut_verzuim(gevonden: date) -> list[Termijn]:
    return keten(ABSOLUUT_VERZUIM, {GEVONDEN: gevonden})


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
    return keten(RELATIEF_VERZUIM, {ONTVANGEN: ontvangen})
