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
    METHODE,
    Aanpak,
    Actie,
    Feiten,
    Inkomen,
    Oorzaak,
    Status,
    Verdachten,
    Zaaksoort,
    aanpak,
    begin_kwartaal,
    beslis,
    kwartaal_na,
    soort_voor,
    verdachten_van,
    volgende,
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
    teammanager=True,
    wettelijke_melding=False,
    zonder_achtergrond=True,
    plan_van_aanpak=True,
    ernstig=True,
    oorzaak=Oorzaak.ONWIL,
    vsv_reden=True,
    inkomen=Inkomen.GEEN,
    dagbesteding=False,
)


def mag(actie: Actie) -> Feiten:
    """ALLES_MAG, but with an SVB melding already made where the step needs one."""
    if actie is Actie.SVB_ONGEDAAN:
        return msgspec.structs.replace(
            ALLES_MAG, svb_gemeld=True, voorwaarden_vervuld=True, verzuim_gestopt=True
        )
    if actie in (Actie.SVB_AKKOORD, Actie.SVB_AFWIJZEN):
        return msgspec.structs.replace(ALLES_MAG, svb_voorgelegd=True)
    return ALLES_MAG


@pytest.mark.parametrize("soort", list(Zaaksoort))
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actie", list(Actie))
def test_every_pair_is_in_order_a_departure_or_refused(
    soort: Zaaksoort, status: Status, actie: Actie
) -> None:
    zonder = beslis(status, actie, mag(actie), soort=soort)
    met = beslis(status, actie, mag(actie), "gezinssituatie vraagt snelle aanpak", soort)
    if status is Status.AFGESLOTEN or (
        status is Status.PROCES_VERBAAL and actie is not Actie.AFSLUITEN
    ):
        assert not zonder.toegestaan
        assert not met.toegestaan
        return
    if actie not in METHODE[soort]:
        assert not zonder.toegestaan
        assert not met.toegestaan
        assert "hoort niet bij" in (met.regel or "")
        return
    van, naar = METHODE[soort][actie]
    doel = naar or status
    if status in van:
        assert (zonder.toegestaan, zonder.naar, zonder.afwijking) == (True, doel, False)
        assert actie in volgende(soort, status)
    elif actie in ALLEEN_IN_VOLGORDE or status is Status.ONTVANGEN:
        assert not zonder.toegestaan
        assert not met.toegestaan
    else:
        assert not zonder.toegestaan
        assert "leg uit" in (zonder.regel or "")
        assert (met.toegestaan, met.naar, met.afwijking) == (True, doel, True)
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
        (Actie.HALT_VERWIJZEN, {"boa": False}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"leeftijd": 15, "toestemming_ouders": False}, "6.8"),
        (Actie.HALT_VERWIJZEN, {"toestemming_jongere": False}, "6.8"),
        (Actie.SVB_MELDEN, {"leeftijd": 15}, "19.1"),
        (Actie.SVB_MELDEN, {"leeftijd": 18}, "19.1"),
        (Actie.SVB_MELDEN, {"startkwalificatie": True}, "19.1"),
        (Actie.SVB_MELDEN, {"ingeschreven": True, "uren_in_4_weken": 15}, "19.1"),
        (Actie.SVB_MELDEN, {"akkoord_teammanager": False}, "19.2"),
        (Actie.SVB_MELDEN, {"verwijtbaar": False, "weigert_mee_te_werken": False}, "19.2"),
        (
            Actie.SVB_MELDEN,
            {
                "verwijtbaar": False,
                "weigert_mee_te_werken": False,
                "recidive": True,
                "ouders_meewerkend": True,
            },
            "toel. 19",
        ),
        (Actie.SVB_MELDEN, {"svb_oproep_gedaan": False}, "19.3"),
        (Actie.SVB_MELDEN, {"svb_afspraken_volledig": False}, "19.4"),
        (Actie.SVB_MELDEN, {"svb_gemeld": True}, "19"),
        (Actie.PROCES_VERBAAL, {"boa": False}, "6.10"),
        (Actie.PROCES_VERBAAL, {"verhoor_aangekondigd": False}, "6.10"),
        (Actie.PROCES_VERBAAL, {"hulpverlening_voorliggend": True}, "6.10"),
        (Actie.PROCES_VERBAAL, {"vrijgesteld": True}, "6.10"),
        (Actie.PROCES_VERBAAL, {"halt_negatief": True}, "6.9"),
        (Actie.AFSLUITEN, {"reden_afsluiten": " "}, "6.13"),
        (Actie.SVB_VOORLEGGEN, {"leeftijd": 15}, "19.1"),
        (Actie.SVB_VOORLEGGEN, {"svb_voorgelegd": True}, "19.2"),
        (Actie.SVB_AKKOORD, {"teammanager": False}, "19.2"),
        (Actie.SVB_AKKOORD, {"svb_voorgelegd": False}, "19.2"),
        (Actie.VERHOOR_AANKONDIGEN, {"boa": False}, "6.10"),
        (Actie.PROCES_VERBAAL, {"advies_opgevolgd": True}, "8.3"),
        (Actie.PROCES_VERBAAL, {"leeftijd": 11, "verdachten": Verdachten.JONGERE}, "6.10"),
        (
            Actie.PROCES_VERBAAL,
            {"leeftijd": 11, "verdachten": Verdachten.OUDERS_EN_JONGERE},
            "6.10",
        ),
        (Actie.GECORRIGEERD_AFSLUITEN, {"wettelijke_melding": True}, "7.3"),
        (Actie.GECORRIGEERD_AFSLUITEN, {"zonder_achtergrond": False}, "7.3"),
        (Actie.PLAN_VAN_AANPAK, {"plan_van_aanpak": False}, "7.5"),
        (Actie.CONTACT_SCHOOL, {"vorige_school": False}, "8.4"),
        (Actie.OVERDRAGEN, {"vsv_reden": False}, "9a.2"),
        (Actie.OVERDRAGEN, {"inkomen": None}, "9a.4"),
        (Actie.OVERDRAGEN, {"dagbesteding": None}, "9a.3"),
        (Actie.OVERDRAGEN, {"inkomen": Inkomen.WERK}, "9a.5"),
        (Actie.OVERDRAGEN, {"inkomen": Inkomen.UITKERING}, "9a.5"),
        # With income, no dagbesteding is asked: the handover is refused for the income.
        (Actie.OVERDRAGEN, {"inkomen": Inkomen.WERK, "dagbesteding": None}, "9a.5"),
        (Actie.OVERDRAGEN, {"dagbesteding": True}, "9a.5"),
        (Actie.INKOMEN_VASTLEGGEN, {"inkomen": None}, "9a.4"),
        (Actie.DAGBESTEDING_VASTLEGGEN, {"dagbesteding": None}, "9a.3"),
        (Actie.DAGBESTEDING_VASTLEGGEN, {"inkomen": None}, "9a.3"),
        (Actie.DAGBESTEDING_VASTLEGGEN, {"inkomen": Inkomen.WERK}, "9a.3"),
    ],
)
def test_legal_conditions_cannot_be_explained_away(
    actie: Actie, change: dict[str, object], artikel: str
) -> None:
    soort = next(s for s in Zaaksoort if actie in METHODE[s])
    van = next(iter(METHODE[soort][actie][0]))
    besluit = beslis(van, actie, msgspec.structs.replace(mag(actie), **change), "toch doen", soort)
    assert not besluit.toegestaan
    # The exact article, at the start of the rule (toel. = the toelichting of the instructie).
    voor = artikel if artikel.startswith("toel.") else f"art. {artikel}"
    assert (besluit.regel or "").startswith(f"{voor}:"), besluit.regel


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


