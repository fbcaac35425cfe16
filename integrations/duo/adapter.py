"""Meldingen, their status changes and closing, and vrijstellingen, to DUO from the outbox. A
melding goes in DUO's wire with DUO's codes (`messages.naar_duo`); the others are one to one."""

from __future__ import annotations

import msgspec

from integrations.duo.messages import (
    MeldingRegistratie,
    MeldingStatusWijziging,
    Ontvangst,
    Registratieontvangst,
    VrijstellingRegistratie,
    naar_duo,
)
from integrations.http import PartnerHttp
from integrations.simple import Kind, SimpleAdapter
from portal.outbox.ports import Delivered, DeliveryFailed
from portal.outbox.store import OutboxMessage


class DuoAdapter:
    def __init__(self, http: PartnerHttp) -> None:
        self.partner = "duo"
        self.http = http
        self.eenvoudig = SimpleAdapter(
            "duo",
            http,
            {
                "melding_status": Kind(
                    MeldingStatusWijziging,
                    "/verzuimmeldingen/{duo_melding_id}/status",
                    Ontvangst,
                    "duo_kenmerk",
                ),
                "vrijstelling": Kind(
                    VrijstellingRegistratie, "/vrijstellingen", Ontvangst, "duo_kenmerk"
                ),
            },
        )

    async def deliver(self, message: OutboxMessage) -> Delivered:
        if message.soort != "melding":
            return await self.eenvoudig.deliver(message)
        try:
            melding = msgspec.convert(message.payload, MeldingRegistratie)
        except msgspec.ValidationError as exc:
            raise DeliveryFailed(f"duo: bericht onvolledig ({exc})", retryable=False) from None
        answer = await self.http.post(
            "/verzuimmeldingen", naar_duo(melding), key=str(message.id), answer=Registratieontvangst
        )
        return Delivered(answer.duo_melding_id)


def duo(http: PartnerHttp) -> DuoAdapter:
    return DuoAdapter(http)
