"""Request and response shapes of the dossier API (msgspec at the edge)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec

from portal.dossier.speciale_aanpak import SpecialeAanpak

Text500 = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
Text5000 = Annotated[str, msgspec.Meta(min_length=1, max_length=5000)]


class Ouder(msgspec.Struct):
    naam: str | None
    bsn: str | None


class Status(msgspec.Struct):
    status: str
    reden: str
    tot: date | None


class InschrijvingUit(msgspec.Struct):
    brin: str
    vestiging: str
    school: str
    onderwijssoort: str
    leerjaar: int | None
    datum_inschrijving: date
    datum_uitschrijving: date | None


class DiplomaUit(msgspec.Struct):
    diploma: str
    datum: date


class SignaalUit(msgspec.Struct):
    id: UUID
    soort: str
    status: str
    reden: str
    peildatum: date


class KennisgevingUit(msgspec.Struct):
    """A school's notice about the jongere (art. 9), late when it came after 7 days."""

    soort: str
    datum: date
    brin: str
    bestemming_brin: str | None
    reden: str | None
    te_laat: bool


class WerklogboekEntry(msgspec.Struct):
    id: UUID
    datum: date
    auteur: str
    met_wie_wat: str
    resultaat: str
    vervolgactie: str | None
    vervolg_wie: str | None
    vervolg_wanneer: date | None
    vastgelegd_op: datetime


class NieuweWerklogboekEntry(msgspec.Struct, forbid_unknown_fields=True):
    datum: date
    met_wie_wat: Text500
    resultaat: Text5000
    vervolgactie: Annotated[str, msgspec.Meta(max_length=1000)] | None = None
    vervolg_wie: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    vervolg_wanneer: date | None = None


class ToewijzingUit(msgspec.Struct):
    grondslag: str
    team: str | None
    gemeentecode: str | None
    toelichting: str


class Dossier(msgspec.Struct):
    id: UUID
    bsn: str
    naam: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geboortedatum: date
    geslacht: str | None
    adres: str
    woonplaats: str | None
    gemeentecode: str
    team: str | None
    toewijzing: ToewijzingUit
    ouders: list[Ouder]
    leerplicht: Status
    inschrijvingen: list[InschrijvingUit]
    diplomas: list[DiplomaUit]
    signalen: list[SignaalUit]
    werklogboek: list[WerklogboekEntry] | None
    """None for roles that may not read case notes (administratief medewerker)."""
    kennisgevingen: list[KennisgevingUit] = msgspec.field(default_factory=list)
    speciale_aanpak: SpecialeAanpak | None = None
    """Privacyreglement 2016, 3.10: the jongere falls under a special approach (never which);
    only the contact's name and phone."""


class ZoekResultaat(msgspec.Struct):
    id: UUID
    naam: str
    geboortedatum: date
    gemeentecode: str
    adres: str | None = None
    """Postcode, huisnummer and woonplaats as the BRP gave them."""
    school: str | None = None
    """Where the jongere is enrolled today, if anywhere."""
    zaak_open: bool = False
    """A case of the reader's scope is open for the jongere."""


class ZoekLijst(msgspec.Struct):
    items: list[ZoekResultaat]
    next_cursor: str | None = None
    totaal: int = 0
    """How many jongeren the search finds, over every page."""
