"""A jongere as the registration holds them, one typed record for every use case that writes to
or about them (a letter, a partner message, a handover), instead of a `SELECT *` row whose
columns each reader must know."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import msgspec


class Verzorger(msgspec.Struct, frozen=True):
    naam: str
    bsn: str | None = None


class Jongere(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geboortedatum: date
    gemeentecode: str
    postcode: str | None = None
    huisnummer: str | None = None
    woonplaats: str | None = None
    team_id: UUID | None = None
    verzorgers: tuple[Verzorger, ...] = ()
    straatnaam: str | None = None
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None

    @classmethod
    def van(cls, row: Any) -> Jongere:
        """From a row of `jongeren` (all its columns, as `SELECT *` or `SELECT j.*` gives)."""
        return cls(
            id=row["id"],
            bsn=row["bsn"],
            voornamen=row["voornamen"],
            voorvoegsel=row["voorvoegsel"],
            geslachtsnaam=row["geslachtsnaam"],
            geboortedatum=row["geboortedatum"],
            gemeentecode=row["gemeentecode"],
            postcode=row["postcode"],
            huisnummer=row["huisnummer"],
            woonplaats=row["woonplaats"],
            team_id=row["team_id"],
            straatnaam=row.get("straatnaam"),
            huisletter=row.get("huisletter"),
            huisnummertoevoeging=row.get("huisnummertoevoeging"),
            verzorgers=tuple(
                Verzorger(row[f"ouder{n}_naam"], row[f"ouder{n}_bsn"])
                for n in (1, 2)
                if row[f"ouder{n}_naam"]
            ),
        )

    @property
    def naam(self) -> str:
        """Voornamen, voorvoegsel and geslachtsnaam, as a letter or a list names the jongere."""
        return " ".join(filter(None, (self.voornamen, self.voorvoegsel, self.geslachtsnaam)))

    @property
    def roepnaam(self) -> str:
        return self.voornamen.split()[0]
