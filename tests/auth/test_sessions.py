"""Page sessions: CSRF on every unsafe method, idle and absolute timeouts, logout, demo login."""

from __future__ import annotations

import re

import asyncpg
import httpx
import msgspec
import pytest

from portal.app import create_app
from portal.auth.principal import Principal, Role
from portal.auth.sessions import COOKIE_NAME, create_session
from portal.db.pool import Database
from portal.demo import seed_demo_users
from portal.settings import Settings
from tests.conftest import AMSTERDAM, UserFactory, serve_in_loop

HTML = {"Accept": "text/html"}


async def _session_for(db: Database, principal: Principal) -> tuple[str, str]:
    async with db.tenant_tx(principal) as tx:
        return await create_session(tx.conn, principal.user_id)


async def test_page_without_session_redirects_to_login_and_api_says_401(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/", headers=HTML)
    assert page.status_code == 302
    assert page.headers["location"] == "/auth/login?next=/"
    api = await client.get("/api/v1/me", headers=HTML)
    assert api.status_code == 401


async def test_unsafe_method_with_session_needs_the_csrf_token(
    client: httpx.AsyncClient, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    cookie, csrf = await _session_for(db, principal)
    client.cookies.set(COOKIE_NAME, cookie)
    assert (await client.get("/api/v1/me")).status_code == 200  # safe methods need no token
    missing = await client.post("/auth/logout")
    assert missing.status_code == 403
    wrong = await client.post("/auth/logout", data={"_csrf": "verkeerd"})
    assert wrong.status_code == 403
    wrong_header = await client.post("/auth/logout", headers={"X-CSRF-Token": csrf + "x"})
    assert wrong_header.status_code == 403
    assert (await client.get("/api/v1/me")).status_code == 200  # still logged in
    ok = await client.post("/auth/logout", data={"_csrf": csrf})
    assert ok.status_code == 303
    client.cookies.set(COOKIE_NAME, cookie)  # replaying the old cookie after logout
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_csrf_token_in_a_header_works_for_api_calls_from_pages(
    client: httpx.AsyncClient, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    cookie, csrf = await _session_for(db, principal)
    client.cookies.set(COOKIE_NAME, cookie)
    response = await client.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 303


@pytest.mark.parametrize("column", ["last_seen_at", "created_at"])
async def test_idle_and_absolute_timeouts_end_the_session(
    client: httpx.AsyncClient,
    db: Database,
    admin_dsn: str,
    settings: Settings,
    make_user: UserFactory,
    column: str,
) -> None:
    principal = await make_user(AMSTERDAM)
    cookie, _ = await _session_for(db, principal)
    client.cookies.set(COOKIE_NAME, cookie)
    assert (await client.get("/api/v1/me")).status_code == 200
    limit = (
        settings.session_idle_seconds
        if column == "last_seen_at"
        else settings.session_absolute_seconds
    )
    conn = await asyncpg.connect(admin_dsn)
    try:
        # Keep the other clock fresh, so only the one under test runs out.
        await conn.execute(
            f"UPDATE portal.web_sessions SET {column} = now() - make_interval(secs => $1)"
            " WHERE user_id = $2",
            float(limit + 5),
            principal.user_id,
        )
    finally:
        await conn.close()
    assert (await client.get("/api/v1/me")).status_code == 401
    assert (await client.get("/", headers=HTML)).status_code == 302


async def test_session_of_a_deactivated_user_stops_working(
    client: httpx.AsyncClient, db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    cookie, _ = await _session_for(db, principal)
    client.cookies.set(COOKIE_NAME, cookie)
    async with db.tenant_tx(principal) as tx:
        await tx.conn.execute("UPDATE users SET actief = false WHERE id = $1", principal.user_id)
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_demo_login_exists_only_in_demo_mode(
    client: httpx.AsyncClient, settings: Settings, db: Database, admin_dsn: str
) -> None:
    await seed_demo_users(admin_dsn)
    page = await client.get("/auth/login", headers=HTML)
    assert page.status_code == 200
    assert "Inloggen als" not in page.text  # no demo users listed outside demo mode
    refused = await client.post("/auth/demo", data={"user_id": "x", "_csrf": "x"})
    assert refused.status_code == 404

    demo_app = create_app(msgspec.structs.replace(settings, environment="demo"), database=db)
    async with serve_in_loop(demo_app) as demo:
        login = await demo.get("/auth/login", headers=HTML)
        assert login.status_code == 200
        assert 'lang="nl"' in login.text
        assert "Fatima El Amrani" in login.text
        assert "RMC-contact Zaanstad" in login.text
        # No session yet: no hx-headers at all, never a Python function's repr in the page.
        assert "hx-headers" not in login.text
        assert "<function" not in login.text
        assert "&lt;function" not in login.text
        token = re.search(r'name="_csrf" value="([^"]+)"', login.text)
        user_id = re.search(r'name="user_id" value="([^"]+)"', login.text)
        assert token
        assert user_id
        forged = await demo.post("/auth/demo", data={"_csrf": "nep", "user_id": user_id[1]})
        assert forged.status_code == 403
        ok = await demo.post(
            "/auth/demo", data={"_csrf": token[1], "user_id": user_id[1], "next": "/"}
        )
        assert ok.status_code == 303
        home = await demo.get("/", headers=HTML)
        assert home.status_code == 200
        assert "Welkom" in home.text
        headers = re.search(r"hx-headers='\{\"x-csrf-token\": \"([^\"]+)\"\}'", home.text)
        assert headers
        assert len(headers[1]) >= 20


async def test_login_and_logout_are_audited(
    client: httpx.AsyncClient, db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    cookie, csrf = await _session_for(db, principal)
    client.cookies.set(COOKIE_NAME, cookie)
    await client.post("/auth/logout", data={"_csrf": csrf})
    conn = await asyncpg.connect(admin_dsn)
    try:
        actions = await conn.fetch(
            "SELECT action FROM portal.audit_events WHERE actor_user_id = $1", principal.user_id
        )
    finally:
        await conn.close()
    assert [r["action"] for r in actions] == ["logout"]
