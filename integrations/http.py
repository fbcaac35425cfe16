"""The HTTP client every partner adapter shares: authentication, idempotency key, error mapping.

Authentication per partner (OAuth2 client credentials, or mutual TLS, or none for the demo's
simulators) comes from settings and is never logged. Every call carries the outbox message id as
`Idempotency-Key`, so a retry after a lost answer is recognised by the partner.
"""

from __future__ import annotations

import time
from typing import Any, TypeVar

import httpx
import msgspec

from portal.outbox.ports import DeliveryFailed
from portal.settings import PartnerConfig

T = TypeVar("T")
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class PartnerHttp:
    def __init__(self, partner: str, config: PartnerConfig) -> None:
        self.partner = partner
        self.config = config
        cert: tuple[str, str] | str | None = None
        if config.client_cert:
            cert = (
                (config.client_cert, config.client_key) if config.client_key else config.client_cert
            )
        self.client = httpx.AsyncClient(
            base_url=config.base_url,
            timeout=httpx.Timeout(config.timeout_seconds),
            cert=cert,  # mutual TLS when configured
            verify=config.ca_bundle or True,
            follow_redirects=False,
        )
        self._token: tuple[str, float] | None = None

    async def aclose(self) -> None:
        await self.client.aclose()

    async def _bearer(self) -> dict[str, str]:
        if not self.config.token_url:
            return {}
        if self._token and self._token[1] > time.monotonic() + 30:
            return {"Authorization": f"Bearer {self._token[0]}"}
        try:
            response = await self.client.post(
                self.config.token_url,
                data={"grant_type": "client_credentials", "scope": self.config.scope or ""},
                auth=(self.config.client_id or "", self.config.client_secret or ""),
            )
            response.raise_for_status()
            body = response.json()
            token, lifetime = str(body["access_token"]), float(body.get("expires_in", 300))
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise DeliveryFailed(
                f"{self.partner}: token ophalen mislukt ({type(exc).__name__})", retryable=True
            ) from None
        self._token = (token, time.monotonic() + lifetime)
        return {"Authorization": f"Bearer {token}"}

    async def post(self, path: str, body: Any, *, key: str, answer: type[T]) -> T:
        """POST `body` as JSON and decode the answer as `answer`; raise DeliveryFailed otherwise."""
        headers = {
            "Idempotency-Key": key,
            "Content-Type": "application/json",
            **(await self._bearer()),
        }
        return await self._send(
            "POST", path, answer, content=msgspec.json.encode(body), headers=headers
        )

    async def get(self, path: str, *, params: dict[str, str], answer: type[T]) -> T:
        return await self._send("GET", path, answer, params=params, headers=await self._bearer())

    async def _send(self, method: str, path: str, answer: type[T], **kwargs: Any) -> T:
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise DeliveryFailed(
                f"{self.partner}: geen antwoord binnen de tijd", retryable=True
            ) from None
        except httpx.HTTPError as exc:
            raise DeliveryFailed(
                f"{self.partner}: verbinding mislukt ({type(exc).__name__})", retryable=True
            ) from None
        if response.status_code in RETRYABLE_STATUS:
            raise DeliveryFailed(f"{self.partner}: HTTP {response.status_code}", retryable=True)
        if response.status_code >= 400:
            raise DeliveryFailed(
                f"{self.partner}: bericht geweigerd met HTTP {response.status_code}",
                retryable=False,
            )
        try:
            return msgspec.json.decode(response.content, type=answer)
        except msgspec.DecodeError as exc:
            # We cannot tell whether the partner acted; the idempotency key makes asking again safe.
            raise DeliveryFailed(
                f"{self.partner}: onleesbaar antwoord ({exc})"[:300], retryable=True
            ) from None
