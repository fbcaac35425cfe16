"""The Inlichtingenbureau's VSV exchange: the portal's own messages (portal.outbox.berichten),
modelled one to one on art. 9a and API.md's income classes, and its receipt."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import Inkomen, Verrijking, Verrijkt, VsvLijst, VsvRegel

__all__ = ["Inkomen", "Ontvangst", "Verrijking", "Verrijkt", "VsvLijst", "VsvRegel"]


class Ontvangst(msgspec.Struct, frozen=True):
    ib_kenmerk: str
    aantal: int
