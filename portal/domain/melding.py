"""The rules a school's verzuimmelding must meet (API.md "Schools"; DOMAIN.md §3; Besluit
verzuimmelding), as a pure function: the facts in, the broken rules out.

A period counts its days inclusively: 1 to 28 October is 28 days, "4 weeks".
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import msgspec

from portal.domain import bsn
from portal.domain.leerplicht import leeftijd

VIER_WEKEN = 28


class Meldingsoort(StrEnum):
    ZESTIEN_UUR = "16_uur_in_4_weken"
    LANGDURIG_RELATIEF = "langdurig_relatief"
    RMC = "rmc"
    LUXE = "luxe"
    OVERIG = "overig"

    @property
    def wettelijk(self) -> bool:
        """Every soort but overig is a melding the school must make (art. 6, 7; toel. 19)."""
        return self is not Meldingsoort.OVERIG


class Feiten(msgspec.Struct, frozen=True, kw_only=True):
    """What the portal knows when a melding comes in."""

    bsn: str
    soort: Meldingsoort
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None
    ondernomen_actie: str
    vandaag: date
    ingeschreven_op_periode_tot: bool
    geboortedatum: date | None
    startkwalificatie_sinds: date | None


class Fout(msgspec.Struct, frozen=True):
    field: str
    message: str


def periode_dagen(van: date, tot: date) -> int:
    return (tot - van).days + 1


def controleer(f: Feiten) -> list[Fout]:
    """Every broken rule, each with the field it is about; an empty list is a valid melding."""
    fouten: list[Fout] = []
    if not bsn.is_valid(f.bsn):
        fouten.append(Fout("bsn", bsn.reason_invalid(f.bsn) or "ongeldig BSN"))
    if not f.ondernomen_actie.strip():
        fouten.append(Fout("ondernomen_actie", "beschrijf wat de school al heeft gedaan"))
    if f.periode_tot < f.periode_van:
        fouten.append(Fout("periode_tot", "ligt voor periode_van"))
    if f.periode_tot > f.vandaag:
        fouten.append(Fout("periode_tot", "ligt in de toekomst"))
    if fouten and any(e.field == "bsn" for e in fouten):
        return fouten  # without a valid BSN nothing more can be checked
    if not f.ingeschreven_op_periode_tot:
        fouten.append(
            Fout("bsn", "de jongere staat op periode_tot niet ingeschreven bij deze school")
        )
    dagen = periode_dagen(f.periode_van, f.periode_tot)
    if f.soort is Meldingsoort.ZESTIEN_UUR:
        if f.verzuimde_uren is None or f.verzuimde_uren < 16:
            fouten.append(Fout("verzuimde_uren", "16 uur in 4 weken vraagt minstens 16 uur"))
        if dagen > VIER_WEKEN:
            fouten.append(
                Fout("periode_tot", "16 uur in 4 weken: de periode is langer dan 28 dagen")
            )
    if f.soort is Meldingsoort.LANGDURIG_RELATIEF and dagen <= VIER_WEKEN:
        fouten.append(
            Fout("periode_tot", "langdurig relatief verzuim: meer dan 4 weken (28 dagen)")
        )
    if f.soort is Meldingsoort.RMC:
        if f.geboortedatum is None:
            fouten.append(Fout("bsn", "de leeftijd van de jongere is niet bekend"))
        else:
            jaren = leeftijd(f.geboortedatum, f.periode_van)
            if jaren < 18:
                fouten.append(
                    Fout("soort", "rmc geldt vanaf 18 jaar; meld jonger als relatief verzuim")
                )
            elif jaren >= 23:
                fouten.append(Fout("soort", "rmc geldt tot 23 jaar"))
        if f.startkwalificatie_sinds is not None and f.startkwalificatie_sinds <= f.periode_van:
            fouten.append(Fout("soort", "de jongere heeft een startkwalificatie"))
    return fouten
