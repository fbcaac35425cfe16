"""Whom a letter is addressed to: the parents of a minor, the jongere from 18 or where the article
speaks to the jongere, jongere and parents together for Halt and the verhoor from 12, the
school's director for the school; and no address block without a street."""

from __future__ import annotations

import uuid
from datetime import date

from portal.brieven.kader import geadresseerde
from portal.domain.personen import Jongere

VANDAAG = date(2026, 12, 1)


def _jongere(leeftijd: int, straat: str | None = "Kalverstraat") -> Jongere:
    return Jongere(
        id=uuid.uuid4(),
        bsn="111222333",
        voornamen="Sam",
        voorvoegsel="de",
        geslachtsnaam="Vries",
        geboortedatum=date(VANDAAG.year - leeftijd, 6, 1),
        gemeentecode="0363",
        postcode="1011AB",
        huisnummer="12",
        woonplaats="Amsterdam",
        straatnaam=straat,
        huisletter="a",
    )


def test_the_addressee_follows_age_and_letter() -> None:
    assert geadresseerde("uitnodiging", _jongere(14), None, VANDAAG).aanhef == (
        "Aan de ouder(s)/verzorger(s) van"
    )
    achttien = geadresseerde("uitnodiging", _jongere(18), None, VANDAAG)
    assert (achttien.aanhef, achttien.naam) == ("Aan", "Sam de Vries")
    assert geadresseerde("uitnodiging_18plus", _jongere(17), None, VANDAAG).aanhef == "Aan"
    halt = geadresseerde("halt_verwijzing", _jongere(13), None, VANDAAG)
    assert halt.naam == "Sam de Vries en de ouder(s)/verzorger(s)"
    assert geadresseerde("halt_verwijzing", _jongere(11), None, VANDAAG).aanhef.endswith("van")
    school = geadresseerde("halt_melding_school", _jongere(13), "Het Lyceum", VANDAAG)
    assert (school.aanhef, school.naam, school.handmatig) == (
        "Aan de directeur van",
        "Het Lyceum",
        False,
    )


def test_the_address_block_or_the_mark_for_a_hand_written_one() -> None:
    met = geadresseerde("uitnodiging", _jongere(14), None, VANDAAG)
    assert met.regels == ["Kalverstraat 12A", "1011 AB  AMSTERDAM"]
    assert not met.handmatig
    zonder = geadresseerde("uitnodiging", _jongere(14, straat=None), None, VANDAAG)
    assert zonder.regels is None
    assert zonder.handmatig
