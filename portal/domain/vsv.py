"""Who is a voortijdig schoolverlater on a month's VSV list (art. 9a, API.md).

A jongere of 12 to 23 at the end of the month, without a startkwalificatie by then, whose last
enrolment ended in or before that month with no later one (an enrolment still open, or starting or
ending after the month, means they are at school or about to be). Twelve is the lower bound of the
RMC target group: a younger child without a school is absoluut verzuim, not a school leaver, and
is not sent to the Inlichtingenbureau. The database selects candidates set-wise; this rule decides.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import msgspec

from portal.domain.leerplicht import leeftijd

MAAND = re.compile(r"^(20[0-9]{2})-(0[1-9]|1[0-2])$")


class Inschrijving(msgspec.Struct, frozen=True):
    van: date
    tot: date | None


def maand_einde(maand: str) -> date:
    """The last day of `YYYY-MM`; ValueError for anything else."""
    match = MAAND.match(maand)
    if not match:
        raise ValueError("maand moet de vorm JJJJ-MM hebben")
    jaar, nummer = int(match.group(1)), int(match.group(2))
    return date(jaar, nummer, calendar.monthrange(jaar, nummer)[1])


def is_vsv(
    geboortedatum: date,
    inschrijvingen: list[Inschrijving],
    startkwalificatie_sinds: date | None,
    maand: str,
) -> bool:
    einde = maand_einde(maand)
    if not 12 <= leeftijd(geboortedatum, einde) < 23:
        return False
    if startkwalificatie_sinds is not None and startkwalificatie_sinds <= einde:
        return False
    if not inschrijvingen:
        return False
    return all(i.tot is not None and i.tot <= einde and i.van <= einde for i in inschrijvingen)
