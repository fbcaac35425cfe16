"""Halt's wire messages: the portal's own (portal.outbox.berichten), modelled one to one on the
Ambtsinstructie (art. 6.8-6.9) and API.md's callback, and Halt's receipt."""

from __future__ import annotations

from typing import Literal

import msgspec

from portal.outbox.berichten import Afdoening, Verwijzing

__all__ = ["Afdoening", "Ontvangst", "Verwijzing"]


class Ontvangst(msgspec.Struct, frozen=True):
    halt_zaaknummer: str
    status: Literal["ontvangen"]
