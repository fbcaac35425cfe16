"""Bearer tokens: the portal's own (ES256, for `rmc-portal token`) and trusted issuers' (via JWKS).

A token only says who the caller is (issuer and subject). Tenant, roles and scope are looked up in
the portal's user table afterwards; claims the portal did not issue or map are ignored.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import msgspec
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet

from portal.settings import Settings, TrustedIssuer

ALLOWED_ALGORITHMS = ["ES256", "ES384", "RS256", "PS256"]
_JWKS_TTL_SECONDS = 600
_JWKS_MIN_REFRESH_SECONDS = 30
_CLOCK_SKEW_SECONDS = 30


class InvalidToken(Exception):
    """The token is not acceptable; the message is safe to show (it never echoes the token)."""


@dataclass(frozen=True)
class VerifiedIdentity:
    issuer: str
    subject: str
    own: bool
    claims: dict[str, object]


def load_or_create_signing_key(path: Path, *, create: bool) -> ECKey:
    if path.exists():
        return ECKey.import_key(msgspec.json.decode(path.read_bytes()))
    if not create:
        raise InvalidToken(f"signing key file {path} does not exist")
    key = ECKey.generate_key("P-256", parameters={"kid": uuid.uuid4().hex[:16], "use": "sig"})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(msgspec.json.encode(key.as_dict(private=True)))
    return key


class JwksCache:
    """Public keys of trusted issuers, fetched over HTTPS, cached, refreshed on an unknown kid."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._cache: dict[str, tuple[float, KeySet]] = {}

    async def key_set(self, jwks_uri: str, *, kid: str | None) -> KeySet:
        now = time.monotonic()
        cached = self._cache.get(jwks_uri)
        if cached:
            fetched_at, keys = cached
            fresh = now - fetched_at < _JWKS_TTL_SECONDS
            known = kid is None or any(k.kid == kid for k in keys.keys)
            if fresh and (known or now - fetched_at < _JWKS_MIN_REFRESH_SECONDS):
                return keys
        try:
            response = await self._client.get(jwks_uri, timeout=5.0)
            response.raise_for_status()
            keys = KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, JoseError) as exc:
            if cached:
                return cached[1]
            raise InvalidToken("the issuer's keys could not be fetched") from exc
        self._cache[jwks_uri] = (now, keys)
        return keys


class TokenService:
    def __init__(self, settings: Settings, key: ECKey, jwks: JwksCache | None = None) -> None:
        self.settings = settings
        self.key = key
        self.jwks = jwks
        self._trusted = {t.issuer: t for t in settings.trusted_issuers}

    def public_jwks(self) -> dict[str, object]:
        return {"keys": [self.key.as_dict(private=False)]}

    def issue(self, user_id: uuid.UUID, ttl_seconds: int | None = None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.settings.token_issuer,
            "aud": self.settings.token_audience,
            "sub": str(user_id),
            "iat": now,
            "nbf": now,
            "exp": now + (ttl_seconds or self.settings.token_ttl_seconds),
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode({"alg": "ES256", "kid": self.key.kid}, claims, self.key)

    async def verify(self, token: str) -> VerifiedIdentity:
        try:
            compact = jws.extract_compact(token.encode())
            unverified = msgspec.json.decode(compact.payload)
        except (JoseError, ValueError, msgspec.DecodeError) as exc:
            raise InvalidToken("malformed token") from exc
        if not isinstance(unverified, dict) or not isinstance(unverified.get("iss"), str):
            raise InvalidToken("token has no issuer")
        issuer: str = unverified["iss"]
        header = compact.protected
        kid = header.get("kid") if isinstance(header.get("kid"), str) else None
        if issuer == self.settings.token_issuer:
            keys, audience, own = KeySet([self.key]), self.settings.token_audience, True
        elif trusted := self._trusted.get(issuer):
            keys, audience, own = await self._trusted_keys(trusted, kid), trusted.audience, False
        else:
            raise InvalidToken("token from an unknown issuer")
        return self._decode(token, keys, issuer=issuer, audience=audience, own=own)

    async def verify_id_token(
        self, token: str, *, issuer: str, audience: str, jwks_uri: str, nonce: str
    ) -> VerifiedIdentity:
        try:
            kid = jws.extract_compact(token.encode()).protected.get("kid")
        except (JoseError, ValueError) as exc:
            raise InvalidToken("malformed id_token") from exc
        if self.jwks is None:
            raise InvalidToken("no key source for id_tokens")
        keys = await self.jwks.key_set(jwks_uri, kid=kid if isinstance(kid, str) else None)
        identity = self._decode(token, keys, issuer=issuer, audience=audience, own=False)
        if identity.claims.get("nonce") != nonce:
            raise InvalidToken("id_token nonce does not match the login")
        return identity

    async def _trusted_keys(self, trusted: TrustedIssuer, kid: str | None) -> KeySet:
        if self.jwks is None:
            raise InvalidToken("no key source for trusted issuers")
        return await self.jwks.key_set(trusted.jwks_uri, kid=kid)

    @staticmethod
    def _decode(
        token: str, keys: KeySet, *, issuer: str, audience: str, own: bool
    ) -> VerifiedIdentity:
        try:
            decoded = jwt.decode(token, keys, algorithms=ALLOWED_ALGORITHMS)
            jwt.JWTClaimsRegistry(
                leeway=_CLOCK_SKEW_SECONDS,
                iss={"essential": True, "value": issuer},
                aud={"essential": True, "value": audience},
                sub={"essential": True},
                exp={"essential": True},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as exc:
            raise InvalidToken(f"token rejected: {getattr(exc, 'error', 'invalid')}") from exc
        return VerifiedIdentity(issuer, str(decoded.claims["sub"]), own, dict(decoded.claims))
