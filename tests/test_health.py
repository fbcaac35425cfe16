"""Operations endpoints, the OpenAPI document, settings validation and security headers."""

from __future__ import annotations

import httpx
import pytest

from portal.settings import SettingsError, load_settings


async def test_health_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).json() == {"status": "ok", "pending_migrations": None}
    ready = await client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"


async def test_openapi_is_served_and_lists_the_api(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/me" in paths
    assert "/api/v1/teams/{team_id}" in paths
    assert not any(p.startswith("/auth") for p in paths)


async def test_security_headers_on_pages_and_api(client: httpx.AsyncClient) -> None:
    response = await client.get("/auth/login", headers={"Accept": "text/html"})
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_unknown_route_is_problem_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_settings_from_environment_and_refusals() -> None:
    settings = load_settings(
        {
            "DATABASE_URL": "postgresql://x@h/db",
            "RMC_SESSION_IDLE_SECONDS": "900",
            "RMC_COOKIE_SECURE": "false",
            "RMC_TRUSTED_ISSUERS": '[{"issuer": "https://i", "jwks_uri": "https://i/k", "audience": "a"}]',
        }
    )
    assert settings.database_url == "postgresql://x@h/db"
    assert settings.session_idle_seconds == 900
    assert settings.cookie_secure is False
    assert settings.trusted_issuers[0].issuer == "https://i"
    with pytest.raises(SettingsError, match="RMC_TRUSTED_ISSUERS"):
        load_settings({"RMC_TRUSTED_ISSUERS": "[niet json"})
    with pytest.raises(SettingsError, match="RMC_DB_APP_PASSWORD"):
        load_settings({"RMC_ENVIRONMENT": "production"})
    with pytest.raises(SettingsError, match="RMC_COOKIE_SECURE"):
        load_settings(
            {
                "RMC_ENVIRONMENT": "production",
                "RMC_DB_APP_PASSWORD": "geheim",
                "RMC_SIGNING_KEY_FILE": "/etc/rmc/key.json",
                "RMC_COOKIE_SECURE": "false",
            }
        )
