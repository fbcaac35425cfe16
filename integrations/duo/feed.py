"""Pulls new verzuimmeldingen and in-/uitschrijvingen from DUO, cursor-based and resumable.

DUO hands out pages with a `volgende` cursor; the caller stores the cursor in the same transaction
as the records of the page it came with, so a crash repeats at most one page (and merging by DUO's
ids makes that repeat harmless).
"""

from __future__ import annotations

from integrations.http import PartnerHttp
from portal.outbox.berichten import DuoPagina, Mutatie, Verzuimmelding

__all__ = ["DuoFeed", "Mutatie", "Pagina", "Verzuimmelding"]


Pagina = DuoPagina


class DuoFeed:
    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def pagina(self, gemeentecode: str, cursor: str | None) -> DuoPagina:
        params = {"gemeentecode": gemeentecode, **({"vanaf": cursor} if cursor else {})}
        return await self.http.get("/feed", params=params, answer=DuoPagina)
