"""Leerplicht status at every boundary: 5th, 16th, 18th and 23rd birthday, the school year end,
12 full school years, startkwalificatie, 29 February."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.leerplicht import (
    Diploma,
    Inschrijving,
    Status,
    begin_leerplicht,
    einde_leerplicht,
    geboren_tussen,
    leeftijd,
    status_op,
    verjaardag,
)

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("geboren", "begin"),
    [
        (date(2021, 3, 15), date(2026, 4, 1)),
        (date(2021, 3, 1), date(2026, 4, 1)),  # fifth birthday on the 1st: still the next month
        (date(2020, 12, 10), date(2026, 1, 1)),  # over the turn of the year
        (date(2020, 2, 29), date(2025, 4, 1)),  # 29 Feb: five on 1 March 2025
    ],
)
def test_leerplicht_starts_the_month_after_the_fifth_birthday(geboren: date, begin: date) -> None:
    assert begin_leerplicht(geboren) == begin
    assert status_op(geboren, begin - DAY).status is Status.GEEN
    assert status_op(geboren, begin).status is Status.LEERPLICHTIG


@pytest.mark.parametrize(
    ("geboren", "einde"),
    [
        (date(2010, 7, 31), date(2026, 7, 31)),  # turns 16 on the last day of the school year
        (date(2010, 8, 1), date(2027, 7, 31)),  # turns 16 on the first day of the next one
        (date(2010, 1, 15), date(2026, 7, 31)),
    ],
)
def test_leerplicht_ends_with_the_school_year_of_the_16th_birthday(
    geboren: date, einde: date
) -> None:
    assert einde_leerplicht(geboren) == (
        einde,
        "einde van het schooljaar waarin de jongere 16 wordt",
    )
    assert status_op(geboren, einde).status is Status.LEERPLICHTIG
    assert status_op(geboren, einde).tot == einde
    assert status_op(geboren, einde + DAY).status is Status.KWALIFICATIEPLICHTIG


def test_twelve_full_school_years_end_leerplicht_earlier() -> None:
    geboren = date(2010, 10, 1)  # by age: end of school year 2026-27
    doorlopend = [Inschrijving(date(2014, 8, 1))]
    assert einde_leerplicht(geboren, doorlopend) == (
        date(2026, 7, 31),
        "12 volledige schooljaren op school",
    )
    assert status_op(geboren, date(2026, 8, 1), doorlopend).status is Status.KWALIFICATIEPLICHTIG
    # A change of school without a day between keeps the years whole ...
    overstap = [Inschrijving(date(2014, 8, 1), date(2022, 7, 31)), Inschrijving(date(2022, 8, 1))]
    assert einde_leerplicht(geboren, overstap)[0] == date(2026, 7, 31)
    # ... one day without a school breaks that school year, and age decides again.
    gat = [Inschrijving(date(2014, 8, 1), date(2019, 3, 1)), Inschrijving(date(2019, 3, 3))]
    assert einde_leerplicht(geboren, gat)[0] == date(2027, 7, 31)


def test_kwalificatieplicht_until_18_then_rmc_until_23() -> None:
    geboren = date(2008, 11, 24)
    assert status_op(geboren, date(2026, 11, 23)).status is Status.KWALIFICATIEPLICHTIG
    assert status_op(geboren, date(2026, 11, 23)).tot == date(2026, 11, 23)
    assert status_op(geboren, date(2026, 11, 24)).status is Status.RMC_DOELGROEP
    assert status_op(geboren, date(2031, 11, 23)).status is Status.RMC_DOELGROEP
    assert status_op(geboren, date(2031, 11, 24)).status is Status.GEEN
    assert status_op(geboren, date(2031, 11, 24)).reden == "23 jaar of ouder"


@pytest.mark.parametrize(
    ("diploma", "status"),
    [
        ("havo", Status.GEEN),
        ("vwo", Status.GEEN),
        ("mbo2", Status.GEEN),
        ("mbo4", Status.GEEN),
        ("mbo1", Status.KWALIFICATIEPLICHTIG),
        ("vmbo", Status.KWALIFICATIEPLICHTIG),
    ],
)
def test_only_a_startkwalificatie_ends_kwalificatieplicht(diploma: str, status: Status) -> None:
    geboren = date(2008, 1, 1)
    diplomas = [Diploma(diploma, date(2025, 7, 1))]
    assert status_op(geboren, date(2025, 9, 1), diplomas=diplomas).status is status
    # A diploma obtained later does not count yet.
    assert (
        status_op(geboren, date(2025, 6, 30), diplomas=diplomas).status
        is Status.KWALIFICATIEPLICHTIG
    )


def test_startkwalificatie_takes_an_adult_out_of_the_rmc_doelgroep() -> None:
    geboren = date(2004, 5, 1)
    assert status_op(geboren, date(2024, 1, 1)).status is Status.RMC_DOELGROEP
    met = status_op(geboren, date(2024, 1, 1), diplomas=[Diploma("mbo2", date(2023, 7, 1))])
    assert met.status is Status.GEEN
    assert "mbo2" in met.reden


def test_29_february_birthdays() -> None:
    geboren = date(2008, 2, 29)
    assert verjaardag(geboren, 18) == date(2026, 3, 1)
    assert verjaardag(geboren, 16) == date(2024, 2, 29)
    assert leeftijd(geboren, date(2026, 2, 28)) == 17
    assert leeftijd(geboren, date(2026, 3, 1)) == 18


births = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
ORDER = [Status.GEEN, Status.LEERPLICHTIG, Status.KWALIFICATIEPLICHTIG, Status.RMC_DOELGROEP]


@given(births, st.integers(0, 30 * 365), st.integers(1, 400))
def test_without_diplomas_status_only_moves_forward(geboren: date, offset: int, step: int) -> None:
    earlier = status_op(geboren, geboren + timedelta(days=offset))
    later = status_op(geboren, geboren + timedelta(days=offset + step))
    rank = {s: i for i, s in enumerate(ORDER)}
    if leeftijd(geboren, geboren + timedelta(days=offset + step)) >= 23:
        assert later.status is Status.GEEN
    elif (
        earlier.status is not Status.GEEN or leeftijd(geboren, geboren + timedelta(days=offset)) < 5
    ):
        assert rank[later.status] >= rank[earlier.status]


@given(births)
def test_the_statuses_follow_each_other_without_a_gap(geboren: date) -> None:
    begin = begin_leerplicht(geboren)
    einde, _ = einde_leerplicht(geboren)
    assert einde < verjaardag(geboren, 18)  # leerplicht always ends before kwalificatieplicht does
    assert status_op(geboren, einde).status is Status.LEERPLICHTIG
    assert status_op(geboren, einde + DAY).status is Status.KWALIFICATIEPLICHTIG
    assert status_op(geboren, verjaardag(geboren, 18)).status is Status.RMC_DOELGROEP
    assert status_op(geboren, verjaardag(geboren, 23) - DAY).status is Status.RMC_DOELGROEP
    assert status_op(geboren, verjaardag(geboren, 23)).status is Status.GEEN
    assert leeftijd(geboren, begin) == 5


def test_te_volgen_respects_vrijstellingen_vervangende_leerplicht_and_startkwalificaties() -> None:
    from portal.domain.leerplicht import Vrijstelling, te_volgen

    geboren, op = date(2009, 6, 1), date(2026, 12, 1)  # 17: kwalificatieplichtig
    assert te_volgen(geboren, op) is not None
    assert te_volgen(geboren, op, vrijstellingen=[Vrijstelling("15", date(2026, 9, 1))]) is None
    assert te_volgen(geboren, op, vrijstellingen=[Vrijstelling("3b", op, op)]) is None
    ended = [Vrijstelling("15", date(2026, 1, 1), date(2026, 11, 30))]  # Defensie discharge
    assert te_volgen(geboren, op, vrijstellingen=ended) is not None
    assert te_volgen(geboren, op, diplomas=[Diploma("mbo2", date(2026, 7, 1))]) is None
    assert te_volgen(geboren, op, diplomas=[Diploma("mbo1", date(2026, 7, 1))]) is not None
    assert te_volgen(date(2008, 6, 1), op) is None  # 18: RMC, not absoluut verzuim
    assert te_volgen(date(2022, 6, 1), op) is None  # 4: not yet leerplichtig


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(0, 400), st.integers(0, 400))
def test_a_vrijstelling_that_holds_on_the_day_always_means_no_follow_up(
    van: date, voor: int, na: int
) -> None:
    from portal.domain.leerplicht import Vrijstelling, te_volgen

    geboren = van - timedelta(days=12 * 365)
    op = van + timedelta(days=voor)
    vrij = Vrijstelling("5a", van, op + timedelta(days=na))
    assert te_volgen(geboren, op, vrijstellingen=[vrij]) is None


@given(
    geboren=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    op=st.dates(date(2000, 1, 1), date(2035, 12, 31)),
    groep=st.sampled_from([(0, 11), (12, 15), (16, 17), (18, 22), (5, 5)]),
)
def test_born_between_selects_exactly_those_of_the_age_group(
    geboren: date, op: date, groep: tuple[int, int]
) -> None:
    """The werkvoorraad's age filter (a BETWEEN on geboortedatum) agrees with `leeftijd`,
    29 February included."""
    eerste, laatste = geboren_tussen(*groep, op)
    in_groep = groep[0] <= leeftijd(geboren, op) <= groep[1] and geboren <= op
    assert (eerste <= geboren <= laatste) == in_groep


def test_born_between_on_a_leap_day() -> None:
    assert geboren_tussen(16, 17, date(2024, 2, 29)) == (date(2006, 3, 1), date(2008, 2, 29))
    assert geboren_tussen(1, 1, date(2024, 2, 29)) == (date(2022, 3, 1), date(2023, 2, 28))
