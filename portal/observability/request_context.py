"""Gives every request an id (the caller's X-Request-ID when sane); every response the security
headers.

The id is bound to the logs and echoed in the response; one access line per request, without the
query string (it may carry a BSN).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = structlog.get_logger("portal.access")
_SECURITY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cache-control", "no-store"),
)
_CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"


def security_headers(hsts: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    """A `before_send` hook: Litestar runs it for every response the app sends, also those the
    router gives before any middleware (404, 405) and the OpenAPI document, so none goes out
    without the security headers. `hsts` when the cookies are Secure (the portal is behind TLS)."""

    async def hook(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        if scope.get("path", "").startswith("/static/"):
            # No personal data: the browser may keep the CSS and htmx, asking again (ETag)
            # before using them, so a new release is seen at once.
            headers.setdefault("cache-control", "no-cache")
        for name, value in _SECURITY_HEADERS:
            headers.setdefault(name, value)
        headers.setdefault("content-security-policy", _CSP)
        if hsts:
            headers.setdefault("strict-transport-security", "max-age=31536000; includeSubDomains")

    return hook


class RequestContextMiddleware(ASGIMiddleware):
    scopes = ("http",)  # type: ignore[assignment]

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        given = Headers.from_scope(scope).get("x-request-id", "")
        request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableScopeHeaders.from_message(message)
                headers["x-request-id"] = request_id
            await send(message)

        try:
            await next_app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "request",
                method=scope.get("method", "GET"),
                path=scope["path"],
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
