"""Shared test data: import files as the gemeente's systems write them, and valid BSNs."""

from __future__ import annotations

import random
from pathlib import Path

from portal.domain import bsn
from tests.conftest import AMSTERDAM

BRP_HEADER = (
    "bsn;voornamen;voorvoegsel;geslachtsnaam;geboortedatum;geslacht;gemeentecode;postcode;"
    "huisnummer;woonplaats;team;ouder1_bsn;ouder1_naam;ouder2_bsn;ouder2_naam"
)
_rng = random.Random(20261124)


def new_bsn() -> str:
    return bsn.generate(_rng)


def write(tmp_path: Path, name: str, *lines: str, raw: bytes | None = None) -> Path:
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def brp_row(
    number: str,
    *,
    geboren: str = "2012-03-04",
    gemeente: str = AMSTERDAM,
    team: str = "",
    naam: str = "Jansen",
) -> str:
    return f"{number};Eva;;{naam};{geboren};V;{gemeente};1011AB;12;Amsterdam;{team};;;;"


INS = "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving"
