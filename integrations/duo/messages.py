"""DUO's wire messages and codes. The portal keeps its own names inside (portal.outbox.berichten);
only this module knows DUO's.

Modelled on what DUO publishes about the verzuimregister and the M2M verzuimkoppeling for
gemeenten (the interface specification itself is for DUO's partners, not public). Assumptions:
- Verzuimsoorten are DUO's codes: `V1`-`V4` the variants of wettelijk relatief verzuim (16 uur in
  4 weken; the portal does not tell them apart, so each comes in as 16 uur and goes out as `V1`),
  `LRV` langdurig relatief verzuim, `L` luxeverzuim, `O` overig verzuim, `RMC` voortijdig
  schoolverlaten (18+).
- The five statuses are DUO's since August 2020 (geregistreerd, in behandeling, afgesloten,
  ingetrokken, ter kennisgeving aangenomen) and travel as the portal names them.
- A melding is registered with `POST /verzuimmeldingen`, whose receipt carries DUO's
  `duo_melding_id`; its status is changed with `POST /verzuimmeldingen/{duo_melding_id}/status`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

import msgspec

from portal.outbox.berichten import (
    MeldingRegistratie,
    MeldingStatus,
    MeldingStatusWijziging,
    Verzuimsoort,
    VrijstellingRegistratie,
)

__all__ = [
    "DuoVerzuimmelding",
    "MeldingRegistratie",
    "MeldingStatus",
    "MeldingStatusWijziging",
    "Ontvangst",
    "Registratieontvangst",
    "VrijstellingRegistratie",
    "naar_duo",
    "van_duo",
]

DuoVerzuimsoort = Literal["V1", "V2", "V3", "V4", "LRV", "L", "O", "RMC"]
NAAR_DUO: dict[Verzuimsoort, DuoVerzuimsoort] = {
    "16_uur_in_4_weken": "V1",
    "langdurig_relatief": "LRV",
    "luxe": "L",
    "overig": "O",
    "rmc": "RMC",
}
VAN_DUO: dict[DuoVerzuimsoort, Verzuimsoort] = {
    "V1": "16_uur_in_4_weken",
    "V2": "16_uur_in_4_weken",
    "V3": "16_uur_in_4_weken",
    "V4": "16_uur_in_4_weken",
    "LRV": "langdurig_relatief",
    "L": "luxe",
    "O": "overig",
    "RMC": "rmc",
}


class DuoVerzuimmelding(msgspec.Struct, frozen=True, kw_only=True):
    """A melding as DUO's verzuimregister takes it from a gemeente's package."""

    kenmerk_melder: str
    gemeentecode: str
    bsn: str
    brin: str
    vestiging: str
    verzuimsoort: DuoVerzuimsoort
    begindatum_verzuim: date
    einddatum_verzuim: date
    aantal_uren: int | None = None
    aantal_dagen: int | None = None
    ondernomen_acties: str
    contactpersoon: str
    telefoon: str
    email: str


class Ontvangst(msgspec.Struct, frozen=True):
    duo_kenmerk: str


class Registratieontvangst(msgspec.Struct, frozen=True):
    duo_melding_id: str


def naar_duo(m: MeldingRegistratie) -> DuoVerzuimmelding:
    return DuoVerzuimmelding(
        kenmerk_melder=str(m.melding_id),
        gemeentecode=m.gemeentecode,
        bsn=m.bsn,
        brin=m.brin,
        vestiging=m.vestiging,
        verzuimsoort=NAAR_DUO[m.soort],
        begindatum_verzuim=m.periode_van,
        einddatum_verzuim=m.periode_tot,
        aantal_uren=m.verzuimde_uren,
        aantal_dagen=m.verzuimde_dagen,
        ondernomen_acties=m.ondernomen_actie,
        contactpersoon=m.melder_naam,
        telefoon=m.melder_telefoon,
        email=m.melder_email,
    )


def van_duo(code: DuoVerzuimsoort) -> Verzuimsoort:
    return VAN_DUO[code]


def melder_id(kenmerk: str) -> UUID | None:
    """The portal's melding id from DUO's `kenmerk_melder`, when it is one of ours."""
    try:
        return UUID(kenmerk)
    except ValueError:
        return None
