"""RFC 9457 problem details for every error the API gives, with field reasons on 422.

Handlers are registered once in `create_app`; code raises `Problem` (or Litestar's HTTP exceptions)
and never builds an error response by hand.
"""

from __future__ import annotations

import re
from typing import Any

import asyncpg
import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    ValidationException,
)
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from portal.observability.logging import get_logger

PROBLEM_JSON = "application/problem+json"
_TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    409: "Conflict met de huidige toestand",
    422: "Verzoek voldoet niet aan de regels",
    500: "Interne fout",
    503: "Tijdelijk niet beschikbaar",
}
log = get_logger(__name__)


class FieldError(msgspec.Struct, frozen=True):
    field: str
    message: str


class ProblemBody(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    """Raise to answer with a problem; `errors` carries field-level reasons for a 422."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        title: str | None = None,
        type_: str | None = None,
        errors: list[FieldError] | None = None,
    ) -> None:
        super().__init__(detail or title or str(status))
        self.status = status
        self.detail = detail
        self.title = title or _TITLES.get(status, "Fout")
        self.type = type_ or "about:blank"
        self.errors = errors


def unprocessable(errors: list[FieldError], detail: str | None = None) -> Problem:
    return Problem(422, detail or "Een of meer velden zijn ongeldig.", errors=errors)


class Conflict(Problem):
    """A step that does not fit the current state (409); `detail` names the rule and its article.
    Use cases raise it without knowing the web framework; pages show it as the rule refused."""

    def __init__(self, detail: str) -> None:
        super().__init__(409, detail)


def conflict(detail: str) -> Conflict:
    return Conflict(detail)


def _response(body: ProblemBody, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(
        content=msgspec.json.encode(body),
        status_code=body.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _wants_html(request: Request[Any, Any, Any]) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def problem_handler(request: Request[Any, Any, Any], exc: Problem) -> Response[Any]:
    return _response(
        ProblemBody(
            type=exc.type,
            title=exc.title,
            status=exc.status,
            detail=exc.detail,
            instance=request.url.path,
            errors=exc.errors,
        )
    )


_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")


def validation_handler(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    errors: list[FieldError] = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            message = str(item.get("message", "ongeldig"))
            key = str(item.get("key") or item.get("source") or "body")
            if key in ("data", "body") and (named := _NAMED_FIELD.search(message)):
                key = named.group(1)  # msgspec names the field only in its message
            errors.append(FieldError(field=key, message=message))
    malformed = not errors or any(e.field == "body" for e in errors)
    status = 400 if malformed and "decode" in (exc.detail or "").lower() else 422
    return _response(
        ProblemBody(
            type="about:blank",
            title=_TITLES[status],
            status=status,
            detail="De invoer is ongeldig."
            if status == 422
            else "De invoer kon niet worden gelezen.",
            instance=request.url.path,
            errors=errors or None,
        )
    )


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if isinstance(exc, NotAuthorizedException) and request.headers.get("hx-request") == "true":
        # htmx would follow a redirect inside the request and swap the login page into a table
        # row; this header makes it load the login page instead (the session expired).
        return Response(
            "", status_code=401, headers={"HX-Redirect": f"/auth/login?next={request.url.path}"}
        )
    if isinstance(exc, NotAuthorizedException) and _wants_html(request):
        return Redirect(f"/auth/login?next={request.url.path}")
    status = exc.status_code
    headers = {"WWW-Authenticate": 'Bearer realm="rmc-portal"'} if status == 401 else None
    detail = exc.detail if exc.detail and exc.detail != _default_detail(status) else None
    return _response(
        ProblemBody(
            type="about:blank",
            title=_TITLES.get(status, "Fout"),
            status=status,
            detail=detail,
            instance=request.url.path,
        ),
        headers,
    )


def _default_detail(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase


RETRY_AFTER_S = 5
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset: the server is down or restarting
    asyncpg.exceptions.PostgresConnectionError,  # class 08: the connection is gone
    asyncpg.exceptions.OperatorInterventionError,  # 57P: shutting down, starting up
    asyncpg.exceptions.TooManyConnectionsError,
)


def database_unavailable(exc: BaseException) -> bool:
    """The database cannot be reached just now: the request may be tried again in a moment."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, _UNAVAILABLE):
            return True
        if isinstance(seen, asyncpg.InterfaceError) and "connection" in str(seen).lower():
            return True  # "connection is closed", "cannot perform operation: another ..."
        seen = seen.__cause__ or seen.__context__
    return False


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if database_unavailable(exc):
        log.warning("database_unavailable", path=request.url.path, error_type=type(exc).__name__)
        if _wants_html(request):
            return Response(
                '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Even niet'
                " beschikbaar</title></head><body><h1>Even niet beschikbaar</h1><p>Het portaal"
                " kan de gegevens nu niet bereiken. Probeer het over een paar seconden opnieuw."
                "</p></body></html>",
                status_code=503,
                media_type=MediaType.HTML,
                headers={"Retry-After": str(RETRY_AFTER_S)},
            )
        return _response(
            ProblemBody(
                type="about:blank",
                title=_TITLES[503],
                status=503,
                detail="De database is even niet bereikbaar; probeer het zo opnieuw.",
                instance=request.url.path,
            ),
            {"Retry-After": str(RETRY_AFTER_S)},
        )
    log.error("unhandled_error", path=request.url.path, error_type=type(exc).__name__, exc_info=exc)
    return _response(
        ProblemBody(
            type="about:blank",
            title=_TITLES[500],
            status=HTTP_500_INTERNAL_SERVER_ERROR,
            detail="Er ging iets mis; de fout is vastgelegd.",
            instance=request.url.path,
        )
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    Problem: problem_handler,
    ValidationException: validation_handler,
    HTTPException: http_exception_handler,
    Exception: internal_error_handler,
}

__all__ = [
    "PROBLEM_JSON",
    "Conflict",
    "FieldError",
    "MediaType",
    "Problem",
    "conflict",
    "unprocessable",
]
