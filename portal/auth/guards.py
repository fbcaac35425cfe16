"""Route guards: 401 without a principal, 403 for a role that may not use the route at all.

Objects outside one's scope are not the guards' business: those queries return nothing (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from portal.auth.permissions import Permission, allows
from portal.auth.principal import Principal

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def current_principal(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    principal = connection.scope.get("user")
    if not isinstance(principal, Principal):
        raise NotAuthorizedException()
    return principal


def authenticated(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    current_principal(connection)


def requires(*permissions: Permission) -> Guard:
    """403 unless one of the principal's roles grants one of the permissions."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        if not allows(current_principal(connection), *permissions):
            raise PermissionDeniedException("Uw rol mag deze functie niet gebruiken.")

    guard.__name__ = "requires_" + "_or_".join(sorted(permissions))
    return guard