@given(
    st.sampled_from(list(Zaaksoort)),
    st.lists(st.sampled_from(list(Actie)), max_size=25),
    st.booleans(),
)
def test_no_sequence_undoes_a_proces_verbaal_or_leaves_afgesloten(
    soort: Zaaksoort, steps: list[Actie], explain: bool
) -> None:
    status = Status.ONTVANGEN
    seen_pv = False
    statussen = {s for van, naar in METHODE[soort].values() for s in (*van, naar) if s}
    for actie in steps:
        besluit = beslis(status, actie, ALLES_MAG, "reden" if explain else None, soort)
        if status is Status.AFGESLOTEN:
            assert not besluit.toegestaan
        if besluit.toegestaan:
            assert besluit.naar is not None
            status = besluit.naar
        assert status in statussen | {Status.ONTVANGEN}
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


@pytest.mark.parametrize(
    ("ernstig", "oorzaak", "rol"),
    [
        (False, None, Aanpak.ADVISEUR),
        (False, Oorzaak.ONWIL, Aanpak.ADVISEUR),
        (True, Oorzaak.ONWIL, Aanpak.HANDHAVER),
        (True, Oorzaak.ONMACHT, Aanpak.REGISSEUR),
        (True, None, None),
    ],
)
def test_ernst_and_oorzaak_choose_the_approach(
    ernstig: bool, oorzaak: Oorzaak | None, rol: Aanpak | None
) -> None:
    assert aanpak(ernstig, oorzaak) is rol
    besluit = beslis(
        Status.BEOORDEELD, Actie.ERNST_OORZAAK, feiten(ernstig=ernstig, oorzaak=oorzaak)
    )
    assert besluit.toegestaan is (rol is not None)
    if besluit.toegestaan:
        assert besluit.naar is Status.BEOORDEELD


