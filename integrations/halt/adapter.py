"""Sends Halt-verwijzingen from the outbox."""

from __future__ import annotations

import msgspec

from integrations.halt.messages import Ontvangst, Verwijzing
from integrations.http import PartnerHttp
from portal.outbox.ports import Delivered, DeliveryFailed
from portal.outbox.store import OutboxMessage


class HaltAdapter:
    partner = "halt"

    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def deliver(self, message: OutboxMessage) -> Delivered:
        if message.soort != "verwijzing":
            raise DeliveryFailed(f"halt kent berichtsoort '{message.soort}' niet", retryable=False)
        try:
            verwijzing = msgspec.convert(message.payload, Verwijzing)
        except msgspec.ValidationError as exc:
            raise DeliveryFailed(f"halt: bericht onvolledig ({exc})", retryable=False) from None
        answer = await self.http.post(
            "/verwijzingen", verwijzing, key=str(message.id), answer=Ontvangst
        )
        return Delivered(answer.halt_zaaknummer)
