"""Pulls new verzuimmeldingen and in-/uitschrijvingen from DUO, cursor-based and resumable.

DUO hands out pages with a `volgende` cursor; the caller stores the cursor in the same transaction
as the records of the page it came with, so a crash repeats at most one page (and merging by DUO's
ids makes that repeat harmless).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from integrations.http import PartnerHttp


class Verzuimmelding(msgspec.Struct, frozen=True, kw_only=True):
    duo_melding_id: str
    bsn: str
    brin: str
    vestiging: str = "00"
    soort: Literal["16_uur_in_4_weken", "langdurig_relatief", "rmc", "luxe", "overig"]
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None = None


class Mutatie(msgspec.Struct, frozen=True, kw_only=True):
    duo_mutatie_id: str
    bsn: str
    brin: str
    vestiging: str = "00"
    soort: Literal["inschrijving", "uitschrijving"]
    datum: date


class Pagina(msgspec.Struct, frozen=True):
    verzuimmeldingen: list[Verzuimmelding]
    mutaties: list[Mutatie]
    volgende: str | None


class DuoFeed:
    def __init__(self, http: PartnerHttp) -> None:
        self.http = http

    async def pagina(self, gemeentecode: str, cursor: str | None) -> Pagina:
        params = {"gemeentecode": gemeentecode, **({"vanaf": cursor} if cursor else {})}
        return await self.http.get("/feed", params=params, answer=Pagina)
