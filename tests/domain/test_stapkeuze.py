"""The case page's choices are a dry run of `beslis`: a step shown as impossible is refused by
the step itself whatever the leerplichtambtenaar establishes, and a step shown as possible can be
taken with the right answers. Properties over every kind of case, status and known fact."""

from __future__ import annotations

from typing import Any

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.stapkeuze import VAST_TE_STELLEN, aanbevolen, keuzes
from portal.domain.zaak import METHODE, Actie, Feiten, Inkomen, Status, Zaaksoort, beslis

# The facts the portal looks up; the rest the step's form establishes.
bekend = st.builds(
    Feiten,
    leeftijd=st.integers(5, 24),
    eerste_melding=st.booleans(),
    uren_in_4_weken=st.integers(0, 80),
    eerder_naar_halt=st.booleans(),
    boa=st.booleans(),
    teammanager=st.booleans(),
    startkwalificatie=st.booleans(),
    vrijgesteld=st.booleans(),
    ingeschreven=st.booleans(),
    svb_voorgelegd=st.booleans(),
    akkoord_teammanager=st.booleans(),
    verhoor_aangekondigd=st.booleans(),
    halt_negatief=st.booleans(),
    svb_gemeld=st.booleans(),
    wettelijke_melding=st.booleans(),
    vorige_school=st.booleans(),
    vsv_reden=st.booleans(),
    inkomen=st.none() | st.sampled_from(Inkomen),
    dagbesteding=st.none() | st.booleans(),
)
antwoorden = st.fixed_dictionaries(
    {
        naam: st.integers(0, 20)
        if isinstance(waarde, int) and not isinstance(waarde, bool)
        else st.none() | st.text(max_size=3)
        if isinstance(waarde, str)
        else st.none() | st.booleans()
        if naam == "ernstig"
        else st.booleans()
        for naam, waarde in VAST_TE_STELLEN.items()
    }
)
zaken = st.sampled_from(Zaaksoort).flatmap(
    lambda soort: st.tuples(st.just(soort), st.sampled_from(sorted({*_statussen(soort)})))
)


def _statussen(soort: Zaaksoort) -> set[Status]:
    uit: set[Status] = {Status.ONTVANGEN}
    for van, naar in METHODE[soort].values():
        uit |= van | ({naar} if naar else set())
    return uit


@settings(max_examples=400, deadline=None)
@given(zaken, bekend, antwoorden)
def test_a_step_shown_as_impossible_is_refused_whatever_is_established(
    zaak: tuple[Zaaksoort, Status], feiten: Feiten, gegeven: dict[str, Any]
) -> None:
    soort, status = zaak
    echt = msgspec.structs.replace(feiten, **gegeven)
    for k in keuzes(status, soort, feiten):
        if not k.mogelijk:
            uitleg = None if k.methode else "reden voor het dossier"
            assert not beslis(status, k.actie, echt, uitleg, soort).toegestaan, k


@settings(max_examples=300, deadline=None)
@given(zaken, bekend)
def test_a_step_shown_as_possible_can_be_taken_with_the_right_answers(
    zaak: tuple[Zaaksoort, Status], feiten: Feiten
) -> None:
    soort, status = zaak
    for k in keuzes(status, soort, feiten):
        if k.mogelijk:
            juist = msgspec.structs.replace(
                feiten,
                **VAST_TE_STELLEN,
                inkomen=feiten.inkomen or Inkomen.GEEN,
                dagbesteding=False if feiten.dagbesteding is None else feiten.dagbesteding,
            )
            uitleg = None if k.methode else "reden voor het dossier"
            besluit = beslis(status, k.actie, juist, uitleg, soort)
            assert besluit.toegestaan, (k, besluit)
            assert besluit.afwijking is not k.methode


def test_a_twelve_year_old_is_not_reported_to_the_svb_and_the_page_says_why() -> None:
    gekozen = {
        k.actie: k
        for k in keuzes(
            Status.GESPREK_GEVOERD,
            Zaaksoort.RELATIEF_VERZUIM,
            Feiten(leeftijd=12, uren_in_4_weken=20),
        )
    }
    svb = gekozen[Actie.SVB_MELDEN]
    assert not svb.mogelijk
    assert svb.methode
    assert (svb.regel or "").startswith("art. 19.1")
    assert gekozen[Actie.WAARSCHUWINGSBRIEF].aanbevolen
    assert not gekozen[Actie.HALT_VERWIJZEN].mogelijk  # no BOA
    assert Actie.HALT_POSITIEF not in gekozen  # Halt's answer, not a button


def test_the_method_advises_the_step_that_moves_the_case_on() -> None:
    r = Zaaksoort.RELATIEF_VERZUIM
    assert aanbevolen(r, Status.ONTVANGEN) is Actie.BEOORDELEN
    assert aanbevolen(r, Status.BEOORDEELD) is Actie.UITNODIGEN  # not closing with a letter
    assert aanbevolen(r, Status.GESPREK_GEVOERD) is Actie.WAARSCHUWINGSBRIEF
    assert aanbevolen(Zaaksoort.ABSOLUUT_VERZUIM, Status.ONTVANGEN) is (
        Actie.ADMINISTRATIEF_CONTROLEREN
    )
    assert aanbevolen(r, Status.PROCES_VERBAAL) is Actie.AFSLUITEN
    assert aanbevolen(r, Status.AFGESLOTEN) is None
    assert keuzes(Status.AFGESLOTEN, r, Feiten(leeftijd=14)) == []
