"""Sends SVB meldingen and their withdrawal from the outbox."""

from __future__ import annotations

import msgspec

from integrations.http import PartnerHttp
from integrations.svb.messages import Intrekking, Melding, Ontvangst
from portal.outbox.ports import Delivered, DeliveryFailed
from portal.outbox.store import OutboxMessage


class SvbAdapter:
    partner = "svb"

    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def deliver(self, message: OutboxMessage) -> Delivered:
        key = str(message.id)
        try:
            if message.soort == "melding":
                melding = msgspec.convert(message.payload, Melding)
                answer = await self.http.post(
                    "/leerplicht/meldingen", melding, key=key, answer=Ontvangst
                )
            elif message.soort == "intrekking":
                intrekking = msgspec.convert(message.payload, Intrekking)
                answer = await self.http.post(
                    f"/leerplicht/meldingen/{intrekking.svb_referentie}/intrekking",
                    intrekking,
                    key=key,
                    answer=Ontvangst,
                )
            else:
                raise DeliveryFailed(
                    f"svb kent berichtsoort '{message.soort}' niet", retryable=False
                )
        except msgspec.ValidationError as exc:
            raise DeliveryFailed(f"svb: bericht onvolledig ({exc})", retryable=False) from None
        return Delivered(answer.svb_referentie)
