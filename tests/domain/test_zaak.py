"""The case state machine: every (status, step) pair, the legal conditions, "pas toe of leg uit",
and properties over whole sequences of steps."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.zaak import (
    ALLEEN_IN_VOLGORDE,
    VOLGORDE,
    Actie,
    Feiten,
    Status,
    begin_kwartaal,
    beslis,
    kwartaal_na,
)

# Facts under which every step is legally possible, so that only the order decides.
ALLES_MAG = Feiten(
    leeftijd=16,
    eerste_melding=True,
    verwijtbaar=True,
    eerste_overtreding_met_zorg=True,
    uren_in_4_weken=12,
    boa=True,
    toestemming_jongere=True,
    toestemming_ouders=True,
    akkoord_teammanager=True,
    weigert_mee_te_werken=True,
    verhoor_aangekondigd=True,
    reden_afsluiten="verzuim gestopt",
    ingeschreven=False,
    svb_oproep_gedaan=True,
    svb_afspraken_volledig=True,
)


def mag(actie: Actie) -> Feiten:
    """ALLES_MAG, but with an SVB melding already made where the step needs one."""
    if actie is Actie.SVB_ONGEDAAN:
        return msgspec.structs.replace(
            ALLES_MAG, svb_gemeld=True, voorwaarden_vervuld=True, verzuim_gestopt=True
        )
    return ALLES_MAG


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actie", list(Actie))
def test_every_pair_is_in_order_a_departure_or_refused(status: Status, actie: Actie) -> None:
    zonder = beslis(status, actie, mag(actie))
    met = beslis(status, actie, mag(actie), uitleg="gezinssituatie vraagt snelle aanpak")
    van, naar = VOLGORDE[actie]
    if status is Status.AFGESLOTEN or (
        status is Status.PROCES_VERBAAL and actie is not Actie.AFSLUITEN
    ):
        assert not zonder.toegestaan
        assert not met.toegestaan
    elif status in van:
        assert (zonder.toegestaan, zonder.naar, zonder.afwijking) == (True, naar, False)
    elif actie in ALLEEN_IN_VOLGORDE or status is Status.ONTVANGEN:
        assert not zonder.toegestaan
        assert not met.toegestaan
    else:
        assert not zonder.toegestaan
        assert "leg uit" in (zonder.regel or "")
        assert (met.toegestaan, met.naar, met.afwijking) == (True, naar, True)
        assert "gezinssituatie" in (met.regel or "")


def feiten(**change: object) -> Feiten:
    return msgspec.structs.replace(ALLES_MAG, **change)


@pytest.mark.parametrize(
    ("actie", "change", "artikel"),
    [
        (Actie.KENNISGEVINGSBRIEF, {"eerste_melding": False}, "6.3"),
        (Actie.KENNISGEVINGSBRIEF, {"leeftijd": 11}, "6.3"),
        (Actie.SCHRIFTELIJKE_WAARSCHUWING, {"kennelijke_opzet": True}, "6.11"),
        (Actie.SCHRIFTELIJKE_WAARSCHUWING, {"eerste_overtreding_met_zorg": False}, "6.11"),
        (Actie.SCHRIFTELIJKE_WAARSCHUWING, {"uren_in_4_weken": 16}, "6.11"),
        (Actie.HALT_VERWIJZEN, {"leeftijd": 11}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"leeftijd": 18}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"eerder_naar_halt": True}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"uren_in_4_weken": 8}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"uren_in_4_weken": 61}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"boa": False}, "6.9"),
        (Actie.HALT_VERWIJZEN, {"leeftijd": 15, "toestemming_ouders": False}, "6.9"),
        (Actie.HALT_VERWIJZEN, {"toestemming_jongere": False}, "6.9"),
        (Actie.SVB_MELDEN, {"leeftijd": 15}, "19"),
        (Actie.SVB_MELDEN, {"leeftijd": 18}, "19"),
        (Actie.SVB_MELDEN, {"startkwalificatie": True}, "19"),
        (Actie.SVB_MELDEN, {"ingeschreven": True, "uren_in_4_weken": 15}, "19"),
        (Actie.SVB_MELDEN, {"akkoord_teammanager": False}, "19.2"),
        (Actie.SVB_MELDEN, {"verwijtbaar": False, "weigert_mee_te_werken": False}, "19"),
        (Actie.SVB_MELDEN, {"svb_oproep_gedaan": False}, "19.3"),
        (Actie.SVB_MELDEN, {"svb_afspraken_volledig": False}, "19.4"),
        (Actie.SVB_MELDEN, {"svb_gemeld": True}, "19"),
        (Actie.PROCES_VERBAAL, {"boa": False}, "6.10"),
        (Actie.PROCES_VERBAAL, {"verhoor_aangekondigd": False}, "6.10"),
        (Actie.PROCES_VERBAAL, {"hulpverlening_voorliggend": True}, "6.10"),
        (Actie.PROCES_VERBAAL, {"vrijgesteld": True}, "6.10"),
        (Actie.PROCES_VERBAAL, {"halt_negatief": True}, "6.9"),
        (Actie.AFSLUITEN, {"reden_afsluiten": " "}, "6.13"),
    ],
)
def test_legal_conditions_cannot_be_explained_away(
    actie: Actie, change: dict[str, object], artikel: str
) -> None:
    van = next(iter(VOLGORDE[actie][0]))
    besluit = beslis(van, actie, feiten(**change), uitleg="toch doen")
    assert not besluit.toegestaan
    assert f"art. {artikel}:" in (besluit.regel or "")


def test_halt_allows_12_times_late_and_after_a_negative_outcome_the_om_is_consulted() -> None:
    assert beslis(
        Status.GESPREK_GEVOERD, Actie.HALT_VERWIJZEN, feiten(uren_in_4_weken=2, keer_te_laat=12)
    ).toegestaan
    assert beslis(
        Status.GEWAARSCHUWD, Actie.PROCES_VERBAAL, feiten(halt_negatief=True, om_geraadpleegd=True)
    ).toegestaan


def test_svb_is_refused_for_cooperating_families_without_blame() -> None:
    besluit = beslis(
        Status.GESPREK_GEVOERD,
        Actie.SVB_MELDEN,
        feiten(verwijtbaar=False, weigert_mee_te_werken=False, recidive=True),
    )
    assert not besluit.toegestaan
    assert "meewerken" in (besluit.regel or "")


@pytest.mark.parametrize(
    ("melding", "stopt", "herstart"),
    [
        (date(2026, 11, 24), date(2027, 1, 1), date(2026, 10, 1)),
        (date(2026, 1, 1), date(2026, 4, 1), date(2026, 1, 1)),
        (date(2026, 3, 31), date(2026, 4, 1), date(2026, 1, 1)),
        (date(2026, 9, 30), date(2026, 10, 1), date(2026, 7, 1)),
    ],
)
def test_kinderbijslag_quarters(melding: date, stopt: date, herstart: date) -> None:
    assert kwartaal_na(melding) == stopt
    assert begin_kwartaal(melding) == herstart


@given(st.lists(st.sampled_from(list(Actie)), max_size=25), st.booleans())
def test_no_sequence_undoes_a_proces_verbaal_or_leaves_afgesloten(
    steps: list[Actie], explain: bool
) -> None:
    status = Status.ONTVANGEN
    seen_pv = False
    for actie in steps:
        besluit = beslis(status, actie, ALLES_MAG, "reden" if explain else None)
        if status is Status.AFGESLOTEN:
            assert not besluit.toegestaan
        if besluit.toegestaan:
            assert besluit.naar is not None
            status = besluit.naar
        seen_pv = seen_pv or status is Status.PROCES_VERBAAL
        if seen_pv:
            assert status in (Status.PROCES_VERBAAL, Status.AFGESLOTEN)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_quarter_dates_are_quarter_starts_around_the_date(day: date) -> None:
    stop, start = kwartaal_na(day), begin_kwartaal(day)
    assert stop.day == start.day == 1
    assert stop.month in (1, 4, 7, 10)
    assert start.month in (1, 4, 7, 10)
    assert start <= day < stop
    assert (stop - start).days in (90, 91, 92)


@pytest.mark.parametrize(
    ("change", "toegestaan"),
    [
        ({"svb_gemeld": False}, False),
        ({"voorwaarden_vervuld": False}, False),
        ({"verzuim_gestopt": False}, False),
        ({}, True),
    ],
)
def test_svb_undo_needs_a_melding_met_conditions_and_stopped_verzuim(
    change: dict[str, object], toegestaan: bool
) -> None:
    facts = msgspec.structs.replace(mag(Actie.SVB_ONGEDAAN), **change)
    assert beslis(Status.GEWAARSCHUWD, Actie.SVB_ONGEDAAN, facts).toegestaan is toegestaan
