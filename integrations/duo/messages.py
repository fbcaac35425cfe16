"""DUO's wire messages: the portal's own (portal.outbox.berichten), modelled one to one, and
DUO's receipt."""

from __future__ import annotations

import msgspec

from portal.outbox.berichten import MeldingStatus, MeldingStatusWijziging, VrijstellingRegistratie

__all__ = ["MeldingStatus", "MeldingStatusWijziging", "Ontvangst", "VrijstellingRegistratie"]


class Ontvangst(msgspec.Struct, frozen=True):
    duo_kenmerk: str
