"""The Inlichtingenbureau's VSV exchange, modelled on art. 9a and API.md's income classes."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

Inkomen = Literal["geen", "tot_300", "boven_300", "uitkering", "wajong", "onbekend"]


class VsvRegel(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str
    geboortedatum: date
    woongemeente: str


class VsvLijst(msgspec.Struct, frozen=True, kw_only=True):
    lijst_id: str
    maand: str
    regio: str
    regels: list[VsvRegel]


class Verrijking(msgspec.Struct, frozen=True):
    bsn: str
    inkomen: Inkomen


class Ontvangst(msgspec.Struct, frozen=True):
    ib_kenmerk: str
    aantal: int


class Verrijkt(msgspec.Struct, frozen=True, kw_only=True):
    """The answer to a list sent: still being processed, or ready with an income class per BSN."""

    lijst_id: str
    status: Literal["in_behandeling", "gereed"]
    regels: list[Verrijking] = msgspec.field(default_factory=list)
