"""The leerplicht status of a jongere on a date, with the reason (DOMAIN.md §2).

- **leerplichtig** (Lpw art. 3): from the first school day of the month after the 5th birthday,
  until the end of the school year in which the jongere turns 16 or has attended school for 12 full
  school years, whichever comes first. The first school day of that month is taken as its 1st:
  a jongere cannot be absent on a day without school, so nothing is lost.
- **kwalificatieplichtig** (Lpw art. 4a): then until the 18th birthday or a startkwalificatie.
- **RMC-doelgroep**: 18 up to 23 without startkwalificatie.
- **startkwalificatie**: a havo or vwo diploma, or mbo level 2 or higher (toelichting art. 11).
- Someone born on 29 February reaches an age on 1 March in a year without that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

import msgspec

from portal.domain.kalender import einde_schooljaar, schooljaar, schooljaar_periode

STARTKWALIFICATIES = frozenset({"havo", "vwo", "mbo2", "mbo3", "mbo4"})
DIPLOMAS = frozenset({"vmbo", "mbo1", *STARTKWALIFICATIES})


class Status(StrEnum):
    GEEN = "geen"
    LEERPLICHTIG = "leerplichtig"
    KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
    RMC_DOELGROEP = "rmc_doelgroep"


class Inschrijving(msgspec.Struct, frozen=True):
    van: date
    tot: date | None = None  # None: still enrolled


class Diploma(msgspec.Struct, frozen=True):
    soort: str
    datum: date


class LeerplichtStatus(msgspec.Struct, frozen=True):
    status: Status
    reden: str
    tot: date | None = None
    """Last day of this status, when known from the rules alone."""


def verjaardag(geboren: date, leeftijd: int) -> date:
    jaar = geboren.year + leeftijd
    if geboren.month == 2 and geboren.day == 29:
        try:
            return date(jaar, 2, 29)
        except ValueError:
            return date(jaar, 3, 1)
    return geboren.replace(year=jaar)


def leeftijd(geboren: date, op: date) -> int:
    jaren = op.year - geboren.year
    return jaren if op >= verjaardag(geboren, jaren) else jaren - 1


def geboren_tussen(jongste: int, oudste: int, op: date) -> tuple[date, date]:
    """The first and last geboortedatum of someone aged `jongste` up to and including `oudste` on
    `op` (the werkvoorraad's age groups, in SQL a `BETWEEN`). A 29 February birthday counts as
    1 March in a year without it, as `leeftijd` has it."""
    if not 0 <= jongste <= oudste:
        raise ValueError("leeftijden")
    return _terug(op, oudste + 1) + timedelta(days=1), _terug(op, jongste)


def _terug(op: date, jaren: int) -> date:
    """The day `jaren` years before `op`; 28 February for a 29th in a year without it."""
    try:
        return op.replace(year=op.year - jaren)
    except ValueError:
        return date(op.year - jaren, 2, 28)


def begin_leerplicht(geboren: date) -> date:
    vijf = verjaardag(geboren, 5)
    return date(vijf.year + (vijf.month == 12), vijf.month % 12 + 1, 1)


def volledige_schooljaren(inschrijvingen: Sequence[Inschrijving], tot_en_met: int) -> list[int]:
    """School years (by starting year, up to `tot_en_met`) covered by enrolment on every day."""
    if not inschrijvingen:
        return []
    spans = sorted((i.van, i.tot or date.max) for i in inschrijvingen)
    merged: list[tuple[date, date]] = []
    for van, tot in spans:
        if merged and van <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], tot))
        else:
            merged.append((van, tot))
    jaren = []
    for jaar in range(schooljaar(spans[0][0]), tot_en_met + 1):
        periode = schooljaar_periode(jaar)
        if any(van <= periode.van and periode.tot <= tot for van, tot in merged):
            jaren.append(jaar)
    return jaren


def einde_leerplicht(
    geboren: date, inschrijvingen: Sequence[Inschrijving] = ()
) -> tuple[date, str]:
    """The last day of leerplicht and why: age 16 or 12 full school years, whichever first."""
    door_leeftijd = einde_schooljaar(verjaardag(geboren, 16))
    jaren = volledige_schooljaren(inschrijvingen, schooljaar(door_leeftijd))
    if len(jaren) >= 12:
        door_jaren = schooljaar_periode(jaren[11]).tot
        if door_jaren < door_leeftijd:
            return door_jaren, "12 volledige schooljaren op school"
    return door_leeftijd, "einde van het schooljaar waarin de jongere 16 wordt"


def startkwalificatie(diplomas: Sequence[Diploma], op: date) -> Diploma | None:
    behaald = [d for d in diplomas if d.soort in STARTKWALIFICATIES and d.datum <= op]
    return min(behaald, key=lambda d: d.datum) if behaald else None


def status_op(
    geboren: date,
    op: date,
    inschrijvingen: Sequence[Inschrijving] = (),
    diplomas: Sequence[Diploma] = (),
) -> LeerplichtStatus:
    if op < geboren:
        return LeerplichtStatus(Status.GEEN, "nog niet geboren")
    begin = begin_leerplicht(geboren)
    if op < begin:
        return LeerplichtStatus(Status.GEEN, f"nog niet leerplichtig (vanaf {begin.isoformat()})")
    einde, waarom = einde_leerplicht(geboren, inschrijvingen)
    if op <= einde:
        return LeerplichtStatus(Status.LEERPLICHTIG, f"leerplichtig tot {waarom}", einde)
    diploma = startkwalificatie(diplomas, op)
    achttien = verjaardag(geboren, 18)
    drieentwintig = verjaardag(geboren, 23)
    if diploma is not None and op < drieentwintig:
        return LeerplichtStatus(
            Status.GEEN, f"startkwalificatie behaald ({diploma.soort}, {diploma.datum.isoformat()})"
        )
    if op < achttien:
        return LeerplichtStatus(
            Status.KWALIFICATIEPLICHTIG,
            "kwalificatieplichtig tot 18 jaar of een startkwalificatie",
            achttien - timedelta(days=1),
        )
    if op < drieentwintig:
        return LeerplichtStatus(
            Status.RMC_DOELGROEP,
            "18 tot 23 jaar zonder startkwalificatie",
            drieentwintig - timedelta(days=1),
        )
    return LeerplichtStatus(Status.GEEN, "23 jaar of ouder")


class Vrijstelling(msgspec.Struct, frozen=True):
    """A vrijstelling (Lpw 5, 15) or vervangende leerplicht (Lpw 3a, 3b) that was found valid,
    from `van` up to and including `tot` (None: open-ended)."""

    grond: str
    van: date
    tot: date | None = None

    def geldt_op(self, dag: date) -> bool:
        return self.van <= dag and (self.tot is None or dag <= self.tot)


def vrijstelling_op(vrijstellingen: Sequence[Vrijstelling], op: date) -> Vrijstelling | None:
    return next((v for v in vrijstellingen if v.geldt_op(op)), None)


def te_volgen(
    geboren: date,
    op: date,
    inschrijvingen: Sequence[Inschrijving] = (),
    diplomas: Sequence[Diploma] = (),
    vrijstellingen: Sequence[Vrijstelling] = (),
) -> str | None:
    """Why a jongere without a school on `op` is one the leerplichtambtenaar must follow up (the
    controls of art. 3.7-3.8, absoluut verzuim of art. 8), or None where the law has none: not
    leerplichtig or kwalificatieplichtig that day (too young or old, a startkwalificatie), or a
    vrijstelling or vervangende leerplicht holds (e.g. a 17-year-old gone to Defensie, art. 11.4).
    Every control and follow-up asks this one rule."""
    status = status_op(geboren, op, inschrijvingen, diplomas)
    if status.status not in (Status.LEERPLICHTIG, Status.KWALIFICATIEPLICHTIG):
        return None
    if vrijstelling_op(vrijstellingen, op) is not None:
        return None
    return status.reden
