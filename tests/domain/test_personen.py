"""The jongere's typed record: built from a `jongeren` row, named as letters and lists name them."""

from datetime import date
from uuid import uuid4

from portal.domain.personen import Jongere, Verzorger


def _rij(**anders: object) -> dict[str, object]:
    rij: dict[str, object] = {
        "id": uuid4(),
        "bsn": "123456782",
        "voornamen": "Sam Pieter",
        "voorvoegsel": "de",
        "geslachtsnaam": "Vries",
        "geboortedatum": date(2012, 3, 4),
        "gemeentecode": "0363",
        "postcode": "1011AB",
        "huisnummer": "12",
        "woonplaats": "Amsterdam",
        "team_id": None,
        "ouder1_bsn": "111222333",
        "ouder1_naam": "A. de Vries",
        "ouder2_bsn": None,
        "ouder2_naam": None,
        "tenant_id": "0363",  # columns the record does not carry are ignored
        "geslacht": "M",
    }
    rij.update(anders)
    return rij


def test_the_name_joins_voornamen_voorvoegsel_and_geslachtsnaam() -> None:
    j = Jongere.van(_rij())
    assert j.naam == "Sam Pieter de Vries"
    assert j.roepnaam == "Sam"


def test_a_name_without_voorvoegsel_has_no_double_space() -> None:
    assert Jongere.van(_rij(voorvoegsel=None, geslachtsnaam="Öztürk")).naam == "Sam Pieter Öztürk"


def test_only_the_parents_the_brp_names_are_verzorgers() -> None:
    j = Jongere.van(_rij())
    assert j.verzorgers == (Verzorger("A. de Vries", "111222333"),)
    beide = Jongere.van(_rij(ouder2_naam="B. Jansen"))
    assert [v.naam for v in beide.verzorgers] == ["A. de Vries", "B. Jansen"]
    assert beide.verzorgers[1].bsn is None
