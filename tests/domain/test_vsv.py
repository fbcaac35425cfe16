"""Who is on a month's VSV list: the boundaries of age, diploma and enrolment, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.vsv import Inschrijving, is_vsv, maand_einde

OKTOBER = "2026-10"
GEEINDIGD = [Inschrijving(date(2022, 8, 1), date(2026, 10, 15))]


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        (date(2003, 11, 1), True),  # 22 on 31 October
        (date(2003, 10, 31), False),  # 23 on the last day of the month
        (date(2014, 10, 31), True),  # 12 on the last day
        (date(2014, 11, 1), False),  # still 11
    ],
)
def test_age_12_to_23_at_the_end_of_the_month(geboren: date, verwacht: bool) -> None:
    assert is_vsv(geboren, GEEINDIGD, None, OKTOBER) is verwacht


@pytest.mark.parametrize(
    ("diploma", "verwacht"),
    [
        (None, True),
        (date(2026, 10, 31), False),
        (date(2026, 11, 1), True),
        (date(2020, 1, 1), False),
    ],
)
def test_a_startkwalificatie_by_the_end_of_the_month_keeps_one_off(
    diploma: date | None, verwacht: bool
) -> None:
    assert is_vsv(date(2008, 1, 1), GEEINDIGD, diploma, OKTOBER) is verwacht


@pytest.mark.parametrize(
    ("inschrijvingen", "verwacht"),
    [
        ([], False),
        ([Inschrijving(date(2022, 8, 1), None)], False),
        ([Inschrijving(date(2022, 8, 1), date(2026, 10, 31))], True),
        ([Inschrijving(date(2022, 8, 1), date(2026, 11, 1))], False),
        ([*GEEINDIGD, Inschrijving(date(2026, 10, 20), None)], False),
        ([*GEEINDIGD, Inschrijving(date(2026, 11, 1), None)], False),
        ([*GEEINDIGD, Inschrijving(date(2018, 8, 1), date(2022, 7, 31))], True),
        ([Inschrijving(date(2022, 8, 1), date(2025, 6, 30))], True),  # left long before
    ],
)
def test_the_last_enrolment_ended_in_or_before_the_month_with_none_later(
    inschrijvingen: list[Inschrijving], verwacht: bool
) -> None:
    assert is_vsv(date(2008, 1, 1), inschrijvingen, None, OKTOBER) is verwacht


@pytest.mark.parametrize("maand", ["2026-13", "2026-1", "26-10", "oktober", "2026-00"])
def test_a_month_is_yyyy_mm(maand: str) -> None:
    with pytest.raises(ValueError, match="JJJJ-MM"):
        maand_einde(maand)


def test_month_ends() -> None:
    assert maand_einde("2024-02") == date(2024, 2, 29)
    assert maand_einde("2026-12") == date(2026, 12, 31)


inschrijving = st.builds(
    lambda van, dagen: Inschrijving(van, None if dagen is None else van + timedelta(days=dagen)),
    st.dates(date(2015, 1, 1), date(2027, 12, 31)),
    st.none() | st.integers(0, 2000),
)


@given(st.lists(inschrijving, max_size=4), st.dates(date(2000, 1, 1), date(2015, 12, 31)))
def test_an_open_enrolment_always_keeps_one_off(
    inschrijvingen: list[Inschrijving], geboren: date
) -> None:
    open_ = Inschrijving(date(2026, 1, 1), None)
    assert not is_vsv(geboren, [*inschrijvingen, open_], None, OKTOBER)


@given(
    st.lists(inschrijving, min_size=1, max_size=4), st.dates(date(2000, 1, 1), date(2015, 12, 31))
)
def test_on_the_list_means_every_enrolment_ended_by_the_month(
    inschrijvingen: list[Inschrijving], geboren: date
) -> None:
    if is_vsv(geboren, inschrijvingen, None, OKTOBER):
        assert all(i.tot is not None and i.tot <= date(2026, 10, 31) for i in inschrijvingen)
        assert not is_vsv(geboren, inschrijvingen, date(2026, 10, 1), OKTOBER)
