"""Message parts shared by partners (modelled: the partners' real interfaces are not public)."""

from __future__ import annotations

from datetime import date

import msgspec


class Persoon(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str
    voornamen: str
    voorvoegsel: str | None = None
    geslachtsnaam: str
    geboortedatum: date


class Ouder(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str | None = None
    naam: str
