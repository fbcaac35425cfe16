"""Page login through OIDC (authorization code + PKCE) against a respx stand-in provider."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qs, urlsplit

import httpx
import respx

from portal.app import create_app
from portal.auth.principal import Role
from portal.db.pool import Database
from portal.settings import Settings
from tests.auth.helpers import FakeIdp, with_oidc
from tests.conftest import AMSTERDAM, UserFactory, serve_in_loop

HTML = {"Accept": "text/html"}


@asynccontextmanager
async def oidc_portal(
    settings: Settings, db: Database, email: str | None
) -> AsyncIterator[tuple[httpx.AsyncClient, FakeIdp]]:
    """The portal with OIDC on, a stand-in provider that vouches for `email`, and a client."""
    app = create_app(with_oidc(settings), database=db)
    with respx.mock(assert_all_called=False) as mock:
        idp = FakeIdp(mock)
        if email:
            idp.claims = {"email": email, "email_verified": True}
        async with serve_in_loop(app) as client:
            yield client, idp


async def _login(
    client: httpx.AsyncClient, idp: FakeIdp, next_path: str = "/"
) -> tuple[httpx.Response, dict[str, str]]:
    start = await client.get("/auth/oidc/start", params={"next": next_path})
    assert start.status_code in (302, 303), start.text
    code = uuid.uuid4().hex
    query = idp.authorize(start.headers["location"], code)
    callback = await client.get(
        "/auth/oidc/callback", params={"code": code, "state": query["state"]}
    )
    return callback, query


async def test_login_with_pkce_maps_the_subject_to_the_user_and_starts_a_session(
    settings: Settings, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    app = create_app(with_oidc(settings), database=db)
    with respx.mock(assert_all_mocked=True) as mock:
        idp = FakeIdp(mock)
        idp.claims = {"email": principal.email.upper(), "email_verified": True}
        async with serve_in_loop(app) as client:
            callback, query = await _login(client, idp, "/")
            assert callback.status_code == 303, callback.text
            assert callback.headers["location"] == "/"
            cookie = callback.headers["set-cookie"]
            assert "rmc_session=" in cookie
            assert "HttpOnly" in cookie
            assert "SameSite=lax" in cookie.replace("Lax", "lax")
            # The verifier the portal sent hashes to the challenge in the authorization URL.
            assert idp.token_calls[0]["code_verifier"][0]
            assert query["redirect_uri"].endswith("/auth/oidc/callback")
            home = await client.get("/", headers=HTML)
            assert home.status_code == 200
            assert "Teammanager" in home.text
            me = await client.get("/api/v1/me")
            assert me.json()["id"] == str(principal.user_id)
            # Second login: matched by the linked subject, not by e-mail any more.
            idp.claims = {}
            client.cookies.clear()
            again, _ = await _login(client, idp)
            assert again.status_code == 303
            assert (await client.get("/api/v1/me")).json()["id"] == str(principal.user_id)


async def test_state_is_single_use_and_unknown_state_is_refused(
    settings: Settings, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    async with oidc_portal(settings, db, principal.email) as (client, idp):
        start = await client.get("/auth/oidc/start")
        query = idp.authorize(start.headers["location"], "c1")
        first = await client.get(
            "/auth/oidc/callback", params={"code": "c1", "state": query["state"]}
        )
        assert first.headers["location"] == "/"
        client.cookies.clear()
        replay = await client.get(
            "/auth/oidc/callback", params={"code": "c1", "state": query["state"]}
        )
        assert replay.headers["location"].startswith("/auth/login?fout=")
        assert (
            "set-cookie" not in replay.headers or "rmc_session=" not in replay.headers["set-cookie"]
        )
        forged = await client.get(
            "/auth/oidc/callback", params={"code": "c1", "state": "verzonnen"}
        )
        assert forged.headers["location"].startswith("/auth/login?fout=")


async def test_wrong_nonce_unverified_email_unknown_user_and_provider_error_are_refused(
    settings: Settings, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    async with oidc_portal(settings, db, None) as (client, idp):
        idp.claims = {"email": principal.email, "email_verified": True}
        idp.nonce_override = "niet-de-nonce"
        bad_nonce, _ = await _login(client, idp)
        assert bad_nonce.headers["location"].startswith("/auth/login?fout=")
        idp.nonce_override = None
        idp.claims = {"email": principal.email, "email_verified": False}
        unverified, _ = await _login(client, idp)
        assert unverified.headers["location"].startswith("/auth/login?fout=")
        idp.claims = {"email": "onbekend@elders.example", "email_verified": True}
        unknown, _ = await _login(client, idp)
        assert "geen account" in parse_qs(urlsplit(unknown.headers["location"]).query)["fout"][0]
        error = await client.get("/auth/oidc/callback", params={"error": "access_denied"})
        assert error.headers["location"].startswith("/auth/login?fout=")
        assert "rmc_session" not in client.cookies


async def test_pkce_verifier_mismatch_fails_at_the_provider(
    settings: Settings, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    async with oidc_portal(settings, db, principal.email) as (client, idp):
        start = await client.get("/auth/oidc/start")
        query = idp.authorize(start.headers["location"], "c2")
        idp.challenges["c2"] = "een-andere-challenge"
        response = await client.get(
            "/auth/oidc/callback", params={"code": "c2", "state": query["state"]}
        )
        assert response.headers["location"].startswith("/auth/login?fout=")


async def test_return_path_cannot_leave_the_portal(
    settings: Settings, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    async with oidc_portal(settings, db, principal.email) as (client, idp):
        for target in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
            client.cookies.clear()
            response, _ = await _login(client, idp, target)
            assert response.headers["location"] == "/"


async def test_provider_down_gives_a_message_not_a_500(settings: Settings, db: Database) -> None:
    app = create_app(with_oidc(settings), database=db)
    with respx.mock(assert_all_called=False) as mock:
        mock.get(url__startswith="https://idp.gemeente.example").respond(503)
        async with serve_in_loop(app) as client:
            response = await client.get("/auth/oidc/start")
            assert response.status_code == 302
            assert response.headers["location"].startswith("/auth/login?fout=")
