"""Verlof rules (art. 5, DOMAIN §6): who decides across a school year's applications, the hard
rules of vakantieverlof, and the warnings for a ground's maximum and grounds never granted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.verlof import Aanvraag, Beslisser, Eerder, Grond, beoordeel, maximum

LESDAG = date(2026, 8, 17)  # first day of school after the summer holiday 2026 (regio Noord)


def aanvraag(
    grond: Grond = Grond.OVERIG, dagen: int = 3, start: date = date(2026, 11, 2), **kw: object
) -> Aanvraag:
    return Aanvraag(
        grond=grond,
        eerste_dag=start,
        laatste_dag=start + timedelta(days=dagen + 2),
        schooldagen=dagen,
        **kw,  # type: ignore[arg-type]
    )


def test_three_then_nine_days_goes_to_the_leerplichtambtenaar() -> None:
    first = beoordeel(aanvraag(dagen=3), [], LESDAG)
    assert first.beslisser is Beslisser.DIRECTEUR
    second = beoordeel(
        aanvraag(dagen=9, start=date(2027, 3, 1)),
        [Eerder(grond=Grond.OVERIG, eerste_dag=date(2026, 11, 2), schooldagen=3)],
        LESDAG,
    )
    assert second.beslisser is Beslisser.LEERPLICHTAMBTENAAR
    assert second.fouten == []


def test_an_earlier_school_year_does_not_count() -> None:
    last_year = [Eerder(grond=Grond.OVERIG, eerste_dag=date(2026, 3, 2), schooldagen=8)]
    assert beoordeel(aanvraag(dagen=5), last_year, LESDAG).beslisser is Beslisser.DIRECTEUR


def test_more_than_ten_at_once_is_the_leerplichtambtenaars() -> None:
    assert beoordeel(aanvraag(dagen=11), [], LESDAG).beslisser is Beslisser.LEERPLICHTAMBTENAAR


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"dagen": 11}, "schooldagen"),
        ({"start": LESDAG + timedelta(days=3)}, "eerste_dag"),
        ({"start": LESDAG + timedelta(days=13)}, "eerste_dag"),
        ({"start": LESDAG - timedelta(days=3)}, "eerste_dag"),  # runs into the first lesweek
    ],
)
def test_vakantieverlof_hard_rules(change: dict[str, object], field: str) -> None:
    fouten = beoordeel(aanvraag(Grond.VAKANTIE, **change), [], LESDAG).fouten  # type: ignore[arg-type]
    assert field in [f.field for f in fouten]


def test_vakantieverlof_after_the_first_two_weeks_and_once_a_year() -> None:
    ok = beoordeel(aanvraag(Grond.VAKANTIE, start=LESDAG + timedelta(days=14)), [], LESDAG)
    assert ok.fouten == []
    twice = beoordeel(
        aanvraag(Grond.VAKANTIE, start=date(2027, 3, 1)),
        [Eerder(grond=Grond.VAKANTIE, eerste_dag=date(2026, 11, 2), schooldagen=2)],
        LESDAG,
    )
    assert [f.field for f in twice.fouten] == ["grond"]


def test_vakantieverlof_counts_apart_from_the_other_grounds() -> None:
    """Lpw 13a, 14; toel. 5: vakantieverlof is always the director's, and neither it nor the
    other grounds count towards each other's 10 schooldagen."""
    vakantie = Eerder(grond=Grond.VAKANTIE, eerste_dag=date(2026, 10, 5), schooldagen=10)
    gewichtig = Eerder(grond=Grond.OVERIG, eerste_dag=date(2026, 10, 12), schooldagen=8)
    # 10 days of vakantie do not bring a 5-day wedding over the limit.
    huwelijk = beoordeel(aanvraag(Grond.HUWELIJK, dagen=5, buitenland=True), [vakantie], LESDAG)
    assert huwelijk.beslisser is Beslisser.DIRECTEUR
    # 8 days for other grounds do not route a vakantieverlof to the leerplichtambtenaar.
    vakantie_nu = aanvraag(Grond.VAKANTIE, dagen=5, start=date(2027, 3, 1))
    assert beoordeel(vakantie_nu, [gewichtig], LESDAG).beslisser is Beslisser.DIRECTEUR
    # Other grounds add up among themselves, and the school is told why.
    derde = beoordeel(aanvraag(dagen=3), [gewichtig, vakantie], LESDAG)
    assert derde.beslisser is Beslisser.LEERPLICHTAMBTENAAR
    assert any(
        "8 schooldagen" in w and "vakantieverlof telt niet mee" in w for w in derde.waarschuwingen
    )


@given(
    st.lists(st.tuples(st.sampled_from(list(Grond)), st.integers(1, 10)), max_size=6),
    st.sampled_from(list(Grond)),
    st.integers(1, 10),
)
def test_who_decides_counts_only_the_other_grounds_of_the_school_year(
    earlier: list[tuple[Grond, int]], grond: Grond, days: int
) -> None:
    eerder = [
        Eerder(grond=g, eerste_dag=date(2026, 9, 1) + timedelta(days=7 * n), schooldagen=d)
        for n, (g, d) in enumerate(earlier)
    ]
    result = beoordeel(aanvraag(grond, dagen=days, start=date(2027, 2, 1)), eerder, LESDAG)
    gewichtig = sum(d for g, d in earlier if g is not Grond.VAKANTIE)
    if grond is Grond.VAKANTIE or days + gewichtig <= 10:
        assert result.beslisser is Beslisser.DIRECTEUR
    else:
        assert result.beslisser is Beslisser.LEERPLICHTAMBTENAAR


