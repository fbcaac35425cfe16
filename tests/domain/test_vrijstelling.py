"""Vrijstelling terms and conditions (art. 11-14), across weekends and holidays."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.domain.vrijstelling import (
    Grond,
    arbeidsinspectie_informeren,
    bericht_uiterlijk,
    geldig_fout,
    inschrijven_uiterlijk,
)


def test_terms_count_werkdagen_past_christmas_and_koningsdag() -> None:
    # 5a: 10 werkdagen after the statement of Friday 18 December 2026: 25/26 Dec and 1 Jan skipped.
    assert bericht_uiterlijk(Grond.ONGESCHIKT, date(2026, 12, 1), date(2026, 12, 18)) == date(
        2027, 1, 5
    )
    assert bericht_uiterlijk(Grond.ONGESCHIKT, date(2026, 12, 1), None) is None
    # 5b: 20 werkdagen from 15 April 2027 skip Koningsdag, 5 May, Hemelvaart (6 May), Pinksteren (17 May).
    assert bericht_uiterlijk(Grond.RICHTING, date(2027, 4, 15), None) == date(2027, 5, 19)
    assert bericht_uiterlijk(Grond.BUITENLAND, date(2027, 4, 15), None) is None
    assert inschrijven_uiterlijk(date(2026, 11, 24)) == date(2026, 12, 22)


OK: dict[str, Any] = {
    "toestemming_deskundige": True,
    "verklaring_deskundige": date(2026, 11, 1),
    "eerder_ingeschreven_onderzocht": True,
    "defensiepersoneelnummer": None,
    "van": date(2026, 12, 1),
    "tot": date(2027, 7, 31),
    "hernieuwen_voor": date(2027, 6, 1),
}


@pytest.mark.parametrize(
    ("grond", "change", "artikel"),
    [
        (Grond.ONGESCHIKT, {"toestemming_deskundige": False}, "12.3"),
        (Grond.ONGESCHIKT, {"verklaring_deskundige": None}, "14"),
        (Grond.RICHTING, {"eerder_ingeschreven_onderzocht": False}, "12.7"),
        (Grond.BUITENLAND, {"tot": None}, "12.5"),
        (Grond.BUITENLAND, {"hernieuwen_voor": date(2027, 9, 1)}, "12.5"),
        (Grond.ANDER_ONDERWIJS, {"defensiepersoneelnummer": " "}, "11.5"),
    ],
)
def test_a_kennisgeving_is_valid_only_when_the_conditions_hold(
    grond: Grond, change: dict[str, Any], artikel: str
) -> None:
    assert geldig_fout(grond, **OK) is None
    assert f"art. {artikel}:" in str(geldig_fout(grond, **{**OK, **change}))


@pytest.mark.parametrize(("leeftijd", "ja"), [(15, False), (16, True), (17, True), (18, False)])
def test_the_arbeidsinspectie_for_16_and_17(leeftijd: int, ja: bool) -> None:
    assert arbeidsinspectie_informeren(leeftijd) is ja


def test_vervangende_leerplicht_needs_gesprek_agreements_and_a_signed_request() -> None:
    from portal.domain.vrijstelling import informeren_uiterlijk

    for grond in (Grond.VERVANGEND_PRAKTIJK, Grond.VERVANGEND_ARBEID):
        assert "10.2" in str(geldig_fout(grond, **OK))
        assert "10.3" in str(geldig_fout(grond, **OK, gesprek_gevoerd=True))
        assert "10.4" in str(
            geldig_fout(grond, **OK, gesprek_gevoerd=True, afspraken_vastgelegd=True)
        )
        done = {"gesprek_gevoerd": True, "afspraken_vastgelegd": True, "verzoek_ondertekend": True}
        assert geldig_fout(grond, **OK, **done) is None
        assert arbeidsinspectie_informeren(15, grond)
    assert bericht_uiterlijk(Grond.VERVANGEND_PRAKTIJK, date(2026, 12, 18), None) == date(
        2027, 1, 5
    )
    assert informeren_uiterlijk(date(2026, 11, 24)) == date(2026, 12, 1)
