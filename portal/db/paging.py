"""Keyset paging in the contract's one shape: `{"items": [...], "next_cursor": … | null}` with
`?limit=` (default 50, at most 500) and an opaque `cursor` (API.md, conventions).

A cursor holds the sort key of the last item shown: ids, dates, times, never a BSN or a name.
A cursor that was changed, cut or made for another list is a 422 on `cursor`; it never reaches SQL
as anything but the typed values it decoded to.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID

import msgspec

from portal.audit.log import record_many
from portal.db.pool import Tx
from portal.problems import FieldError, unprocessable

T = TypeVar("T")
STANDAARD = 50
MAXIMUM = 500
Limit = Annotated[int, msgspec.Meta(ge=1, le=MAXIMUM)]
"""A list's `?limit=`: 1 to 500 (a value outside is a 422 on `limit`)."""

Sleutel = str | int | date | datetime | UUID


class Pagina(msgspec.Struct, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def maak_cursor(lijst: str, *sleutel: Sleutel) -> str:
    """The cursor after an item with this sort key, for the list named `lijst`."""
    waarden = [v.isoformat() if isinstance(v, date | datetime) else str(v) for v in sleutel]
    return base64.urlsafe_b64encode(msgspec.json.encode([lijst, *waarden])).decode().rstrip("=")


def lees_cursor(cursor: str | None, lijst: str, *soorten: type[Sleutel]) -> tuple[Any, ...]:
    """The sort key a cursor of `lijst` holds, each value of its type; a 422 otherwise. Without a
    cursor (the first page) as many Nones, so a query takes `*na` either way."""
    if cursor is None:
        return (None,) * len(soorten)
    try:
        ruw = base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4))
        naam, *waarden = msgspec.json.decode(ruw, type=list[str])
        if naam != lijst or len(waarden) != len(soorten):
            raise ValueError(lijst)
        return tuple(_waarde(w, s) for w, s in zip(waarden, soorten, strict=True))
    except (ValueError, UnicodeError, binascii.Error, msgspec.DecodeError):
        raise unprocessable([FieldError("cursor", "onbekende of gewijzigde cursor")]) from None


def _waarde(tekst: str, soort: type[Sleutel]) -> Sleutel:
    if soort is datetime:
        moment = datetime.fromisoformat(tekst)
        if moment.tzinfo is None:
            raise ValueError(tekst)
        return moment
    if soort is date:
        return date.fromisoformat(tekst)
    if soort is UUID:
        return UUID(tekst)
    if soort is int:
        return int(tekst)
    if "\x00" in tekst:
        raise ValueError(tekst)
    return tekst


def pagina(
    rows: Sequence[Any],
    limit: int,
    lijst: str,
    sleutel: Callable[[Any], tuple[Sleutel, ...]],
    item: Callable[[Any], T],
) -> Pagina[T]:
    """The page of rows fetched with `LIMIT limit + 1`, and the cursor after it if there is more."""
    shown = rows[:limit]
    volgende = maak_cursor(lijst, *sleutel(shown[-1])) if len(rows) > limit and shown else None
    return Pagina([item(r) for r in shown], volgende)


def _id(row: Any) -> str:
    return str(row["id"])


def _jongere(row: Any) -> UUID | None:
    return row["jongere_id"]  # type: ignore[no-any-return]


async def gelezen_pagina(
    tx: Tx,
    soort: str,
    rows: Sequence[Any],
    limit: int,
    lijst: str,
    sleutel: Callable[[Any], tuple[Sleutel, ...]],
    item: Callable[[Any], T],
    *,
    ref: Callable[[Any], str] = _id,
    jongere: Callable[[Any], UUID | None] = _jongere,
) -> Pagina[T]:
    """`pagina`, with the read of every row shown written to the audit log in the same
    transaction (one entry per row: which `soort`, which record, whose data)."""
    shown = rows[:limit]
    if shown:
        await record_many(tx, "read", soort, [ref(r) for r in shown], [jongere(r) for r in shown])
    return pagina(rows, limit, lijst, sleutel, item)


def pagina_in_geheugen(
    items: Sequence[T],
    limit: int,
    cursor: str | None,
    lijst: str,
    sleutel: Callable[[T], tuple[Sleutel, ...]],
    soorten: tuple[type[Sleutel], ...],
) -> Pagina[T]:
    """A page of a list its service builds and sorts itself (ascending by `sleutel`, which ends in
    an id so that it is unique): the items after the cursor's key, and the cursor after them."""
    geordend = sorted(items, key=sleutel)
    if cursor:
        na = lees_cursor(cursor, lijst, *soorten)
        geordend = [i for i in geordend if sleutel(i) > na]
    shown = geordend[:limit]
    volgende = maak_cursor(lijst, *sleutel(shown[-1])) if len(geordend) > limit else None
    return Pagina(shown, volgende)
