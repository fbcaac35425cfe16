"""Haal Centraal BRP bevragen, the parts the portal asks for (modelled on its public style:
`POST /personen` with a `type` and a mandatory `fields` list)."""

from __future__ import annotations

from typing import Literal

import msgspec

FIELDS = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "verblijfplaats.straat",
    "verblijfplaats.huisnummer",
    "verblijfplaats.huisletter",
    "verblijfplaats.huisnummertoevoeging",
    "verblijfplaats.postcode",
    "verblijfplaats.woonplaats",
    "adressering.adresregel1",
    "adressering.adresregel2",
    "gemeenteVanInschrijving",
)


class Verzoek(msgspec.Struct, frozen=True):
    burgerservicenummer: list[str]
    gemeenteVanInschrijving: str | None = None
    type: Literal["RaadpleegMetBurgerservicenummer"] = "RaadpleegMetBurgerservicenummer"
    fields: list[str] = msgspec.field(default_factory=lambda: list(FIELDS))


class Naam(msgspec.Struct, frozen=True):
    voornamen: str | None = None
    voorvoegsel: str | None = None
    geslachtsnaam: str | None = None


class Datum(msgspec.Struct, frozen=True):
    datum: str | None = None  # Haal Centraal nests the date as {"datum": "YYYY-MM-DD", ...}


class Geboorte(msgspec.Struct, frozen=True):
    datum: Datum | None = None


class Verblijfplaats(msgspec.Struct, frozen=True):
    straat: str | None = None
    huisnummer: int | None = None
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None


class Adressering(msgspec.Struct, frozen=True):
    """The BRP's own address lines for a letter, where the BRP offers them."""

    adresregel1: str | None = None
    adresregel2: str | None = None


class Waardetabel(msgspec.Struct, frozen=True):
    code: str
    omschrijving: str | None = None


class Persoon(msgspec.Struct, frozen=True):
    burgerservicenummer: str
    naam: Naam = Naam()
    geboorte: Geboorte = Geboorte()
    verblijfplaats: Verblijfplaats = Verblijfplaats()
    adressering: Adressering | None = None
    gemeenteVanInschrijving: Waardetabel | None = None


class Antwoord(msgspec.Struct, frozen=True):
    type: str
    personen: list[Persoon]
