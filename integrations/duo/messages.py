"""DUO's messages, modelled on DOMAIN.md §3 (DUO's soorten and statuses of a melding)."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec

MeldingStatus = Literal[
    "geregistreerd", "in_behandeling", "afgesloten", "ingetrokken", "ter_kennisgeving_aangenomen"
]


class MeldingStatusWijziging(msgspec.Struct, frozen=True, kw_only=True):
    duo_melding_id: str
    status: MeldingStatus
    reden_afgesloten: str | None = None
    datum: date


class VrijstellingRegistratie(msgspec.Struct, frozen=True, kw_only=True):
    vrijstelling_id: UUID
    bsn: str
    grond: Literal["5a", "5b", "5c", "15", "3a", "3b"]
    van: date
    tot: date | None = None


class Ontvangst(msgspec.Struct, frozen=True):
    duo_kenmerk: str
