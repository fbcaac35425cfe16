"""Schoolgebonden and woongebonden assignment (2016, 1.4)."""

from __future__ import annotations

import pytest

from portal.domain.toewijzing import Grondslag, SchoolLocatie, toewijzen

ZUIDERLICHT = SchoolLocatie("Zuiderlicht College", "0363", "Zuid")
ROC_ZAAN = SchoolLocatie("ROC Zaan", "0479", "Leerplicht en RMC")


def test_enrolled_goes_to_the_team_of_the_school_location() -> None:
    t = toewijzen(leeftijd=14, school=ZUIDERLICHT, woonteam="Noord", gemeentecode="0363")
    assert (t.grondslag, t.team, t.gemeentecode) == (Grondslag.SCHOOLGEBONDEN, "Zuid", "0363")


def test_school_in_another_gemeente_is_that_gemeentes_case() -> None:
    t = toewijzen(leeftijd=17, school=ROC_ZAAN, woonteam="Noord", gemeentecode="0363")
    assert (t.grondslag, t.team, t.gemeentecode) == (Grondslag.SCHOOLGEBONDEN, None, "0479")


@pytest.mark.parametrize("leeftijd", [5, 12, 17, 22])
def test_not_enrolled_goes_to_the_team_where_the_jongere_lives(leeftijd: int) -> None:
    t = toewijzen(leeftijd=leeftijd, school=None, woonteam="Noord", gemeentecode="0363")
    assert (t.grondslag, t.team) == (Grondslag.WOONGEBONDEN, "Noord")


@pytest.mark.parametrize("leeftijd", [0, 4, 23, 30])
def test_outside_the_ages_nobody_is_assigned(leeftijd: int) -> None:
    assert (
        toewijzen(
            leeftijd=leeftijd, school=ZUIDERLICHT, woonteam="Noord", gemeentecode="0363"
        ).grondslag
        is Grondslag.GEEN
    )
