"""The OM's wire messages, modelled on art. 6.10 of the Ambtsinstructie: a BOA's proces-verbaal
reaches the parket through the OM's own channel for partners, whose interface is not public, so
the wire is the portal's own message, field for field (the PDF base64 in `document`)."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import ProcesVerbaal

__all__ = ["Ontvangst", "ProcesVerbaal"]


class Ontvangst(msgspec.Struct, frozen=True):
    om_kenmerk: str