def test_without_holidays_the_first_weeks_rule_is_a_warning() -> None:
    result = beoordeel(aanvraag(Grond.VAKANTIE, start=LESDAG), [], None)
    assert result.fouten == []
    assert "niet ingesteld" in result.waarschuwingen[0]


@pytest.mark.parametrize(
    ("grond", "kw", "hoogste"),
    [
        (Grond.VERHUIZING, {}, 1),
        (Grond.JUBILEUM, {}, 1),
        (Grond.HUWELIJK, {}, 2),
        (Grond.HUWELIJK, {"buitenland": True}, 5),
        (Grond.OVERLIJDEN, {"graad": 1}, 5),
        (Grond.OVERLIJDEN, {"graad": 2}, 2),
        (Grond.OVERLIJDEN, {"graad": 3}, 1),
        (Grond.OVERLIJDEN, {"graad": 4, "buitenland": True}, 5),
        (Grond.ERNSTIGE_ZIEKTE, {}, None),
        (Grond.WETTELIJKE_VERPLICHTING, {}, None),
        (Grond.OVERIG, {}, None),
    ],
)
def test_maximum_days_per_ground_warn(
    grond: Grond, kw: dict[str, object], hoogste: int | None
) -> None:
    assert maximum(aanvraag(grond, **kw)) == hoogste  # type: ignore[arg-type]
    warnings = beoordeel(aanvraag(grond, dagen=6, **kw), [], LESDAG).waarschuwingen  # type: ignore[arg-type]
    assert any("ten hoogste" in w for w in warnings) is (hoogste is not None and hoogste < 6)


def test_death_needs_the_degree_and_never_granted_grounds_warn() -> None:
    assert [f.field for f in beoordeel(aanvraag(Grond.OVERLIJDEN), [], LESDAG).fouten] == ["graad"]
    result = beoordeel(aanvraag(toelichting="De tickets al gekocht, was goedkoper"), [], LESDAG)
    assert any("nooit verleend" in w for w in result.waarschuwingen)


def test_bad_periods() -> None:
    backwards = Aanvraag(
        grond=Grond.OVERIG,
        eerste_dag=date(2026, 11, 5),
        laatste_dag=date(2026, 11, 2),
        schooldagen=1,
    )
    assert "laatste_dag" in [f.field for f in beoordeel(backwards, [], LESDAG).fouten]
    assert "schooldagen" in [f.field for f in beoordeel(aanvraag(dagen=0), [], LESDAG).fouten]
    too_many = Aanvraag(
        grond=Grond.OVERIG,
        eerste_dag=date(2026, 11, 2),
        laatste_dag=date(2026, 11, 3),
        schooldagen=5,
    )
    assert "schooldagen" in [f.field for f in beoordeel(too_many, [], LESDAG).fouten]


@given(
    st.lists(st.integers(1, 10), max_size=5),
    st.integers(1, 15),
)
def test_the_director_never_decides_beyond_ten_days_a_year(earlier: list[int], days: int) -> None:
    eerder = [
        Eerder(
            grond=Grond.OVERIG, eerste_dag=date(2026, 9, 1) + timedelta(days=7 * n), schooldagen=d
        )
        for n, d in enumerate(earlier)
    ]
    result = beoordeel(aanvraag(dagen=days, start=date(2027, 2, 1)), eerder, LESDAG)
    if result.beslisser is Beslisser.DIRECTEUR:
        assert days + sum(earlier) <= 10
    else:
        assert days + sum(earlier) > 10


def test_the_procedure_before_a_decision() -> None:
    from portal.domain.verlof import (
        begint_voor_besluit,
        beslistermijn,
        besluit_fout,
        hersteltermijn,
    )

    assert beslistermijn(date(2026, 11, 24)) == date(2027, 1, 19)
    assert begint_voor_besluit(date(2026, 12, 21), date(2026, 11, 24))
    assert not begint_voor_besluit(date(2027, 3, 1), date(2026, 11, 24))
    assert hersteltermijn(date(2026, 11, 24), 1) == date(2026, 12, 1)
    for weken in (0, 4):
        with pytest.raises(ValueError, match=r"5\.2"):
            hersteltermijn(date(2026, 11, 24), weken)
    ok = {"gehoord": True, "afwijkend": True, "zienswijze": True, "bevestigd": True}
    assert besluit_fout(**ok) is None
    assert str(besluit_fout(**{**ok, "bevestigd": False})).startswith("art. 5.1:")
    assert str(besluit_fout(**{**ok, "gehoord": False})).startswith("art. 5.3:")
    assert str(besluit_fout(**{**ok, "zienswijze": False})).startswith("art. 5.4:")
    assert besluit_fout(**{**ok, "zienswijze": False, "afwijkend": False}) is None
