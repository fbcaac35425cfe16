"""Inspectie signalen about a school (Ambtsinstructie art. 20, with 3.5-3.6, 6.14 and 9.2).

- Lid 1: a leerplichtambtenaar who finds that a school falls short in keeping the Leerplichtwet
  (in- and uitschrijvingen reported late, meldingen not made, verlof granted against the law)
  records it and the advice given to the school.
- When a later visit finds it still so, a *schriftelijk signaal* (the facts observed, how the
  leerplichtambtenaar acted) goes to the Inspectie, after the teammanager's akkoord; the school is
  informed.
- Lid 5: a new breach after a signal is a *melding* to the Inspectie.

So a signal needs an earlier advice about the same kind of shortcoming at that school, and a
melding an earlier signal; each refusal names the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import msgspec


class Tekortkoming(StrEnum):
    INSCHRIJVING_TE_LAAT = "inschrijving_te_laat"
    UITSCHRIJVING_TE_LAAT = "uitschrijving_te_laat"
    MELDING_NIET_GEDAAN = "melding_niet_gedaan"
    VERLOF_TEGEN_DE_WET = "verlof_tegen_de_wet"
    OVERIG = "overig"


class Soort(StrEnum):
    ADVIES = "advies"
    """Lid 1: the shortcoming recorded, the advice given to the school."""
    SIGNAAL = "signaal"
    """The schriftelijk signaal to the Inspectie, after the teammanager's akkoord."""
    MELDING = "melding"
    """Lid 5: a new breach after a signal."""


class Eerder(msgspec.Struct, frozen=True):
    """An earlier entry in the school's history."""

    soort: Soort
    tekortkoming: Tekortkoming
    akkoord: bool = True
    """For a signal: whether the teammanager agreed (only then was it sent)."""


class Oordeel(msgspec.Struct, frozen=True):
    toegestaan: bool
    regel: str | None = None


def beoordeel(soort: Soort, tekortkoming: Tekortkoming, eerder: Sequence[Eerder]) -> Oordeel:
    """May this entry be made, given the school's history?"""
    zelfde = [e for e in eerder if e.tekortkoming is tekortkoming]
    if soort is Soort.SIGNAAL and not any(e.soort is Soort.ADVIES for e in zelfde):
        return Oordeel(
            False,
            "Een signaal aan de Inspectie volgt op een eerder advies aan de school over dezelfde "
            "tekortkoming (art. 20 lid 1 Ambtsinstructie Leerplicht en RMC)",
        )
    if soort is Soort.MELDING and not any(e.soort is Soort.SIGNAAL and e.akkoord for e in zelfde):
        return Oordeel(
            False,
            "Een melding aan de Inspectie volgt op een eerder signaal over dezelfde tekortkoming "
            "(art. 20 lid 5 Ambtsinstructie Leerplicht en RMC)",
        )
    return Oordeel(True)
