"""The melding at the edge, exactly as API.md's `POST /meldingen` describes it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec

from portal.domain.melding import Meldingsoort

Kort = Annotated[str, msgspec.Meta(max_length=200)]
Lang = Annotated[str, msgspec.Meta(max_length=4000)]


class Melder(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    naam: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    functie: Kort
    telefoon: Annotated[str, msgspec.Meta(max_length=40)]
    email: Annotated[str, msgspec.Meta(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)]


class ContactOuder(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A parent or verzorger as the school reaches them (the BRP has no phone numbers)."""

    naam: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    telefoon: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    email: (
        Annotated[str, msgspec.Meta(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)] | None
    ) = None


class NieuweMelding(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    bsn: Annotated[str, msgspec.Meta(max_length=12)]
    brin: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2}[A-Z0-9]{2}$")]
    vestiging: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2}$")] = "00"
    soort: Meldingsoort
    periode_van: date
    periode_tot: date
    verzuimde_uren: Annotated[int, msgspec.Meta(ge=0, le=2000)] | None = None
    verzuimde_dagen: Annotated[int, msgspec.Meta(ge=0, le=400)] | None = None
    alle_lessen_gemist: bool = False
    vermoedelijke_reden: Lang | None = None
    ondernomen_actie: Lang
    actie_gemeente_gewenst: bool = True
    toelichting: Lang | None = None
    melder: Melder
    contact_ouders: Annotated[list[ContactOuder], msgspec.Meta(max_length=2)] = msgspec.field(
        default_factory=list
    )
    """Optional: how the school reaches the parents (name and phone, e-mail if known)."""


class Termijn(msgspec.Struct, frozen=True):
    soort: str
    uiterlijk: date


class Melding(msgspec.Struct, frozen=True, omit_defaults=True):
    id: UUID
    soort: str
    status: str
    ontvangen_op: datetime
    termijnen: list[Termijn]
    periode_van: date | None = None
    periode_tot: date | None = None
    reden_afgesloten: str | None = None
    bsn: str | None = None
    """The pupil, for the school that reported it (always one of its own pupils)."""
    naam: str | None = None


class MeldingLijst(msgspec.Struct, frozen=True):
    items: list[Melding]
    next_cursor: str | None
