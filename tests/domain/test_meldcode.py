"""The meldcode's five steps in order, each refusing what the Meldcode does not allow, and the
afwegingskader's two afwegingen in their order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.meldcode import (
    ORDE,
    Besluit,
    Consultatie,
    Gesprek,
    Signalen,
    Stap,
    Uitkomst,
    Veiligheidsreden,
    Weging,
    beoordeel,
    uitkomst,
    volgende,
)

SIGNALEN = Signalen(feiten="blauwe plekken gezien", bronnen=["mentor"], andere_kinderen=True)
CONSULTATIE = Consultatie(met_wie="collega", aandachtsfunctionaris="A. Functionaris")
GESPREK = Gesprek(gevoerd=True, verslag="moeder erkent zorgen", jongere_gesproken=True)
WEGING = Weging(risico="hoog", aard="lichamelijk", ernst="ernstig",
                aandachtsfunctionaris_geraadpleegd=True)  # fmt: skip
BESLUIT = Besluit(melden_noodzakelijk=True, hulpverlening_mogelijk=False,
                  besproken_met_jongere_en_ouders=True)  # fmt: skip
GEGEVENS = {
    Stap.SIGNALEN: SIGNALEN,
    Stap.CONSULTATIE: CONSULTATIE,
    Stap.GESPREK: GESPREK,
    Stap.WEGING: WEGING,
    Stap.BESLUIT: BESLUIT,
}


def test_the_five_steps_in_their_order_and_no_step_out_of_it() -> None:
    gedaan: list[Stap] = []
    for stap in ORDE:
        assert volgende(gedaan) is stap
        for ander in ORDE:
            if ander is not stap:
                oordeel = beoordeel(ander, gedaan, GEGEVENS[ander], 14)
                assert not oordeel.toegestaan, (stap, ander)
                assert oordeel.volgorde
                assert "art. 17" in (oordeel.regel or "")
        assert beoordeel(stap, gedaan, GEGEVENS[stap], 14).toegestaan, stap
        gedaan.append(stap)
    assert volgende(gedaan) is None
    assert not beoordeel(Stap.BESLUIT, gedaan, BESLUIT, 14).toegestaan
    # A later signal that the violence does not stop reopens step 5, and only step 5.
    assert beoordeel(Stap.HEROPENEN, gedaan, None, 14).toegestaan
    gedaan.append(Stap.HEROPENEN)
    assert volgende(gedaan) is Stap.BESLUIT
    assert not beoordeel(Stap.HEROPENEN, gedaan, None, 14).toegestaan


def test_each_step_refuses_what_the_meldcode_does_not_allow() -> None:
    eerst = [Stap.SIGNALEN]
    tot_gesprek = [Stap.SIGNALEN, Stap.CONSULTATIE]
    tot_besluit = list(ORDE[:4])
    gevallen = [
        ([], Signalen(feiten="x", bronnen=[], andere_kinderen=False), "bronnen"),
        ([], Signalen(feiten="x", bronnen=["b"], diagnose="adhd", andere_kinderen=False),
         "deskundige"),
        (eerst, Consultatie(met_wie="c", aandachtsfunctionaris=""), "aandachtsfunctionaris"),
        (eerst, Consultatie(met_wie="c", aandachtsfunctionaris="a", adviesvraag_veilig_thuis=True),
         "vraag"),
        (tot_gesprek, Gesprek(gevoerd=False), "veiligheid"),
        (tot_gesprek, Gesprek(gevoerd=True, verslag="v", ouders_gesproken=True), "ouder dan 12"),
        ([*tot_gesprek[:2], Stap.GESPREK],
         Weging(risico="r", aard="a", ernst="e", aandachtsfunctionaris_geraadpleegd=False),
         "aandachtsfunctionaris"),
        (tot_besluit, Besluit(melden_noodzakelijk=False), "Afweging 2"),
        (tot_besluit, Besluit(melden_noodzakelijk=True, hulpverlening_mogelijk=False),
         "besproken"),
    ]  # fmt: skip
    for gedaan, gegevens, woord in gevallen:
        oordeel = beoordeel(volgende(gedaan) or Stap.BESLUIT, gedaan, gegevens, 14)
        assert not oordeel.toegestaan, gegevens
        assert not oordeel.volgorde
        assert woord in (oordeel.regel or ""), (woord, oordeel.regel)
    # Skipped with a safety reason; a jongere of 12 or younger need not be spoken to alone.
    overgeslagen = Gesprek(gevoerd=False, reden_overgeslagen=Veiligheidsreden.VEILIGHEID_JONGERE)
    assert beoordeel(Stap.GESPREK, tot_gesprek, overgeslagen, 14).toegestaan
    ouders = Gesprek(gevoerd=True, verslag="v", ouders_gesproken=True)
    assert beoordeel(Stap.GESPREK, tot_gesprek, ouders, 12).toegestaan
    niet_besproken = Besluit(melden_noodzakelijk=True, hulpverlening_mogelijk=False,
                             reden_niet_besproken=Veiligheidsreden.VEILIGHEID_MELDER)  # fmt: skip
    assert beoordeel(Stap.BESLUIT, tot_besluit, niet_besproken, 14).uitkomst is Uitkomst.MELDEN


@given(
    melden=st.booleans(),
    hulp=st.one_of(st.none(), st.booleans()),
    professional=st.booleans(),
)
def test_the_afwegingskader_afweging_1_before_afweging_2(
    melden: bool, hulp: bool | None, professional: bool
) -> None:
    u = uitkomst(
        Besluit(melden_noodzakelijk=melden, hulpverlening_mogelijk=hulp,
                dader_professional=professional)
    )  # fmt: skip
    if professional:
        assert u is Uitkomst.TEAMMANAGER
    elif melden:  # melden is noodzakelijk: whatever afweging 2 says, there is a melding
        assert u in (Uitkomst.MELDEN, Uitkomst.MELDEN_EN_HULP)
        assert (u is Uitkomst.MELDEN_EN_HULP) == bool(hulp)
    else:  # no melding needed: help if it is possible, a melding if it is not
        assert u is (Uitkomst.HULPVERLENING if hulp else Uitkomst.MELDEN)
