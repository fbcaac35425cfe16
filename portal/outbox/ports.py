"""The port every partner adapter implements, and the registry the worker looks adapters up in.

An adapter turns one outbox message into one partner call. It answers `Delivered`, or raises
`DeliveryFailed` saying whether trying again can help: a timeout, a 5xx or an unreadable answer
can (the idempotency key makes the retry safe); a 4xx means the message itself is wrong and it is
parked as dead for a person to look at.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import msgspec

from portal.outbox.berichten import DuoPagina, Verrijkt
from portal.outbox.store import OutboxMessage


class Delivered(msgspec.Struct, frozen=True):
    partner_ref: str | None = None


class DeliveryFailed(Exception):
    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class PartnerNotConfigured(LookupError):
    """No adapter for a partner: a configuration error, said in one clear sentence."""


@runtime_checkable
class PartnerAdapter(Protocol):
    partner: str

    async def deliver(self, message: OutboxMessage) -> Delivered: ...


class VerzuimFeed(Protocol):
    """DUO's feed of meldingen and in-/uitschrijvingen, a page at a time (inbound port)."""

    async def pagina(self, gemeentecode: str, cursor: str | None) -> DuoPagina: ...


class VerrijkingBron(Protocol):
    """The Inlichtingenbureau's enriched VSV list, by the kenmerk it gave it (inbound port)."""

    async def verrijking(self, ib_kenmerk: str) -> Verrijkt: ...


class Registry:
    def __init__(self) -> None:
        self._adapters: dict[str, PartnerAdapter] = {}

    def register(self, adapter: PartnerAdapter) -> None:
        if adapter.partner in self._adapters:
            raise ValueError(f"partner {adapter.partner!r} is already registered")
        self._adapters[adapter.partner] = adapter

    def get(self, partner: str) -> PartnerAdapter:
        try:
            return self._adapters[partner]
        except KeyError:
            configured = ", ".join(sorted(self._adapters)) or "geen"
            raise PartnerNotConfigured(
                f"partner '{partner}' is niet ingesteld (RMC_PARTNERS); wel ingesteld: {configured}"
            ) from None

    def __contains__(self, partner: str) -> bool:
        return partner in self._adapters
