"""Days and terms: kalenderdagen, werkdagen and schooldagen, and the school year.

Every legal term says which kind of day it counts (DOMAIN.md §2, §4):
- *kalenderdagen*: every day.
- *werkdagen*: Monday to Friday except the algemeen erkende feestdagen of the Algemene termijnenwet
  (art. 3): Nieuwjaarsdag, Tweede Paasdag, Koningsdag, 5 mei (every year), Hemelvaartsdag, Tweede
  Pinksterdag, Eerste en Tweede Kerstdag. Goede Vrijdag is not among them (it is a werkdag), though
  holiday calendars often list it: the list is written out here from the article, and only the date
  of Easter is taken from a library (`dateutil.easter`).
- *schooldagen*: Monday to Friday outside the region's school holidays and the feestdagen.

A term "binnen N dagen na X" ends on the N-th day of its kind after X.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import msgspec
from dateutil.easter import easter


class Dagsoort(StrEnum):
    KALENDERDAGEN = "kalenderdagen"
    WERKDAGEN = "werkdagen"
    SCHOOLDAGEN = "schooldagen"


class Periode(msgspec.Struct, frozen=True):
    """A closed interval of dates, e.g. a school holiday (both ends included)."""

    van: date
    tot: date
    naam: str = ""

    def __post_init__(self) -> None:
        if self.tot < self.van:
            raise ValueError(f"periode eindigt ({self.tot}) voor zij begint ({self.van})")

    def bevat(self, dag: date) -> bool:
        return self.van <= dag <= self.tot


def koningsdag(jaar: int) -> date:
    """ "De dag waarop de verjaardag van de Koning wordt gevierd" (Atw art. 3): 27 April since 2014,
    30 April before (Koninginnedag); a day earlier when that day is a Sunday."""
    dag = date(jaar, 4, 27) if jaar >= 2014 else date(jaar, 4, 30)
    return dag - timedelta(days=1) if dag.weekday() == 6 else dag


@cache
def feestdagen(jaar: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of one year that can fall on a weekday (Atw art. 3; the
    Sunday, and so Eerste Paas- and Pinksterdag, is one too)."""
    pasen = easter(jaar)
    return frozenset(
        {
            date(jaar, 1, 1),  # Nieuwjaarsdag
            pasen + timedelta(days=1),  # Tweede Paasdag
            koningsdag(jaar),
            date(jaar, 5, 5),  # de vijfde mei
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=50),  # Tweede Pinksterdag
            date(jaar, 12, 25),  # Eerste Kerstdag
            date(jaar, 12, 26),  # Tweede Kerstdag
        }
    )


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def is_schooldag(dag: date, vakanties: Iterable[Periode]) -> bool:
    return is_werkdag(dag) and not any(v.bevat(dag) for v in vakanties)


def schooljaar(dag: date) -> int:
    """The school year a date falls in, named by the year it starts (1 August – 31 July)."""
    return dag.year if dag.month >= 8 else dag.year - 1


def schooljaar_periode(jaar: int) -> Periode:
    return Periode(date(jaar, 8, 1), date(jaar + 1, 7, 31), f"schooljaar {jaar}-{jaar + 1}")


def einde_schooljaar(dag: date) -> date:
    return date(schooljaar(dag) + 1, 7, 31)


def termijn(start: date, aantal: int, soort: Dagsoort, vakanties: Iterable[Periode] = ()) -> date:
    """The last day of a term of `aantal` days of `soort` after `start` (start not counted)."""
    if aantal < 0:
        raise ValueError("een termijn telt niet terug")
    if soort is Dagsoort.KALENDERDAGEN:
        return start + timedelta(days=aantal)
    blocks = tuple(vakanties)
    dag, geteld = start, 0
    while geteld < aantal:
        dag += timedelta(days=1)
        if soort is Dagsoort.WERKDAGEN:
            geteld += is_werkdag(dag)
        else:
            geteld += is_schooldag(dag, blocks)
    return dag


def tel(van: date, tot: date, soort: Dagsoort, vakanties: Iterable[Periode] = ()) -> int:
    """How many days of `soort` lie in [van, tot], both included (e.g. schooldagen verlof)."""
    if tot < van:
        return 0
    if soort is Dagsoort.KALENDERDAGEN:
        return (tot - van).days + 1
    blocks = tuple(vakanties)
    count, dag = 0, van
    while dag <= tot:
        count += is_werkdag(dag) if soort is Dagsoort.WERKDAGEN else is_schooldag(dag, blocks)
        dag += timedelta(days=1)
    return count
