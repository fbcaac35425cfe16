"""The verlof API's messages, as API.md "Schools" names them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from portal.domain.verlof import Beslisser, Grond


class NieuweAanvraag(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    bsn: str
    brin: str
    grond: Grond
    eerste_dag: date
    laatste_dag: date
    schooldagen: Annotated[int, msgspec.Meta(ge=0, le=366)]
    buitenland: bool = False
    graad: Annotated[int, msgspec.Meta(ge=1, le=4)] | None = None
    toelichting: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class Besluit(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    besluit: Literal["verleend", "geweigerd"]
    schooldagen: Annotated[int, msgspec.Meta(ge=0, le=366)]
    motivering: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class AdviesVraag(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    vraag: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class AdviesAntwoord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    advies: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class Verlofaanvraag(msgspec.Struct, frozen=True):
    id: UUID
    status: str
    beslisser: Beslisser
    waarschuwingen: list[str]
    grond: str
    eerste_dag: date
    laatste_dag: date
    schooldagen: int
    ingediend_op: datetime
    besluit_schooldagen: int | None = None
    motivering: str | None = None
    advies_vraag: str | None = None
    """The director's question to the leerplichtambtenaar (art. 5.9), and the answer."""
    advies: str | None = None
    bsn: str | None = None
    naam: str | None = None
    """The pupil's name, in the school's own list (for a pupil enrolled at that school)."""


class VerlofLijst(msgspec.Struct, frozen=True):
    items: list[Verlofaanvraag]
    next_cursor: str | None
