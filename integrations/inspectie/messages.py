"""The Inspectie's contact form as messages, modelled on art. 20 (and 3.5-3.6, 6.14, 9.2)."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec


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


class AdviesVerzoek(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 13.1: is this onderwijsvoorziening a school in the sense of the Leerplichtwet?"""

    verzoek_id: UUID
    gemeentecode: str
    voorziening: str
    adres: str
    aantal_jongeren: int
    advies_uiterlijk: date
