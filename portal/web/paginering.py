"""Pages of a list in a browser: the cursor travels in a link, and a link may be old (the list
changed, or it was typed by hand). An old cursor gives the first page, not an error page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from portal.problems import Problem

T = TypeVar("T")


async def pagina_of_begin(
    haal: Callable[[str | None], Awaitable[T]], cursor: str | None
) -> tuple[T, str | None]:
    """(the page after `cursor`, the cursor used): the first page and None when the list refuses
    the cursor."""
    try:
        return await haal(cursor), cursor
    except Problem:
        return await haal(None), None
