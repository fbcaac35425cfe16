"""Every 422 rule of API.md's POST /meldingen, at its boundaries, on the pure rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.melding import Feiten, Meldingsoort, controleer, periode_dagen

VANDAAG = date(2026, 11, 24)


def feiten(**change: object) -> Feiten:
    base: dict[str, object] = {
        "bsn": "123456782",
        "soort": Meldingsoort.ZESTIEN_UUR,
        "periode_van": date(2026, 10, 27),
        "periode_tot": date(2026, 11, 23),  # 28 days
        "verzuimde_uren": 16,
        "ondernomen_actie": "Gesprek met ouders op 20 november",
        "vandaag": VANDAAG,
        "ingeschreven_op_periode_tot": True,
        "geboortedatum": date(2011, 5, 1),
        "startkwalificatie_sinds": None,
    }
    base.update(change)
    return Feiten(**base)  # type: ignore[arg-type]


def fields(f: Feiten) -> set[str]:
    return {e.field for e in controleer(f)}


def test_a_valid_melding_has_no_errors() -> None:
    assert controleer(feiten()) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"bsn": "12345"}, "bsn"),
        ({"ingeschreven_op_periode_tot": False}, "bsn"),
        ({"ondernomen_actie": "   "}, "ondernomen_actie"),
        ({"periode_tot": date(2026, 10, 26)}, "periode_tot"),  # before periode_van
        ({"periode_tot": VANDAAG + timedelta(days=1)}, "periode_tot"),  # in the future
        ({"verzuimde_uren": 15}, "verzuimde_uren"),
        ({"verzuimde_uren": None}, "verzuimde_uren"),
        ({"periode_van": date(2026, 10, 26)}, "periode_tot"),  # 29 days for 16 uur
        (
            {"soort": Meldingsoort.LANGDURIG_RELATIEF},
            "periode_tot",
        ),  # exactly 28 days is not "longer"
        ({"soort": Meldingsoort.RMC}, "soort"),  # 15 years old
        (
            {"soort": Meldingsoort.RMC, "geboortedatum": date(2003, 10, 27)},
            "soort",
        ),  # 23 on periode_van
        (
            {
                "soort": Meldingsoort.RMC,
                "geboortedatum": date(2006, 1, 1),
                "startkwalificatie_sinds": date(2025, 7, 1),
            },
            "soort",
        ),
    ],
)
def test_each_rule_names_its_field(change: dict[str, object], field: str) -> None:
    assert field in fields(feiten(**change))


@pytest.mark.parametrize(
    "change",
    [
        {"periode_van": date(2026, 10, 28), "periode_tot": VANDAAG},  # today is not the future
        {
            "soort": Meldingsoort.LANGDURIG_RELATIEF,
            "periode_van": date(2026, 10, 26),
            "verzuimde_uren": None,
        },
        {
            "soort": Meldingsoort.RMC,
            "geboortedatum": date(2008, 10, 27),
            "verzuimde_uren": None,
        },  # 18 on periode_van
        {"soort": Meldingsoort.RMC, "geboortedatum": date(2003, 10, 28)},  # 22 on periode_van
        {
            "soort": Meldingsoort.RMC,
            "geboortedatum": date(2006, 1, 1),
            "startkwalificatie_sinds": date(2026, 11, 1),
        },
        {"soort": Meldingsoort.LUXE, "verzuimde_uren": 3},
        {"soort": Meldingsoort.OVERIG, "verzuimde_uren": None},
    ],
)
def test_boundaries_that_are_allowed(change: dict[str, object]) -> None:
    assert controleer(feiten(**change)) == []


def test_only_overig_is_not_wettelijk() -> None:
    assert [s for s in Meldingsoort if not s.wettelijk] == [Meldingsoort.OVERIG]


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 24)), st.integers(1, 120))
def test_16_uur_and_langdurig_split_exactly_at_28_days(tot: date, dagen: int) -> None:
    van = tot - timedelta(days=dagen - 1)
    assert periode_dagen(van, tot) == dagen
    zestien = "periode_tot" in fields(feiten(periode_van=van, periode_tot=tot))
    langdurig = "periode_tot" in fields(
        feiten(soort=Meldingsoort.LANGDURIG_RELATIEF, periode_van=van, periode_tot=tot)
    )
    assert zestien == (dagen > 28)
    assert langdurig == (dagen <= 28)