@pytest.mark.parametrize(
    ("melding", "leeftijd", "soort"),
    [
        ("16_uur_in_4_weken", 15, Zaaksoort.RELATIEF_VERZUIM),
        ("16_uur_in_4_weken", 17, Zaaksoort.RELATIEF_VERZUIM),
        ("overig", 18, Zaaksoort.VERZUIM_18PLUS),
        ("rmc", 18, Zaaksoort.VERZUIM_18PLUS),
        ("luxe", 12, Zaaksoort.RELATIEF_VERZUIM),
        (None, 14, Zaaksoort.ABSOLUUT_VERZUIM),
    ],
)
def test_the_kind_of_case_follows_the_melding_and_age(
    melding: str | None, leeftijd: int, soort: Zaaksoort
) -> None:
    assert soort_voor(melding, leeftijd) is soort


def test_18plus_has_no_enforcement_and_closes_gecorrigeerd_only_early_without_background() -> None:
    for actie in (Actie.HALT_VERWIJZEN, Actie.SVB_MELDEN, Actie.PROCES_VERBAAL):
        besluit = beslis(Status.GESPREK_GEVOERD, actie, ALLES_MAG, "toch", Zaaksoort.VERZUIM_18PLUS)
        assert not besluit.toegestaan
        assert "18+" in (besluit.regel or "")
    assert beslis(
        Status.ONTVANGEN, Actie.GECORRIGEERD_AFSLUITEN, ALLES_MAG, soort=Zaaksoort.VERZUIM_18PLUS
    ) == beslis(
        Status.BEOORDEELD, Actie.GECORRIGEERD_AFSLUITEN, ALLES_MAG, soort=Zaaksoort.VERZUIM_18PLUS
    )
    wettelijk = feiten(wettelijke_melding=True)
    besluit = beslis(
        Status.ONTVANGEN, Actie.GECORRIGEERD_AFSLUITEN, wettelijk, "toch", Zaaksoort.VERZUIM_18PLUS
    )
    assert not besluit.toegestaan
    assert "nooit" in (besluit.regel or "")


