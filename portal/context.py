"""What a handler needs from the running application, resolved once per request by Litestar's DI."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter

from portal.auth.guards import current_principal
from portal.db.paging import MAXIMUM, STANDAARD
from portal.db.pool import Database
from portal.db.request_context import RequestContext

T = TypeVar("T")


def provide_db(state: State) -> Database:
    db: Database = state.db
    return db


def provide_request_id(request: Request[Any, Any, Any]) -> str:
    return str(request.state.get("request_id", ""))


# A list's paging parameters (API.md conventions): `?limit=` 1-500, default 50, and the opaque
# `?cursor=` of the page before.
Limit = Annotated[int, QueryParameter(ge=1, le=MAXIMUM)]
Cursor = Annotated[str | None, QueryParameter()]


class PageRequest(msgspec.Struct, frozen=True):
    """A list's `?limit=` and `?cursor=`, validated once here for every list of the API."""

    limit: int
    cursor: str | None


def provide_context(state: State, request: Request[Any, Any, Any]) -> RequestContext:
    return RequestContext(
        provide_db(state), current_principal(request), provide_request_id(request)
    )


def provide_paging(limit: Limit = STANDAARD, cursor: Cursor = None) -> PageRequest:
    return PageRequest(limit, cursor)


# Handler parameter types: explicit named dependencies (Litestar 3 drops inferred ones).
DB = NamedDependency[Database]
RequestId = NamedDependency[str]
Ctx = NamedDependency[RequestContext]
Paging = NamedDependency[PageRequest]


def gevonden(found: T | None) -> T:
    """What a service found, or the 404 for what does not exist or lies outside one's scope (the
    two are never told apart)."""
    if found is None:
        raise NotFoundException()
    return found
