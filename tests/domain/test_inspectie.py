"""Art. 20: advice first, then a signal, then a melding, each about the same shortcoming."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.inspectie import Eerder, Soort, Tekortkoming, beoordeel

T = Tekortkoming.INSCHRIJVING_TE_LAAT


def test_advice_then_signal_then_melding() -> None:
    assert beoordeel(Soort.ADVIES, T, []).toegestaan
    zonder_advies = beoordeel(Soort.SIGNAAL, T, [])
    assert not zonder_advies.toegestaan
    assert "lid 1" in (zonder_advies.regel or "")
    assert beoordeel(Soort.SIGNAAL, T, [Eerder(Soort.ADVIES, T)]).toegestaan
    zonder_signaal = beoordeel(Soort.MELDING, T, [Eerder(Soort.ADVIES, T)])
    assert "lid 5" in (zonder_signaal.regel or "")
    # A signal the teammanager did not agree to was never sent: it is no ground for a melding.
    niet_akkoord = [Eerder(Soort.ADVIES, T), Eerder(Soort.SIGNAAL, T, akkoord=False)]
    assert not beoordeel(Soort.MELDING, T, niet_akkoord).toegestaan
    akkoord = [Eerder(Soort.ADVIES, T), Eerder(Soort.SIGNAAL, T)]
    assert beoordeel(Soort.MELDING, T, akkoord).toegestaan


@given(
    geschiedenis=st.lists(
        st.builds(Eerder, st.sampled_from(Soort), st.sampled_from(Tekortkoming), st.booleans()),
        max_size=8,
    ),
    soort=st.sampled_from(Soort),
    tekortkoming=st.sampled_from(Tekortkoming),
)
def test_another_shortcomings_history_never_counts(
    geschiedenis: list[Eerder], soort: Soort, tekortkoming: Tekortkoming
) -> None:
    eigen = [e for e in geschiedenis if e.tekortkoming is tekortkoming]
    assert (
        beoordeel(soort, tekortkoming, geschiedenis).toegestaan
        == beoordeel(soort, tekortkoming, eigen).toegestaan
    )
