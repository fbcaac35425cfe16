"""An adapter for partners whose every message kind is one POST and one receipt.

Each partner declares its kinds as (message type, path, receipt type, receipt field); the adapter
validates the payload against the type before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from integrations.http import PartnerHttp
from portal.outbox.ports import Delivered, DeliveryFailed
from portal.outbox.store import OutboxMessage


@dataclass(frozen=True)
class Kind:
    message: type[msgspec.Struct]
    path: str
    """May name payload fields, e.g. "/meldingen/{duo_melding_id}/status"."""
    receipt: type[msgspec.Struct]
    reference: str


class SimpleAdapter:
    def __init__(self, partner: str, http: PartnerHttp, kinds: dict[str, Kind]) -> None:
        self.partner = partner
        self.http = http
        self.kinds = kinds

    async def deliver(self, message: OutboxMessage) -> Delivered:
        kind = self.kinds.get(message.soort)
        if kind is None:
            raise DeliveryFailed(
                f"{self.partner} kent berichtsoort '{message.soort}' niet", retryable=False
            )
        try:
            body = msgspec.convert(message.payload, kind.message)
        except msgspec.ValidationError as exc:
            raise DeliveryFailed(
                f"{self.partner}: bericht onvolledig ({exc})", retryable=False
            ) from None
        fields: dict[str, Any] = msgspec.structs.asdict(body)
        answer = await self.http.post(
            kind.path.format(**fields), body, key=str(message.id), answer=kind.receipt
        )
        return Delivered(str(getattr(answer, kind.reference)))
