"""Looks up one person in the BRP. A query, not a message: it is called directly (and audited by
the use case that calls it), not through the outbox."""

from __future__ import annotations

from integrations.brp.messages import Antwoord, Persoon, Verzoek
from integrations.http import PartnerHttp
from portal.outbox.ports import DeliveryFailed


class BrpClient:
    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def raadpleeg(self, bsn: str, *, request_id: str) -> Persoon | None:
        """The person with this BSN, or None when the BRP knows nobody by it.
        Raises DeliveryFailed (with `retryable`) when the BRP cannot be asked now."""
        answer = await self.http.post("/personen", Verzoek([bsn]), key=request_id, answer=Antwoord)
        matches = [p for p in answer.personen if p.burgerservicenummer == bsn]
        if len(matches) > 1:
            raise DeliveryFailed("brp: meer dan één persoon met dit BSN", retryable=False)
        return matches[0] if matches else None
