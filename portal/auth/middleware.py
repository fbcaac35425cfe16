"""Turns a request's credentials into a Principal before any handler or guard runs.

Bearer JWT for the API (no CSRF: browsers never attach it by themselves); the session cookie for
pages and for API calls a page makes, with a synchronizer CSRF token on every unsafe method.
A bad bearer token is a 401 at once; no credentials leaves `user` None for the guards to judge.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from litestar import Request
from litestar.datastructures import Headers
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from portal.auth.principal import Principal, principal_from_row
from portal.auth.sessions import COOKIE_NAME, csrf_matches, load_session
from portal.auth.tokens import InvalidToken
from portal.problems import http_exception_handler

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "_csrf"
SKIP_SESSION_CSRF = "skip_session_csrf"


@dataclass(frozen=True)
class AuthInfo:
    method: str  # "bearer" | "session"
    csrf_token: str | None = None
    session_hash: bytes | None = None


class AuthenticationMiddleware(ASGIMiddleware):
    scopes = ("http",)  # type: ignore[assignment]
    should_bypass_for_scope = staticmethod(
        lambda scope: (
            scope["path"] in ("/health", "/ready")
            or scope["path"].startswith(("/static/", "/schema"))
        )
    )

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        try:
            await self._authenticate(scope, receive)
        except (NotAuthorizedException, PermissionDeniedException) as exc:
            # Answer here, inside the request-context middleware, so the problem response carries
            # the request id and security headers like every other response.
            request: Request[Any, Any, Any] = Request(scope, receive)
            response = http_exception_handler(request, exc)
            await response.to_asgi_response(None, request)(scope, receive, send)
            return
        await next_app(scope, receive, send)

    async def _authenticate(self, scope: Scope, receive: Receive) -> None:
        state = scope["litestar_app"].state
        headers = Headers.from_scope(scope)
        principal: Principal | None = None
        auth: AuthInfo | None = None
        authorization = headers.get("authorization")
        if authorization:
            principal = await self._from_bearer(state, authorization)
            auth = AuthInfo("bearer")
        else:
            request: Request[Any, Any, Any] = Request(scope, receive)
            cookie = request.cookies.get(COOKIE_NAME)
            if cookie:
                async with state.db.system_conn() as conn:
                    session = await load_session(
                        conn,
                        cookie,
                        idle_seconds=state.settings.session_idle_seconds,
                        absolute_seconds=state.settings.session_absolute_seconds,
                    )
                if session:
                    principal = session.principal
                    auth = AuthInfo("session", session.csrf_token, session.id_hash)
                    if scope.get("method", "GET") in UNSAFE_METHODS and not _skips_csrf(scope):
                        await _check_csrf(request, session.csrf_token)
        scope["user"] = principal
        scope["auth"] = auth
        if principal:
            structlog.contextvars.bind_contextvars(
                tenant=principal.tenant_id, user_id=str(principal.user_id)
            )

    @staticmethod
    async def _from_bearer(state: Any, authorization: str) -> Principal:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthorizedException("Alleen een Bearer-token wordt aanvaard.")
        try:
            identity = await state.tokens.verify(token.strip())
        except InvalidToken as exc:
            raise NotAuthorizedException(str(exc)) from None
        async with state.db.system_conn() as conn:
            if identity.own:
                try:
                    user_id = uuid.UUID(identity.subject)
                except ValueError:
                    raise NotAuthorizedException("token subject is not a user") from None
                row = await conn.fetchrow("SELECT * FROM auth_user_by_id($1)", user_id)
            else:
                row = await conn.fetchrow(
                    "SELECT * FROM auth_user_by_subject($1, $2)", identity.issuer, identity.subject
                )
        if row is None:
            raise NotAuthorizedException("token does not belong to an active portal user")
        return principal_from_row(row)


def _skips_csrf(scope: Scope) -> bool:
    handler = scope.get("route_handler")
    return bool(handler and handler.opt.get(SKIP_SESSION_CSRF))


async def _check_csrf(request: Request[Any, Any, Any], expected: str) -> None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.content_type[0] in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        form = await request.form()  # cached on the connection: the handler reads it again
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not csrf_matches(expected, given):
        raise PermissionDeniedException("CSRF-token ontbreekt of klopt niet.")
