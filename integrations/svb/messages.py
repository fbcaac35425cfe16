"""SVB's messages, modelled on art. 19 and toelichting 19 of the Ambtsinstructie."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec

from integrations.common import Ouder, Persoon


class Melding(msgspec.Struct, frozen=True, kw_only=True):
    melding_id: UUID
    gemeentecode: str
    jongere: Persoon
    ouders: list[Ouder]
    reden: Literal["ongeoorloofd_verzuim", "niet_ingeschreven"]
    datum_melding: date
    kinderbijslag_stopt_per: date
    """The first day of the quarter after the melding (toelichting 19)."""


class Intrekking(msgspec.Struct, frozen=True, kw_only=True):
    """Ongedaan maken: the conditions were met; kinderbijslag restarts from the quarter of
    the leerplichtambtenaar's confirmation."""

    melding_id: UUID
    svb_referentie: str
    datum_bevestiging: date
    kinderbijslag_herstart_per: date


class Ontvangst(msgspec.Struct, frozen=True):
    svb_referentie: str
