"""Halt's messages, modelled on the Ambtsinstructie (art. 6.8-6.9) and API.md's callback."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec

from integrations.common import Ouder, Persoon


class Verwijzing(msgspec.Struct, frozen=True, kw_only=True):
    """A Halt-verwijzing with the verkort proces-verbaal's facts."""

    verwijzing_id: UUID
    gemeentecode: str
    jongere: Persoon
    ouders: list[Ouder] = msgspec.field(default_factory=list)
    school_brin: str | None = None
    periode_van: date
    periode_tot: date
    verzuimde_uren: int
    keer_te_laat: int = 0
    pv_nummer: str
    toestemming_jongere: bool
    toestemming_ouders: bool | None = None


class Ontvangst(msgspec.Struct, frozen=True):
    halt_zaaknummer: str
    status: Literal["ontvangen"]


class Afdoening(msgspec.Struct, frozen=True):
    """The callback `POST /api/v1/partners/halt/afdoeningen` (API.md)."""

    bericht_id: str
    verwijzing_id: UUID
    uitkomst: Literal["positief", "negatief"]
    datum: date
