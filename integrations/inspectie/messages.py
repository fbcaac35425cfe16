"""The Inspectie's contact form as messages, modelled on art. 20 (and 3.5-3.6, 6.14, 9.2)."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec

from portal.outbox.berichten import AdviesVerzoek

__all__ = ["AdviesVerzoek", "Ontvangst", "SchoolSignaal"]


class SchoolSignaal(msgspec.Struct, frozen=True, kw_only=True):
    signaal_id: UUID
    soort: Literal["signaal", "melding"]
    gemeentecode: str
    brin: str
    vestiging: str
    feiten: str
    ondernomen_door_leerplichtambtenaar: str
    school_geinformeerd_op: date


class Ontvangst(msgspec.Struct, frozen=True):
    inspectie_kenmerk: str
