"""A stand-in identity provider for respx, and a way to log in through it."""

from __future__ import annotations

import time
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx
import msgspec
import respx
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import RSAKey

from portal.settings import OidcProvider, Settings

ISSUER = "https://idp.gemeente.example"
CLIENT_ID = "rmc-portal"


def with_oidc(settings: Settings) -> Settings:
    provider = OidcProvider(issuer=ISSUER, client_id=CLIENT_ID, client_secret="s3cret")
    return msgspec.structs.replace(settings, oidc=provider)


class FakeIdp:
    """Discovery, JWKS and a token endpoint that checks the PKCE verifier like a real provider."""

    def __init__(self, mock: respx.MockRouter) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "idp-1"})
        self.subject = f"medewerker-{uuid.uuid4().hex[:8]}"
        self.challenges: dict[str, str] = {}  # code -> code_challenge
        self.claims: dict[str, object] = {}
        self.nonce_override: str | None = None
        self.token_calls: list[dict[str, list[str]]] = []
        mock.get(f"{ISSUER}/.well-known/openid-configuration").respond(
            json={
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "jwks_uri": f"{ISSUER}/jwks",
            }
        )
        mock.get(f"{ISSUER}/jwks").respond(json={"keys": [self.key.as_dict(private=False)]})
        mock.post(f"{ISSUER}/token").mock(side_effect=self._token)
        self.nonces: dict[str, str] = {}

    def authorize(self, location: str, code: str) -> dict[str, str]:
        """What the browser's visit to the provider would do: remember challenge and nonce."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        assert location.startswith(f"{ISSUER}/authorize?")
        assert query["code_challenge_method"] == "S256"
        assert query["client_id"] == CLIENT_ID
        self.challenges[code] = query["code_challenge"]
        self.nonces[code] = query["nonce"]
        return query

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        self.token_calls.append(form)
        code = form["code"][0]
        if create_s256_code_challenge(form["code_verifier"][0]) != self.challenges.get(code):
            return httpx.Response(400, json={"error": "invalid_grant"})
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": self.subject,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce_override or self.nonces[code],
            **self.claims,
        }
        id_token = jwt.encode({"alg": "RS256", "kid": "idp-1"}, claims, self.key)
        return httpx.Response(
            200, json={"access_token": "at", "token_type": "Bearer", "id_token": id_token}
        )
