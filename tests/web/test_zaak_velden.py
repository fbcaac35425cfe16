"""A case step's form becomes the API's request: checkboxes, the ernst choice, numbers, nested
SVB agreements; fields the step does not ask are dropped, and every step a page offers is labelled."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from portal.domain.woorden import ACTIE_LABELS
from portal.domain.zaak import METHODE, Actie, Oorzaak
from portal.verzuim.zaken import Vaststellingen
from portal.web.zaak_velden import VELDEN, naar_verzoek


def test_a_halt_form_becomes_the_request() -> None:
    verzoek = naar_verzoek(
        {
            "actie": "halt_verwijzen",
            "verwijtbaar": "ja",
            "keer_te_laat": "3",
            "toestemming_jongere": "ja",
            "pv_nummer": " PV-12 ",
            "reden_afsluiten": "not asked by this step",
            "uitleg": "  ",
        }
    )
    v = verzoek.vaststellingen
    assert verzoek.actie is Actie.HALT_VERWIJZEN
    assert (v.verwijtbaar, v.keer_te_laat, v.toestemming_jongere, v.toestemming_ouders) == (
        True,
        3,
        True,
        False,
    )
    assert v.pv_nummer == "PV-12"
    assert v.reden_afsluiten is None
    assert verzoek.uitleg is None


def test_ernst_and_svb_agreements() -> None:
    ernst = naar_verzoek({"actie": "ernst_oorzaak_vastleggen", "ernstig": "ja", "oorzaak": ""})
    assert (ernst.vaststellingen.ernstig, ernst.vaststellingen.oorzaak) == (True, None)
    onmacht = naar_verzoek(
        {"actie": "ernst_oorzaak_vastleggen", "ernstig": "ja", "oorzaak": "onmacht"}
    )
    assert onmacht.vaststellingen.oorzaak is Oorzaak.ONMACHT
    svb = naar_verzoek(
        {
            "actie": "svb_melden",
            "svb_afspraken.geconstateerd_verzuim": "20 uur",
            "svb_afspraken.ondernomen_acties": "gesprek",
            "svb_afspraken.voorwaarden_ongedaan_maken": "aanwezig",
            "svb_afspraken.evaluatiedatum": "2027-01-15",
        }
    )
    assert svb.vaststellingen.svb_afspraken is not None
    assert svb.vaststellingen.svb_afspraken.evaluatiedatum == date(2027, 1, 15)


@pytest.mark.parametrize(
    "form",
    [
        {"actie": "bestaat_niet"},
        {"actie": "halt_verwijzen", "keer_te_laat": "veel"},
        {"actie": "svb_melden", "svb_afspraken.evaluatiedatum": "morgen"},
    ],
)
def test_bad_forms_are_refused(form: dict[str, str]) -> None:
    with pytest.raises((ValueError, msgspec.ValidationError)):
        naar_verzoek(form)


def test_every_step_of_every_kind_has_a_label_and_known_fields() -> None:
    for methode in METHODE.values():
        for actie in methode:
            assert actie in ACTIE_LABELS
    names = {f.name for f in msgspec.structs.fields(Vaststellingen)}
    for velden in VELDEN.values():
        for veld in velden:
            assert veld.naam.split(".")[0] in names
