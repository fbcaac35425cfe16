"""The Top1000 coupling rule of art. 2.5 at its age boundaries."""

from __future__ import annotations

import uuid

import pytest

from portal.domain.toewijzing import Grondslag, Toewijzing
from portal.domain.top1000 import Koppeling, koppelen

SCHOOL = Toewijzing(Grondslag.SCHOOLGEBONDEN, "Zuid", "0363", "team van de schoollocatie (X)")
LPA = uuid.uuid4()


@pytest.mark.parametrize("leeftijd", [11, 23, 30])
def test_only_12_to_23(leeftijd: int) -> None:
    assert "12 tot 23" in str(koppelen(leeftijd, LPA, SCHOOL))


def test_under_18_needs_a_named_leerplichtambtenaar() -> None:
    assert "onder 18" in str(koppelen(17, None, SCHOOL))
    gekoppeld = koppelen(12, LPA, SCHOOL)
    assert isinstance(gekoppeld, Koppeling)
    assert (gekoppeld.leerplichtambtenaar_id, gekoppeld.team) == (LPA, None)


def test_from_18_the_schoolgebonden_team() -> None:
    assert "schoolgebonden" in str(koppelen(18, LPA, SCHOOL))
    gekoppeld = koppelen(22, None, SCHOOL)
    assert isinstance(gekoppeld, Koppeling)
    assert (gekoppeld.leerplichtambtenaar_id, gekoppeld.team, gekoppeld.gemeentecode) == (
        None,
        "Zuid",
        "0363",
    )
