"""Deadline chains count from what was done (art. 8.1-8.3, 6.3; DOMAIN §4)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.kalender import Dagsoort, termijn
from portal.domain.termijnen import (
    ABSOLUUT_VERZUIM,
    BEOORDEELD,
    GEVONDEN,
    ONTVANGEN,
    RELATIEF_VERZUIM,
    absoluut_verzuim,
    keten,
    keten_van,
    melding_ontvangen,
    te_laat,
)

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def uiterlijk(gebeurd: dict[str, date]) -> dict[str, date]:
    return {t.soort: t.uiterlijk for t in keten(ABSOLUUT_VERZUIM, gebeurd)}


def test_check_and_contact_on_1_december_give_8_december_for_both_later_terms() -> None:
    eerste = date(2026, 12, 1)
    assert uiterlijk(
        {GEVONDEN: eerste, "administratieve_controle": eerste, "contact_ouders": eerste}
    ) == {
        "administratieve_controle": date(2026, 12, 11),
        "contact_ouders": date(2026, 12, 8),
        "controle_advies": date(2026, 12, 8),
    }


def test_before_any_step_each_term_assumes_the_one_before_is_met_on_its_last_day() -> None:
    assert [t.uiterlijk for t in absoluut_verzuim(date(2026, 12, 1))] == [
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2026, 12, 25),
    ]


def test_a_late_step_moves_the_next_term_later_and_is_met_late() -> None:
    later = uiterlijk({GEVONDEN: date(2026, 12, 1), "administratieve_controle": date(2026, 12, 14)})
    assert later["contact_ouders"] == date(2026, 12, 21)
    assert te_laat(date(2026, 12, 11), date(2026, 12, 14))
    assert not te_laat(date(2026, 12, 11), date(2026, 12, 11))
    assert not te_laat(date(2026, 12, 11), None)


def test_the_invitation_counts_from_the_first_assessment_over_koningsdag_and_5_mei() -> None:
    assert [t.uiterlijk for t in melding_ontvangen(date(2026, 4, 24), "16_uur_in_4_weken")] == [
        date(2026, 4, 30)
    ]
    beoordeeld = keten(
        RELATIEF_VERZUIM, {ONTVANGEN: date(2026, 4, 24), BEOORDEELD: date(2026, 4, 30)}
    )
    assert [t.uiterlijk for t in beoordeeld] == [date(2026, 5, 6)]
    assert melding_ontvangen(date(2026, 4, 24), "rmc") == []


def test_the_chain_is_known_by_its_terms() -> None:
    assert keten_van(["administratieve_controle", "contact_ouders"]) == ABSOLUUT_VERZUIM
    assert keten_van(["uitnodiging_gesprek"]) == RELATIEF_VERZUIM
    assert keten_van(["navraag_school"]) is None
    assert keten_van([]) is None


@given(dates, st.lists(st.integers(0, 30), min_size=0, max_size=3))
def test_every_term_is_its_days_after_the_step_before_it_was_taken(
    gevonden: date, vertragingen: list[int]
) -> None:
    """Whatever days the steps were taken, each term ends exactly its days after the date its
    predecessor was done (or, while that is open, after the predecessor's last day)."""
    gebeurd = {GEVONDEN: gevonden}
    dag = gevonden
    for schakel, vertraging in zip(ABSOLUUT_VERZUIM, vertragingen, strict=False):
        dag = dag + timedelta(days=vertraging)
        gebeurd[schakel.soort] = dag
    result = uiterlijk(gebeurd)
    basis = gevonden
    for schakel in ABSOLUUT_VERZUIM:
        assert result[schakel.soort] == termijn(basis, schakel.dagen, Dagsoort.KALENDERDAGEN)
        basis = gebeurd.get(schakel.soort, result[schakel.soort])
