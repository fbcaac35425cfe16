"""Bearer tokens on the API: 401 for anything not a valid token of an active user, 403 for a role
that may not use a route, 404 for an object of another tenant."""

from __future__ import annotations

import time
import uuid

import asyncpg
import httpx
import msgspec
import respx
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from portal.app import create_app
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.settings import Settings, TrustedIssuer
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer, serve_in_loop

Client = httpx.AsyncClient


def _claims(settings: Settings, sub: str, **extra: object) -> dict[str, object]:
    now = int(time.time())
    return {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": sub,
        "iat": now,
        "exp": now + 300,
        **extra,
    }


def _assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert "x-request-id" in response.headers
    return body  # type: ignore[no-any-return]


async def test_no_token_is_401(client: Client) -> None:
    response = await client.get("/api/v1/me")
    _assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_wrong_scheme_and_garbage_are_401(client: Client) -> None:
    for header in ("Basic dXNlcjpwdw==", "Bearer", "Bearer not-a-jwt", "Bearer a.b.c"):
        _assert_problem(await client.get("/api/v1/me", headers={"Authorization": header}), 401)


async def test_bad_signature_is_401(
    client: Client, settings: Settings, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    forged_key = ECKey.generate_key("P-256")
    token = jwt.encode({"alg": "ES256"}, _claims(settings, str(principal.user_id)), forged_key)
    _assert_problem(
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401
    )


async def test_expired_token_is_401(
    client: Client, settings: Settings, tokens: TokenService, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    claims = _claims(settings, str(principal.user_id), exp=int(time.time()) - 120)
    token = jwt.encode({"alg": "ES256", "kid": tokens.key.kid}, claims, tokens.key)
    _assert_problem(
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401
    )


async def test_wrong_audience_and_unknown_issuer_are_401(
    client: Client, settings: Settings, tokens: TokenService, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    for claims in (
        _claims(settings, str(principal.user_id), aud="iets-anders"),
        _claims(settings, str(principal.user_id), iss="https://idp.elders.example"),
    ):
        token = jwt.encode({"alg": "ES256", "kid": tokens.key.kid}, claims, tokens.key)
        _assert_problem(
            await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401
        )


async def test_token_of_unknown_or_inactive_user_is_401(
    client: Client, tokens: TokenService, db: Database, make_user: UserFactory
) -> None:
    _assert_problem(
        await client.get("/api/v1/me", headers=bearer_for_id(tokens, uuid.uuid4())), 401
    )
    principal = await make_user(AMSTERDAM)
    assert (await client.get("/api/v1/me", headers=bearer(tokens, principal))).status_code == 200
    async with db.tenant_tx(principal) as tx:
        await tx.conn.execute("UPDATE users SET actief = false WHERE id = $1", principal.user_id)
    _assert_problem(await client.get("/api/v1/me", headers=bearer(tokens, principal)), 401)


def bearer_for_id(tokens: TokenService, user_id: uuid.UUID) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens.issue(user_id)}"}


async def test_valid_token_gives_the_principal_from_the_user_table(
    client: Client, settings: Settings, tokens: TokenService, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    # Claims the portal did not issue (roles, tenant) are ignored.
    claims = _claims(
        settings, str(principal.user_id), roles=["functioneel_beheerder"], tenant="0479"
    )
    token = jwt.encode({"alg": "ES256", "kid": tokens.key.kid}, claims, tokens.key)
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    me = response.json()
    assert me["gemeentecode"] == AMSTERDAM
    assert me["rollen"] == ["leerplichtambtenaar"]
    assert me["boa"] is True
    assert me["team_id"] is not None


async def test_role_that_may_not_use_a_route_is_403(
    client: Client, tokens: TokenService, make_user: UserFactory
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="20AA")
    _assert_problem(await client.get("/api/v1/teams", headers=bearer(tokens, school)), 403)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    _assert_problem(
        await client.get(f"/api/v1/gebruikers/{school.user_id}", headers=bearer(tokens, lpa)), 403
    )


async def test_object_of_another_tenant_is_404_not_403(
    client: Client, tokens: TokenService, db: Database, make_user: UserFactory
) -> None:
    beheerder_amsterdam = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    beheerder_zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    async with db.tenant_tx(beheerder_zaanstad) as tx:
        zaanstad_team = await tx.conn.fetchval("SELECT id FROM teams LIMIT 1")
    headers = bearer(tokens, beheerder_amsterdam)
    _assert_problem(await client.get(f"/api/v1/teams/{zaanstad_team}", headers=headers), 404)
    _assert_problem(
        await client.get(f"/api/v1/gebruikers/{beheerder_zaanstad.user_id}", headers=headers), 404
    )
    # The same objects are found by their own tenant, and a missing one is a plain 404 too.
    own = bearer(tokens, beheerder_zaanstad)
    assert (await client.get(f"/api/v1/teams/{zaanstad_team}", headers=own)).status_code == 200
    _assert_problem(await client.get(f"/api/v1/teams/{uuid.uuid4()}", headers=own), 404)


async def test_trusted_issuer_token_is_accepted_via_jwks_and_mapped_to_its_user(
    settings: Settings, db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    issuer = "https://login.partner.example"
    partner_key = RSAKey.generate_key(2048, parameters={"kid": "p1"})
    trusted = msgspec.structs.replace(
        settings,
        trusted_issuers=(TrustedIssuer(issuer, f"{issuer}/jwks", audience="rmc-portal-api"),),
    )
    principal = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    await _link_subject(admin_dsn, principal.user_id, issuer, "halt-client-1")
    now = int(time.time())
    good = jwt.encode(
        {"alg": "RS256", "kid": "p1"},
        {"iss": issuer, "aud": "rmc-portal-api", "sub": "halt-client-1", "exp": now + 60},
        partner_key,
    )
    unknown_subject = jwt.encode(
        {"alg": "RS256", "kid": "p1"},
        {"iss": issuer, "aud": "rmc-portal-api", "sub": "someone-else", "exp": now + 60},
        partner_key,
    )
    app = create_app(trusted, database=db)
    with respx.mock(assert_all_called=True) as mock:
        jwks_route = mock.get(f"{issuer}/jwks").respond(
            json={"keys": [partner_key.as_dict(private=False)]}
        )
        async with serve_in_loop(app) as client:
            ok = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {good}"})
            assert ok.status_code == 200, ok.text
            assert ok.json()["rollen"] == ["partner_halt"]
            denied = await client.get(
                "/api/v1/me", headers={"Authorization": f"Bearer {unknown_subject}"}
            )
            _assert_problem(denied, 401)
        assert jwks_route.call_count == 1  # cached between requests


async def _link_subject(admin_dsn: str, user_id: uuid.UUID, issuer: str, subject: str) -> None:
    """Operators link partner clients to users as the owner; the app role may not."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            "UPDATE portal.users SET oidc_issuer = $1, oidc_subject = $2 WHERE id = $3",
            issuer,
            subject,
            user_id,
        )
    finally:
        await conn.close()
