"""What a search for a person means: a BSN, or words of a name (any case, accents ignored, a
voorvoegsel or not: "van Dijk", "Dijk", "dijk", "Özdemir" as "ozdemir"), optionally with a
geboortedatum ("Fen 05-04-2013"). The database normalises names with the same table
(migration 0036's `zoeknaam`), so a word matches what a person typed either way."""

from __future__ import annotations

import re
from datetime import date

import msgspec

# One table for Python and SQL (`translate` in migration 0036): letter by letter, no expansion.
VAN = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžĞğŞşİı"
NAAR = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzGgSsIi"
_TABEL = str.maketrans(VAN, NAAR)
_DATUM = (
    re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"),  # 5-4-2013, 05-04-2013
    re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),  # 2013-04-05
)
MAX_WOORDEN = 6


KENMERK = re.compile(r"^(LP|RMC|VL|VR)-(\d{4})-(\d{1,7})$")
"""'Ons kenmerk' on a letter: a case (LP, RMC), a verlof application (VL), a vrijstelling (VR)."""


class Zoekterm(msgspec.Struct, frozen=True):
    bsn: str | None = None
    woorden: tuple[str, ...] = ()
    """Normalised words, each to match the start of a word of the name."""
    geboortedatum: date | None = None
    kenmerk: str | None = None
    """A letter's kenmerk, as printed (LP-2026-00123): the jongere it is about."""


def normaliseer(tekst: str) -> str:
    """Lower case, accents off, apostrophes and hyphens as spaces ('t Hart, Jansen-de Vries)."""
    return " ".join(re.sub(r"[^\w ]|_", " ", tekst.translate(_TABEL).lower()).split())


def _datum(woord: str) -> date | None:
    for patroon in _DATUM:
        if m := patroon.match(woord):
            a, b, c = (int(g) for g in m.groups())
            try:
                return date(a, b, c) if a > 31 else date(c, b, a)
            except ValueError:
                return None
    return None


def lees(tekst: str) -> Zoekterm | None:
    """The search a text asks for, or None when it asks for nothing one can search on (fewer than
    two letters and no BSN or date)."""
    ruw = tekst.strip()
    if m := KENMERK.match(ruw.upper().replace(" ", "")):
        return Zoekterm(kenmerk=f"{m[1]}-{m[2]}-{int(m[3]):05d}")
    cijfers = ruw.replace(" ", "")
    if cijfers.isdigit() and len(cijfers) in (8, 9):
        return Zoekterm(bsn=cijfers.zfill(9))
    geboren: date | None = None
    woorden: list[str] = []
    for deel in ruw.split():
        if (d := _datum(deel)) is not None:
            geboren = d
        else:
            woorden += normaliseer(deel).split()
    woorden = woorden[:MAX_WOORDEN]
    if not geboren and sum(len(w) for w in woorden) < 2:
        return None
    return Zoekterm(woorden=tuple(woorden), geboortedatum=geboren)
