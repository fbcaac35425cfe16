"""Which team handles a jongere (Leerplichtinstructie 2016, 1.4).

- **schoolgebonden**: a jongere enrolled at a school (up to 23) is handled by the team of the
  school's location; when the school lies in another gemeente, that gemeente handles the case.
- **woongebonden**: a jongere not enrolled (absoluut verzuim from 5, or an RMC jongere up to 23)
  is handled by the team where the jongere lives.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Grondslag(StrEnum):
    SCHOOLGEBONDEN = "schoolgebonden"
    WOONGEBONDEN = "woongebonden"
    GEEN = "geen"


class SchoolLocatie(msgspec.Struct, frozen=True):
    naam: str
    gemeentecode: str
    team: str | None


class Toewijzing(msgspec.Struct, frozen=True):
    grondslag: Grondslag
    team: str | None
    gemeentecode: str | None
    toelichting: str


def toewijzen(
    *, leeftijd: int, school: SchoolLocatie | None, woonteam: str | None, gemeentecode: str
) -> Toewijzing:
    """`school`: where the jongere is enrolled today (None: not enrolled); `gemeentecode`: the
    gemeente whose administration asks."""
    if leeftijd < 5 or leeftijd >= 23:
        return Toewijzing(Grondslag.GEEN, None, None, "buiten de leeftijd van leerplicht en RMC")
    if school is not None:
        if school.gemeentecode != gemeentecode:
            return Toewijzing(
                Grondslag.SCHOOLGEBONDEN,
                None,
                school.gemeentecode,
                f"ingeschreven bij {school.naam}: de gemeente van de school behandelt meldingen",
            )
        return Toewijzing(
            Grondslag.SCHOOLGEBONDEN,
            school.team,
            gemeentecode,
            f"team van de schoollocatie ({school.naam})",
        )
    return Toewijzing(
        Grondslag.WOONGEBONDEN, woonteam, gemeentecode, "niet ingeschreven: team van de woonplaats"
    )
