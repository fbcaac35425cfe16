"""The outcome of a closed case is the heaviest measure it reached, whatever else happened."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.uitkomst import MAATREGELEN, Uitkomst, uitkomst
from portal.domain.zaak import Actie

ORDE = [
    ({Actie.PROCES_VERBAAL}, Uitkomst.PROCES_VERBAAL),
    ({Actie.HALT_VERWIJZEN}, Uitkomst.HALT),
    ({Actie.SVB_MELDEN}, Uitkomst.SVB),
    ({Actie.OVERDRAGEN}, Uitkomst.OVERGEDRAGEN),
    ({Actie.WAARSCHUWINGSBRIEF, Actie.SCHRIFTELIJKE_WAARSCHUWING}, Uitkomst.WAARSCHUWING),
    ({Actie.GECORRIGEERD_AFSLUITEN}, Uitkomst.GECORRIGEERD),
]


@given(st.sets(st.sampled_from(list(Actie))))
def test_the_heaviest_measure_wins(acties: set[Actie]) -> None:
    result = uitkomst(acties)
    for maatregel, verwacht in ORDE:
        if verwacht is Uitkomst.SVB and Actie.SVB_ONGEDAAN in acties:
            continue
        if maatregel & acties:
            assert result is verwacht
            return
    assert result is Uitkomst.ZONDER_MAATREGEL


def test_examples() -> None:
    assert uitkomst([]) is Uitkomst.ZONDER_MAATREGEL
    assert uitkomst(["beoordelen", "uitnodigen", "gesprek_voeren", "afsluiten"]) is (
        Uitkomst.ZONDER_MAATREGEL
    )
    assert uitkomst(["svb_melden", "svb_ongedaan_maken", "afsluiten"]) is (
        Uitkomst.ZONDER_MAATREGEL
    )
    assert uitkomst(["halt_verwijzen", "halt_afdoening_negatief", "proces_verbaal_opmaken"]) is (
        Uitkomst.PROCES_VERBAAL
    )


@given(st.sets(st.sampled_from(list(Actie))))
def test_only_the_measures_matter(acties: set[Actie]) -> None:
    assert uitkomst(acties) is uitkomst(acties & MAATREGELEN)
