"""A Dutch postal address as a letter carries it (PostNL's addressing rules), from the BRP's parts.

- The street line: straatnaam, huisnummer with the huisletter against it, then the
  huisnummertoevoeging: after a hyphen when it is a number ("Spui 70-2", "Dorpsstraat 12A-3"), after
  a space when it is a word ("Keizersgracht 101 hs", "Kerkweg 3 bis").
- The postcode line: the four digits, one space, the two letters, two spaces, the woonplaats in
  capitals ("1011 AB  AMSTERDAM").
- Without a street (an older BRP file) there is no postable address: the letter still goes out,
  but is marked for a manual address, never printed with a bad one.
"""

from __future__ import annotations

import re

import msgspec

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


class Adres(msgspec.Struct, frozen=True, kw_only=True):
    straatnaam: str | None = None
    huisnummer: str | None = None
    huisletter: str | None = None
    toevoeging: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None


def postcode(tekst: str | None) -> str | None:
    """'1011ab' as '1011 AB'; None for what is no Dutch postcode."""
    gevonden = _POSTCODE.match(tekst or "")
    return f"{gevonden[1]} {gevonden[2].upper()}" if gevonden else None


def straatregel(adres: Adres) -> str | None:
    """The street line, or None when the street or the number is missing."""
    straat = " ".join((adres.straatnaam or "").split())
    nummer = "".join((adres.huisnummer or "").split())
    if not straat or not nummer:
        return None
    nummer += (adres.huisletter or "").strip().upper()
    toevoeging = (adres.toevoeging or "").strip()
    if toevoeging:
        nummer += ("-" if toevoeging.isdigit() else " ") + toevoeging
    return f"{straat} {nummer}"


def regels(adres: Adres) -> list[str] | None:
    """The address block's lines under the addressee's name; None when the address cannot be
    posted (no street, no number, no valid postcode or no woonplaats)."""
    straat = straatregel(adres)
    code = postcode(adres.postcode)
    plaats = " ".join((adres.woonplaats or "").split()).upper()
    if straat is None or code is None or not plaats:
        return None
    return [straat, f"{code}  {plaats}"]
