"""The Raad's wire messages, modelled on art. 15 of the Ambtsinstructie (a consultation of the
Adviesteam before a proces-verbaal): the interface is not public, so the wire is the portal's own
message, field for field."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import RaadConsultatie

__all__ = ["Ontvangst", "RaadConsultatie"]


class Ontvangst(msgspec.Struct, frozen=True):
    raad_kenmerk: str
