"""Fetches the enriched VSV list back from the Inlichtingenbureau (art. 9a): a query by the
kenmerk it gave the list, asked by the worker until the answer is ready."""

from __future__ import annotations

from integrations.http import PartnerHttp
from integrations.inlichtingenbureau.messages import Verrijkt


class IbClient:
    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def verrijking(self, ib_kenmerk: str) -> Verrijkt:
        """Raises DeliveryFailed (with `retryable`) when the answer cannot be had now."""
        return await self.http.get(f"/vsv-lijsten/{ib_kenmerk}", params={}, answer=Verrijkt)