def test_absoluut_verzuim_runs_check_contact_advice_then_enforcement() -> None:
    soort = Zaaksoort.ABSOLUUT_VERZUIM
    status = Status.ONTVANGEN
    for actie, naar in [
        (Actie.ADMINISTRATIEF_CONTROLEREN, Status.GECONTROLEERD),
        (Actie.CONTACT_SCHOOL, Status.GECONTROLEERD),
        (Actie.CONTACT_OUDERS, Status.CONTACT_GELEGD),
        (Actie.ADVIES_CONTROLEREN, Status.ADVIES_GECONTROLEERD),
        (Actie.VERHOOR_AANKONDIGEN, Status.ADVIES_GECONTROLEERD),
        (Actie.PROCES_VERBAAL, Status.PROCES_VERBAAL),
        (Actie.AFSLUITEN, Status.AFGESLOTEN),
    ]:
        assert volgende(soort, status)
        besluit = beslis(status, actie, ALLES_MAG, soort=soort)
        assert (besluit.toegestaan, besluit.naar) == (True, naar), actie
        status = naar
    assert volgende(soort, status) == []
    assert not beslis(Status.ONTVANGEN, Actie.UITNODIGEN, ALLES_MAG, "x", soort).toegestaan


def test_the_next_steps_follow_the_method() -> None:
    assert volgende(Zaaksoort.RELATIEF_VERZUIM, Status.ONTVANGEN) == [Actie.BEOORDELEN]
    assert volgende(Zaaksoort.RELATIEF_VERZUIM, Status.PROCES_VERBAAL) == [Actie.AFSLUITEN]
    assert Actie.KENNISGEVINGSBRIEF in volgende(Zaaksoort.RELATIEF_VERZUIM, Status.BEOORDEELD)
    assert Actie.PLAN_VAN_AANPAK in volgende(Zaaksoort.VERZUIM_18PLUS, Status.GESPREK_GEVOERD)
    assert volgende(Zaaksoort.VERZUIM_18PLUS, Status.AFGESLOTEN) == []


def test_a_vsver_waits_for_a_study_or_goes_to_the_jongerenpunt() -> None:
    vsv = Zaaksoort.VSV
    assert volgende(vsv, Status.ONTVANGEN) == [Actie.REDEN_ONDERZOEKEN]
    onderzocht = beslis(Status.ONTVANGEN, Actie.REDEN_ONDERZOEKEN, ALLES_MAG, soort=vsv)
    assert onderzocht.naar is Status.ONDERZOCHT
    assert beslis(Status.ONDERZOCHT, Actie.OVERDRAGEN, ALLES_MAG, soort=vsv).naar is (
        Status.OVERGEDRAGEN
    )
    wacht = beslis(Status.ONDERZOCHT, Actie.WACHTEN_OP_OPLEIDING, ALLES_MAG, soort=vsv)
    assert wacht.naar is Status.WACHT_OP_OPLEIDING
    # From waiting, a handover departs from the method: it needs a reason.
    assert not beslis(Status.WACHT_OP_OPLEIDING, Actie.OVERDRAGEN, ALLES_MAG, soort=vsv).toegestaan
    assert beslis(
        Status.WACHT_OP_OPLEIDING, Actie.OVERDRAGEN, ALLES_MAG, "opleiding gaat niet door", vsv
    ).afwijking
    for actie in (Actie.HALT_VERWIJZEN, Actie.PROCES_VERBAAL, Actie.UITNODIGEN):
        assert not beslis(Status.ONDERZOCHT, actie, ALLES_MAG, "toch", vsv).toegestaan


@given(st.integers(min_value=5, max_value=17), st.sampled_from([None, *Verdachten]))
def test_a_proces_verbaal_names_a_jongere_only_from_12(
    leeftijd: int, keuze: Verdachten | None
) -> None:
    rollen = verdachten_van(keuze, leeftijd)
    assert rollen
    besluit = beslis(
        Status.GEWAARSCHUWD,
        Actie.PROCES_VERBAAL,
        msgspec.structs.replace(mag(Actie.PROCES_VERBAAL), leeftijd=leeftijd, verdachten=keuze),
    )
    assert besluit.toegestaan == (keuze in (None, Verdachten.OUDERS) or leeftijd >= 12)
    if keuze is None:
        assert rollen == (("ouder", "jongere") if leeftijd >= 12 else ("ouder",))
