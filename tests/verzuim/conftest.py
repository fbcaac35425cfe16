"""Fixtures of the verzuim tests."""

from __future__ import annotations

import pytest

from portal.administratie.service import import_file
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD
from tests.factories import BRP_HEADER, INS, new_bsn, write
from tests.verzuim.helpers import Pupils


@pytest.fixture(scope="module")
async def pupils(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Pupils:
    folder = tmp_path_factory.mktemp("meldingen")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "50EE;00;Het Melder College;havo;0363;Zuid",
            "51FF;00;Andere School;vmbo;0363;Noord",
            "52GG;00;Zaanse School;vmbo;0479;Leerplicht en RMC",
        ),
        tenant_id=None,
    )
    p = Pupils()
    p.amsterdammer, p.volwassene, p.niet_hier = new_bsn(), new_bsn(), new_bsn()
    p.zaankanter = new_bsn()
    await import_file(
        db,
        "brp",
        write(
            folder,
            "a.csv",
            BRP_HEADER,
            f"{p.amsterdammer};Sam;;Melder;2011-03-03;M;0363;1011AB;1;Amsterdam;Zuid;;;;",
            f"{p.volwassene};Kim;;Ouder;2006-03-03;V;0363;1011AB;2;Amsterdam;Zuid;;;;",
            f"{p.niet_hier};Lot;;Elders;2011-03-03;V;0363;1011AB;3;Amsterdam;Zuid;;;;",
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "brp",
        write(
            folder,
            "z.csv",
            BRP_HEADER,
            f"{p.zaankanter};Jip;;Zaan;2012-03-03;M;0479;1500AA;1;Zaandam;;;;;",
        ),
        tenant_id=ZAANSTAD,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            folder,
            "ia.csv",
            INS,
            f"{p.amsterdammer};50EE;00;havo;3;2023-08-01;",
            f"{p.volwassene};50EE;00;havo;5;2020-08-01;",
            f"{p.niet_hier};51FF;00;vmbo;3;2023-08-01;",
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            folder,
            "iz.csv",
            INS,
            f"{p.zaankanter};50EE;00;havo;2;2024-08-01;",
        ),
        tenant_id=ZAANSTAD,
    )
    return p
