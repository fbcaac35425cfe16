"""The vrijstellingen API's request and response structs (`/api/v1/vrijstellingen`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec

from portal.domain.vrijstelling import (
    Grond,
)


class NieuweKennisgeving(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    bsn: str
    grond: Grond
    ontvangen_op: date
    toelichting: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    toestemming_deskundige: bool = False
    defensiepersoneelnummer: Annotated[str, msgspec.Meta(max_length=30)] | None = None


class Gegevens(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    toestemming_deskundige: bool | None = None
    verklaring_deskundige_op: date | None = None
    eerder_ingeschreven_onderzocht: bool | None = None
    gesprek_gevoerd_op: date | None = None
    afspraken: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    betrokkenen_geinformeerd_op: date | None = None
    verzoek_ondertekend: bool | None = None


class Besluit(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    geldig: bool
    van: date | None = None
    tot: date | None = None
    hernieuwen_voor: date | None = None
    motivering: Annotated[str, msgspec.Meta(min_length=1, max_length=5000)]


class Kennisgeving(msgspec.Struct, frozen=True):
    id: UUID
    jongere_id: UUID
    grond: Grond
    status: str
    ontvangen_op: date
    bericht_uiterlijk: date | None
    """When the parents must hear whether the kennisgeving is valid (12.4, 12.6)."""
    toestemming_deskundige: bool
    verklaring_deskundige_op: date | None
    eerder_ingeschreven_onderzocht: bool
    van: date | None
    tot: date | None
    hernieuwen_voor: date | None
    inschrijven_uiterlijk: date | None
    besloten_op: datetime | None
    gesprek_gevoerd_op: date | None
    informeren_uiterlijk: date | None
    """Art. 10.3: those involved hear the agreements within 5 werkdagen of the gesprek."""
    betrokkenen_geinformeerd_op: date | None
    verzoek_ondertekend: bool
    berichten: list[str] = msgspec.field(default_factory=list)
    brieven: list[str] = msgspec.field(default_factory=list)
    naam: str | None = None
    toelichting: str | None = None
    """The parents' grounds as the kennisgeving gave them."""
    afspraken: str | None = None
    motivering: str | None = None
    defensiepersoneelnummer: str | None = None
    """For art. 15 (a parent with Defensie abroad), the copy to Defensie."""
    geregistreerd_door: str | None = None
    ontslag_op: date | None = None
    kenmerk: str | None = None
    """"Ons kenmerk" of the kennisgeving (VR-2026-00004), on its letters."""


class Ontslag(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    datum: date
