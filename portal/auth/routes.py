"""Login and logout for pages: OIDC against the configured provider, and in demo mode a list of
the demo users to log in as. Also publishes the portal's public signing key."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie, State
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from portal.audit.log import record
from portal.auth.middleware import SKIP_SESSION_CSRF, AuthInfo
from portal.auth.oidc import OidcError, new_login_csrf, safe_return_to
from portal.auth.principal import ROLE_LABELS, Principal, Role, principal_from_row
from portal.auth.sessions import (
    COOKIE_NAME,
    LOGIN_CSRF_COOKIE,
    create_session,
    csrf_matches,
    end_session,
)
from portal.context import DB, RequestId
from portal.db.request_context import RequestContext


def _session_cookie(state: State, value: str, *, expire: bool = False) -> Cookie:
    return Cookie(
        key=COOKIE_NAME,
        value=value,
        httponly=True,
        secure=state.settings.cookie_secure,
        samesite="lax",
        path="/",
        max_age=0 if expire else None,
    )


async def _start_session(
    ctx: RequestContext, state: State, return_to: str, how: str
) -> Response[Any]:
    async with ctx.tx(purpose="inloggen") as tx:
        token, _ = await create_session(tx.conn, ctx.principal.user_id)
        await record(tx, "login", "sessie", detail={"methode": how})
    response: Response[Any] = Redirect(safe_return_to(return_to), status_code=303)
    response.set_cookie(_session_cookie(state, token))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/auth")
    return response


class AuthController(Controller):
    path = "/auth"
    include_in_schema = False

    @get("/login")
    async def login_page(
        self, request: Request[Any, Any, Any], db: DB, state: State, next: FromQuery[str] = "/"
    ) -> Template:
        demo_users: list[dict[str, Any]] = []
        if state.settings.demo:
            async with db.system_conn() as conn:
                rows = await conn.fetch("SELECT * FROM demo_users()")
            demo_users = [
                {
                    "id": r["id"],
                    "naam": r["naam"],
                    "email": r["email"],
                    "gemeente": r["gemeente"],
                    "rollen": ", ".join(ROLE_LABELS[Role(x)] for x in r["roles"]),
                    "boa": r["boa"],
                }
                for r in rows
            ]
        csrf = request.cookies.get(LOGIN_CSRF_COOKIE) or new_login_csrf()
        response = Template(
            "login.html",
            context={
                "demo_users": demo_users,
                "oidc": state.oidc is not None,
                "next": safe_return_to(next),
                "login_csrf": csrf,
                "error": request.query_params.get("fout"),
                "logged_out": request.query_params.get("uitgelogd") == "1",
            },
        )
        response.cookies.append(
            Cookie(
                key=LOGIN_CSRF_COOKIE,
                value=csrf,
                httponly=True,
                secure=state.settings.cookie_secure,
                samesite="strict",
                path="/auth",
            )
        )
        return response

    @post("/demo", opt={SKIP_SESSION_CSRF: True}, status_code=303)
    async def demo_login(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        state: State,
        request_id: RequestId,
        data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Response[Any]:
        if not state.settings.demo:
            raise NotFoundException()
        if not csrf_matches(request.cookies.get(LOGIN_CSRF_COOKIE, ""), data.get("_csrf")):
            raise PermissionDeniedException("De inlogpagina is verlopen; laad haar opnieuw.")
        try:
            user_id = UUID(data.get("user_id", ""))
        except ValueError:
            raise NotFoundException() from None
        async with db.system_conn() as conn:
            row = await conn.fetchrow(
                "SELECT u.* FROM demo_users() d"
                " CROSS JOIN LATERAL auth_user_by_id(d.id) u WHERE d.id = $1",
                user_id,
            )
        if row is None:
            raise NotFoundException()
        return await _start_session(
            RequestContext(db, principal_from_row(row), request_id),
            state,
            data.get("next", "/"),
            "demo",
        )

    @get("/oidc/start")
    async def oidc_start(self, db: DB, state: State, next: FromQuery[str] = "/") -> Redirect:
        if state.oidc is None:
            raise NotFoundException()
        try:
            async with db.system_conn() as conn:
                url = await state.oidc.start(conn, next)
        except OidcError as exc:
            return Redirect(f"/auth/login?fout={exc}")
        return Redirect(url)

    @get("/oidc/callback")
    async def oidc_callback(
        self, request: Request[Any, Any, Any], db: DB, state: State, request_id: RequestId
    ) -> Response[Any]:
        if state.oidc is None:
            raise NotFoundException()
        query = request.query_params
        try:
            async with db.system_conn() as conn:
                principal, return_to = await state.oidc.finish(
                    conn, code=query.get("code"), state=query.get("state"), error=query.get("error")
                )
        except OidcError as exc:
            return Redirect(f"/auth/login?fout={exc}")
        return await _start_session(
            RequestContext(db, principal, request_id), state, return_to, "oidc"
        )

    @post("/logout", status_code=303)
    async def logout(
        self, request: Request[Any, Any, Any], db: DB, state: State, request_id: RequestId
    ) -> Response[Any]:
        auth = request.scope.get("auth")
        principal = request.scope.get("user")
        if isinstance(auth, AuthInfo) and auth.session_hash and isinstance(principal, Principal):
            async with db.tenant_tx(principal, request_id=request_id, purpose="uitloggen") as tx:
                await end_session(tx.conn, auth.session_hash)
                await record(tx, "logout", "sessie")
        response: Response[Any] = Redirect("/auth/login?uitgelogd=1", status_code=303)
        response.set_cookie(_session_cookie(state, "", expire=True))
        return response


@get("/.well-known/jwks.json", include_in_schema=False, sync_to_thread=False)
def jwks(state: State) -> dict[str, object]:
    keys: dict[str, object] = state.tokens.public_jwks()
    return keys
