"""Page login with OpenID Connect: authorization code flow with PKCE (S256), state and nonce.

authlib provides the protocol pieces (PKCE challenge, authorization URL); the HTTP calls go through
the portal's shared httpx client so they are traced and testable with respx.
State, nonce and verifier live server-side for one login and are used once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from portal.auth.principal import Principal, principal_from_row
from portal.auth.tokens import InvalidToken, TokenService
from portal.db.types import Conn
from portal.settings import OidcProvider

_METADATA_TTL = 3600


class OidcError(Exception):
    """The login could not be completed; the message is safe to show to the user."""


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


class OidcClient:
    def __init__(
        self,
        provider: OidcProvider,
        redirect_uri: str,
        http: httpx.AsyncClient,
        tokens: TokenService,
    ) -> None:
        self.provider = provider
        self.redirect_uri = redirect_uri
        self.http = http
        self.tokens = tokens
        self._metadata: tuple[float, ProviderMetadata] | None = None

    async def metadata(self) -> ProviderMetadata:
        if self._metadata and time.monotonic() - self._metadata[0] < _METADATA_TTL:
            return self._metadata[1]
        url = self.provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            response = await self.http.get(url, timeout=5.0)
            response.raise_for_status()
            doc = response.json()
            meta = ProviderMetadata(
                issuer=doc["issuer"],
                authorization_endpoint=doc["authorization_endpoint"],
                token_endpoint=doc["token_endpoint"],
                jwks_uri=doc["jwks_uri"],
            )
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise OidcError("De inlogdienst is niet bereikbaar.") from exc
        if meta.issuer != self.provider.issuer:
            raise OidcError("De inlogdienst meldt een andere uitgever dan ingesteld.")
        self._metadata = (time.monotonic(), meta)
        return meta

    async def start(self, conn: Conn, return_to: str) -> str:
        """Record a login in flight and return the provider URL to redirect the browser to."""
        meta = await self.metadata()
        state = generate_token(43)
        nonce = generate_token(43)
        verifier = generate_token(64)
        await conn.execute(
            "INSERT INTO oidc_login_states (state_hash, nonce, code_verifier, return_to)"
            " VALUES ($1, $2, $3, $4)",
            hashlib.sha256(state.encode()).digest(),
            nonce,
            verifier,
            safe_return_to(return_to),
        )
        url: str = prepare_grant_uri(
            meta.authorization_endpoint,
            client_id=self.provider.client_id,
            response_type="code",
            redirect_uri=self.redirect_uri,
            scope=self.provider.scope,
            state=state,
            nonce=nonce,
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
        )
        return url

    async def finish(
        self, conn: Conn, *, code: str | None, state: str | None, error: str | None
    ) -> tuple[Principal, str]:
        """Exchange the code, validate the id_token and map it to a portal user."""
        if error:
            raise OidcError("Inloggen is afgebroken bij de inlogdienst.")
        if not code or not state:
            raise OidcError("Het antwoord van de inlogdienst is onvolledig.")
        pending = await conn.fetchrow(
            "DELETE FROM oidc_login_states WHERE state_hash = $1"
            " AND created_at > now() - interval '15 minutes'"
            " RETURNING nonce, code_verifier, return_to",
            hashlib.sha256(state.encode()).digest(),
        )
        if pending is None:
            raise OidcError("Deze inlogpoging is onbekend of verlopen; probeer opnieuw.")
        meta = await self.metadata()
        form: dict[str, Any] = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "client_id": self.provider.client_id,
            "code_verifier": pending["code_verifier"],
        }
        auth = (
            (self.provider.client_id, self.provider.client_secret)
            if self.provider.client_secret
            else None
        )
        try:
            response = await self.http.post(
                meta.token_endpoint, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT, timeout=10.0
            )
            response.raise_for_status()
            id_token = response.json()["id_token"]
            if not isinstance(id_token, str):
                raise TypeError("id_token")
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise OidcError("De inlogdienst gaf geen geldig antwoord.") from exc
        try:
            identity = await self.tokens.verify_id_token(
                id_token,
                issuer=meta.issuer,
                audience=self.provider.client_id,
                jwks_uri=meta.jwks_uri,
                nonce=pending["nonce"],
            )
        except InvalidToken as exc:
            raise OidcError(
                "De identiteit van de inlogdienst kon niet worden gecontroleerd."
            ) from exc
        row = await conn.fetchrow(
            "SELECT * FROM auth_user_by_subject($1, $2)", identity.issuer, identity.subject
        )
        email = identity.claims.get("email")
        if row is None and isinstance(email, str) and identity.claims.get("email_verified") is True:
            row = await conn.fetchrow(
                "SELECT * FROM auth_link_subject($1, $2, $3)",
                identity.issuer,
                identity.subject,
                email,
            )
        if row is None:
            raise OidcError(
                "U heeft geen account in het portaal. Neem contact op met uw beheerder."
            )
        return principal_from_row(row), pending["return_to"]


def safe_return_to(value: str | None) -> str:
    """Only local paths: an open redirect after login would hand sessions to a phishing page."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)
