"""The Arbeidsinspectie's wire messages, modelled on art. 18 (with 10.5 and 12.13) of the
Ambtsinstructie: the public interface is not published, so the wire is the portal's own message,
field for field."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import ArbeidsinspectieMelding, ArbeidsinspectieSignaal

__all__ = ["ArbeidsinspectieMelding", "ArbeidsinspectieSignaal", "Ontvangst"]


class Ontvangst(msgspec.Struct, frozen=True):
    ai_kenmerk: str
