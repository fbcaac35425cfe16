"""Every response carries the security headers, also those the router answers itself (404, 405)
and the OpenAPI document; Strict-Transport-Security when the cookies are Secure."""

from __future__ import annotations

import httpx
import msgspec
import pytest

from portal.app import create_app
from portal.db.pool import Database
from portal.settings import Settings
from tests.conftest import serve_in_loop

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/bestaat-niet", 404),
        ("GET", "/api/v1/bestaat-niet", 404),
        ("POST", "/health", 405),
        ("GET", "/schema/openapi.json", 200),
        ("GET", "/api/v1/me", 401),
        ("GET", "/health", 200),
        ("GET", "/static/bestaat-niet.css", 404),
    ],
)
async def test_every_response_carries_the_security_headers(
    client: httpx.AsyncClient, method: str, path: str, status: int
) -> None:
    response = await client.request(method, path)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (path, name)
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp, path
    assert "frame-ancestors 'none'" in csp, path
    assert "strict-transport-security" not in response.headers  # the tests' cookies are not Secure


async def test_hsts_when_cookies_are_secure(settings: Settings, db: Database) -> None:
    secure = create_app(msgspec.structs.replace(settings, cookie_secure=True), database=db)
    async with serve_in_loop(secure) as http:
        for path in ("/health", "/bestaat-niet"):
            response = await http.get(path)
            assert response.headers["strict-transport-security"].startswith("max-age=31536000")
