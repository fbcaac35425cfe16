"""The one clock every use case takes "today" from.

A request, a step or a control run reads the clock once, when its transaction opens (`Tx.nu`,
`Tx.vandaag`), so that work crossing midnight keeps one date, and a test can run a case over weeks
of simulated time by handing the database a clock it sets. Dates are Amsterdam's: the legal day
of a gemeente in the Netherlands, not the server's or the database's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Amsterdam")


class Clock(Protocol):
    def nu(self) -> datetime:
        """The current moment, aware, in Europe/Amsterdam."""
        ...


class SystemClock:
    def nu(self) -> datetime:
        return datetime.now(ZONE)


class FixedClock:
    """A clock that stands still until moved: for tests and simulations."""

    def __init__(self, moment: datetime | date) -> None:
        self._nu = _aware(moment)

    def nu(self) -> datetime:
        return self._nu

    def zet(self, moment: datetime | date) -> None:
        self._nu = _aware(moment)

    def verder(self, dagen: int = 0, **delta: float) -> None:
        self._nu += timedelta(days=dagen, **delta)


def _aware(moment: datetime | date) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)
    return datetime(moment.year, moment.month, moment.day, 12, tzinfo=ZONE)


def vandaag(clock: Clock) -> date:
    return clock.nu().date()
