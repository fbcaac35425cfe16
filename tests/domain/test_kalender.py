"""Kalenderdagen, werkdagen and schooldagen; the school year."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.kalender import (
    Dagsoort,
    Periode,
    feestdagen,
    is_schooldag,
    is_werkdag,
    schooljaar,
    schooljaar_periode,
    tel,
    termijn,
)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
HERFST_2026 = Periode(date(2026, 10, 17), date(2026, 10, 25), "herfstvakantie")


def test_feestdagen_2026_are_exactly_those_of_the_algemene_termijnenwet() -> None:
    assert feestdagen(2026) == {
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # de vijfde mei: every year, not only in lustrum years
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }
    assert is_werkdag(date(2026, 4, 3))  # Goede Vrijdag is a werkdag (Atw art. 3 names it not)
    assert date(2025, 4, 26) in feestdagen(2025)  # Koningsdag on Saturday 26 when 27 is a Sunday
    assert date(2013, 4, 30) in feestdagen(2013)  # Koninginnedag before 2014
    assert date(2006, 4, 29) in feestdagen(2006)  # ... on the 29th when the 30th was a Sunday


def test_a_5b_kennisgeving_of_30_march_2026_is_answered_by_29_april() -> None:
    # 20 werkdagen (art. 12.6) over Goede Vrijdag (a werkdag), Tweede Paasdag and Koningsdag.
    assert termijn(date(2026, 3, 30), 20, Dagsoort.WERKDAGEN) == date(2026, 4, 29)


@settings(deadline=None)  # the holidays library builds each year's list on first use
@given(st.integers(1990, 2100))
def test_feestdagen_are_the_holidays_librarys_without_goede_vrijdag_and_with_5_mei(
    jaar: int,
) -> None:
    """An independent oracle: the `holidays` library's Dutch list, with the two ways the Algemene
    termijnenwet differs from it (Goede Vrijdag is no feestdag there; 5 mei is one every year)."""
    bibliotheek = holidays.country_holidays("NL", years=jaar, language="en_US")
    goede_vrijdag = {d for d, naam in bibliotheek.items() if naam == "Good Friday"}
    verwacht = {
        d for d in (set(bibliotheek) - goede_vrijdag | {date(jaar, 5, 5)}) if d.weekday() < 6
    }
    eigen = {d for d in feestdagen(jaar) if d.weekday() < 6}
    assert eigen == verwacht
    assert all(d.year == jaar for d in feestdagen(jaar))


@pytest.mark.parametrize(
    ("start", "n", "soort", "expected"),
    [
        (date(2026, 4, 24), 3, Dagsoort.WERKDAGEN, date(2026, 4, 30)),  # over Koningsdag
        (date(2026, 5, 1), 10, Dagsoort.WERKDAGEN, date(2026, 5, 19)),  # 5 mei and Hemelvaart
        (date(2026, 12, 23), 3, Dagsoort.WERKDAGEN, date(2026, 12, 29)),  # over Kerst
        (date(2026, 11, 20), 10, Dagsoort.KALENDERDAGEN, date(2026, 11, 30)),
        (date(2026, 10, 16), 1, Dagsoort.SCHOOLDAGEN, date(2026, 10, 26)),  # after herfstvakantie
        (date(2026, 11, 24), 0, Dagsoort.WERKDAGEN, date(2026, 11, 24)),
    ],
)
def test_termijn_examples(start: date, n: int, soort: Dagsoort, expected: date) -> None:
    assert termijn(start, n, soort, [HERFST_2026]) == expected


def test_schooldagen_in_a_week_with_holiday_and_feestdag() -> None:
    assert tel(date(2026, 10, 12), date(2026, 10, 30), Dagsoort.SCHOOLDAGEN, [HERFST_2026]) == 10
    assert tel(date(2026, 4, 27), date(2026, 5, 1), Dagsoort.WERKDAGEN) == 4
    assert not is_schooldag(date(2026, 10, 19), [HERFST_2026])
    assert is_werkdag(date(2026, 10, 19))


def test_school_year_boundaries() -> None:
    assert schooljaar(date(2026, 7, 31)) == 2025
    assert schooljaar(date(2026, 8, 1)) == 2026
    assert schooljaar_periode(2026) == Periode(
        date(2026, 8, 1), date(2027, 7, 31), "schooljaar 2026-2027"
    )


def test_periode_refuses_to_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="eindigt"):
        Periode(date(2026, 1, 2), date(2026, 1, 1))


@given(dates, st.integers(1, 60), st.sampled_from(list(Dagsoort)))
def test_a_term_counts_exactly_its_days(start: date, n: int, soort: Dagsoort) -> None:
    end = termijn(start, n, soort, [HERFST_2026])
    assert tel(start + timedelta(days=1), end, soort, [HERFST_2026]) == n
    assert end >= start + timedelta(days=n)
    if soort is Dagsoort.WERKDAGEN:
        assert is_werkdag(end)
    if soort is Dagsoort.SCHOOLDAGEN:
        assert is_schooldag(end, [HERFST_2026])
        assert end >= termijn(start, n, Dagsoort.WERKDAGEN)


@given(dates, st.integers(0, 40))
def test_terms_grow_with_their_length(start: date, n: int) -> None:
    assert termijn(start, n, Dagsoort.WERKDAGEN) < termijn(start, n + 1, Dagsoort.WERKDAGEN)


@given(dates)
def test_every_date_lies_in_its_school_year(day: date) -> None:
    assert schooljaar_periode(schooljaar(day)).bevat(day)
