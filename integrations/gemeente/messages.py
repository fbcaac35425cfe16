"""The wire of a handover to another gemeente, modelled on art. 3.9 of the Ambtsinstructie. There
is no national interface between leerplicht departments: a gemeente is reached per
configuration, through a relay (secure mail, a regional exchange) that routes on the CBS code in
the path. The wire is the portal's own message, field for field (the PDF base64 in `document`)."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import WoongemeenteOverdracht

__all__ = ["Ontvangst", "WoongemeenteOverdracht"]


class Ontvangst(msgspec.Struct, frozen=True):
    kenmerk: str
