"""SVB's wire messages: the portal's own (portal.outbox.berichten), modelled one to one on art.
19 and toelichting 19, and the SVB's receipt."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import SvbIntrekking as Intrekking
from portal.outbox.berichten import SvbMelding as Melding

__all__ = ["Intrekking", "Melding", "Ontvangst"]


class Ontvangst(msgspec.Struct, frozen=True):
    svb_referentie: str
