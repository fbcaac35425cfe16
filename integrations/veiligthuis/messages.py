"""Veilig Thuis's messages, modelled on the meldcode steps of art. 16-17."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

import msgspec

from integrations.common import Persoon


class Adviesvraag(msgspec.Struct, frozen=True, kw_only=True):
    """Anonymous: no person is named (meldcode step 2, collegial consultation)."""

    vraag_id: UUID
    gemeentecode: str
    leeftijd: int
    signalen: list[str]
    vraag: str


class Melding(msgspec.Struct, frozen=True, kw_only=True):
    melding_id: UUID
    gemeentecode: str
    jongere: Persoon
    signalen: list[str]
    besproken_met_ouders: bool
    reden_niet_besproken: str | None = None
    afweging: str


class Ontvangst(msgspec.Struct, frozen=True):
    vt_referentie: str
    status: Literal["ontvangen"]
