"""The address block as Dutch letters carry it, and never a bad one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.adres import Adres, postcode, regels, straatregel


def test_street_number_letter_and_toevoeging() -> None:
    assert straatregel(Adres(straatnaam="Spui", huisnummer="70", toevoeging="2")) == "Spui 70-2"
    assert (
        straatregel(
            Adres(straatnaam="Dorpsstraat", huisnummer="12", huisletter="a", toevoeging="3")
        )
        == "Dorpsstraat 12A-3"
    )
    assert (
        straatregel(Adres(straatnaam="Keizersgracht", huisnummer="101", toevoeging="hs"))
        == "Keizersgracht 101 hs"
    )
    assert straatregel(Adres(straatnaam="Kerkweg", huisnummer="3")) == "Kerkweg 3"


def test_postcode_with_its_space_and_the_woonplaats_in_capitals() -> None:
    adres = Adres(
        straatnaam="Amstel", huisnummer="1", postcode="1011pn", woonplaats="Amsterdam  Zuidoost"
    )
    assert regels(adres) == ["Amstel 1", "1011 PN  AMSTERDAM ZUIDOOST"]
    assert postcode(" 1011 ab ") == "1011 AB"
    assert postcode("0123AB") is None  # a Dutch postcode never starts with 0
    assert postcode("1011A") is None


def test_no_street_no_number_no_postcode_or_no_place_is_no_postable_address() -> None:
    volledig = {
        "straatnaam": "Amstel",
        "huisnummer": "1",
        "postcode": "1011PN",
        "woonplaats": "Amsterdam",
    }
    assert regels(Adres(**volledig)) is not None
    for weg in volledig:
        assert regels(Adres(**{**volledig, weg: None})) is None, weg
        assert regels(Adres(**{**volledig, weg: "  "})) is None, weg


@given(
    straat=st.text(min_size=1, max_size=80),
    nummer=st.integers(1, 99999).map(str),
    code=st.from_regex(r"[1-9][0-9]{3} ?[A-Za-z]{2}", fullmatch=True),
    plaats=st.text(min_size=1, max_size=40),
)
def test_an_address_block_is_two_lines_with_the_postcode_first(
    straat: str, nummer: str, code: str, plaats: str
) -> None:
    uit = regels(Adres(straatnaam=straat, huisnummer=nummer, postcode=code, woonplaats=plaats))
    if uit is None:
        assert not straat.strip() or not plaats.split()
        return
    assert len(uit) == 2
    assert uit[1][:7] == postcode(code)
    assert uit[1][7:9] == "  "
    assert uit[1][9:] == uit[1][9:].upper()
    assert not any(c in "".join(uit) for c in "\n\r\t")  # one line each, whatever the source
