"""Cases over weeks of simulated time: one clock moved by the test, every deadline checked on real
dates across Koningsdag, 5 mei and Hemelvaart (DOMAIN §2, §4: a term counts from the day its step
was taken, werkdagen are the Algemene termijnenwet's)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from portal.administratie.service import controles_uitvoeren, import_file
from portal.app import create_app
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.clock import ZONE, FixedClock
from portal.db.pool import Database
from portal.settings import Settings
from tests.conftest import AMSTERDAM, UserFactory, bearer, serve_in_loop
from tests.factories import BRP_HEADER, INS, new_bsn, write
from tests.verzuim.helpers import melding, step

PURMEREND = "0439"


@pytest.fixture
def klok() -> FixedClock:
    return FixedClock(datetime(2026, 4, 24, 9, 30, tzinfo=ZONE))


@pytest.fixture
async def sim(
    settings: Settings, db: Database, klok: FixedClock
) -> AsyncIterator[httpx.AsyncClient]:
    """The portal on the session's database, with a clock the test moves."""
    app: Litestar = create_app(settings, database=db.met_klok(klok))
    async with serve_in_loop(app) as http:
        yield http


def per_soort(zaak: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["soort"]: t for t in zaak["termijnen"]}


async def test_a_relatief_verzuim_case_across_koningsdag_5_mei_and_hemelvaart(
    db: Database,
    sim: httpx.AsyncClient,
    klok: FixedClock,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    klok_db = db.met_klok(klok)
    await import_file(
        klok_db,
        "scholen",
        write(
            tmp_path,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "31KL;00;Koningsdag College;vmbo;0363;Oost",
        ),
        tenant_id=None,
    )
    number = new_bsn()
    await import_file(
        klok_db,
        "brp",
        write(
            tmp_path,
            "b.csv",
            BRP_HEADER,
            f"{number};Kees;;Klok;2012-02-01;M;0363;1091AA;3;Amsterdam;Oost;111222333;K. Klok;;",
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        klok_db,
        "inschrijvingen",
        write(tmp_path, "i.csv", INS, f"{number};31KL;00;vmbo;2;2024-08-01;"),
        tenant_id=AMSTERDAM,
    )
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="31KL")
    lpa: Principal = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Oost")
    assistent = await make_user(AMSTERDAM, Role.LEERPLICHTASSISTENT, team="Oost")

    # Friday 24 April: the melding. Three werkdagen skip Koningsdag (Monday 27 April).
    gemeld = await sim.post(
        "/api/v1/meldingen",
        json=melding(number, brin="31KL", periode_van="2026-03-30", periode_tot="2026-04-24"),
        headers=bearer(tokens, school),
    )
    assert gemeld.status_code == 201, gemeld.text
    assert gemeld.json()["termijnen"] == [
        {"soort": "uitnodiging_gesprek", "uiterlijk": "2026-04-30"}
    ]

    # Thursday 30 April: the first assessment; the invitation now counts from it, over 5 mei.
    klok.zet(datetime(2026, 4, 30, 16, 0, tzinfo=ZONE))
    geopend = await sim.post(
        "/api/v1/zaken", json={"melding_id": gemeld.json()["id"]}, headers=bearer(tokens, lpa)
    )
    assert geopend.status_code == 201, geopend.text
    zaak = geopend.json()["id"]
    beoordeeld = await step(sim, tokens, lpa, zaak, "beoordelen")
    assert beoordeeld.status_code == 200, beoordeeld.text
    assert per_soort(geopend.json())["uitnodiging_gesprek"]["voorlopig"]  # not assessed yet
    termijn = per_soort(beoordeeld.json())["uitnodiging_gesprek"]
    assert (termijn["uiterlijk"], termijn["voldaan_op"]) == ("2026-05-06", None)
    assert not termijn["voorlopig"]

    # 00:30 on Thursday 7 May in Amsterdam (still the 6th in UTC): one day late, and shown so.
    klok.zet(datetime(2026, 5, 7, 0, 30, tzinfo=ZONE))
    uitgenodigd = await step(sim, tokens, lpa, zaak, "uitnodigen")
    termijn = per_soort(uitgenodigd.json())["uitnodiging_gesprek"]
    assert (termijn["voldaan_op"], termijn["te_laat"]) == ("2026-05-07", True)

    # Wednesday 13 May: a deurbezoek, due in 5 werkdagen, over Hemelvaart (Thursday 14 May).
    klok.zet(datetime(2026, 5, 13, 11, 0, tzinfo=ZONE))
    bezoek = await step(
        sim,
        tokens,
        lpa,
        zaak,
        "deurbezoek_uitzetten",
        vaststellingen={"deurbezoek_opdracht": "Aanbellen, kaart achterlaten"},
    )
    assert bezoek.status_code == 200, bezoek.text
    taken = (await sim.get("/api/v1/taken", headers=bearer(tokens, assistent))).json()["items"]
    taak = next(t for t in taken if t["zaak_id"] == zaak)
    assert taak["uiterlijk"] == "2026-05-21"
    assert not taak["verlopen"]

    # Friday 22 May: the task is now overdue by the same clock.
    klok.zet(date(2026, 5, 22))
    taken = (await sim.get("/api/v1/taken", headers=bearer(tokens, assistent))).json()["items"]
    assert next(t for t in taken if t["zaak_id"] == zaak)["verlopen"]
    async with db.tenant_tx(lpa) as tx:
        dagen = await tx.conn.fetch(
            "SELECT w.datum FROM werklogboek w JOIN jongeren j ON j.id = w.jongere_id"
            " WHERE j.bsn = $1 ORDER BY w.datum",
            number,
        )
    assert {r["datum"] for r in dagen} == {
        date(2026, 4, 30),
        date(2026, 5, 7),
        date(2026, 5, 13),
    }


async def test_absoluut_verzuim_counts_each_term_from_the_step_taken(
    db: Database,
    sim: httpx.AsyncClient,
    klok: FixedClock,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    """Found on Monday 2 November: 8.1 by 12 November. The check done early (5 November) moves
    8.2 forward to 12 November; the contact done late (16 November) is met late, and 8.3 counts
    7 days from it (23 November)."""
    klok.zet(datetime(2026, 11, 2, 8, 0, tzinfo=ZONE))
    klok_db = db.met_klok(klok)
    await import_file(
        klok_db,
        "scholen",
        write(
            tmp_path,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "72KL;00;Purmer Klok;vmbo;0439;Leerplicht en RMC",
        ),
        tenant_id=None,
    )
    number = new_bsn()
    await import_file(
        klok_db,
        "brp",
        write(
            tmp_path,
            "b.csv",
            BRP_HEADER,
            f"{number};Ria;;Klok;2011-09-01;V;0439;1441AA;9;Purmerend;Leerplicht en RMC;"
            "111222333;R. Klok;;",
        ),
        tenant_id=PURMEREND,
    )
    await import_file(
        klok_db,
        "inschrijvingen",
        write(tmp_path, "i.csv", INS, f"{number};72KL;00;vmbo;3;2023-08-01;2026-10-01"),
        tenant_id=PURMEREND,
    )
    await controles_uitvoeren(klok_db, date(2026, 11, 2), tenant_id=PURMEREND)
    async with db.tenant_tx(None, tenant_id=PURMEREND) as tx:
        signaal = await tx.conn.fetchval(
            "SELECT s.id FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
            " WHERE j.bsn = $1 AND s.soort = 'vermoeden_absoluut_verzuim'",
            number,
        )
    assert signaal is not None
    boa = await make_user(PURMEREND, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC", boa=True)
    geopend = await sim.post(
        "/api/v1/zaken", json={"signaal_id": str(signaal)}, headers=bearer(tokens, boa)
    )
    assert geopend.status_code == 201, geopend.text
    zaak = geopend.json()["id"]
    assert {s: t["uiterlijk"] for s, t in per_soort(geopend.json()).items()} == {
        "administratieve_controle": "2026-11-12",
        "contact_ouders": "2026-11-19",
        "controle_advies": "2026-11-26",
    }
    # Until its step is taken, a term counts from the last day of the one before: voorlopig.
    assert {s: t["voorlopig"] for s, t in per_soort(geopend.json()).items()} == {
        "administratieve_controle": False,
        "contact_ouders": True,
        "controle_advies": True,
    }

    klok.zet(date(2026, 11, 5))
    gecontroleerd = per_soort(
        (await step(sim, tokens, boa, zaak, "administratief_controleren")).json()
    )
    assert gecontroleerd["administratieve_controle"]["voldaan_op"] == "2026-11-05"
    assert gecontroleerd["contact_ouders"]["uiterlijk"] == "2026-11-12"
    assert gecontroleerd["controle_advies"]["uiterlijk"] == "2026-11-19"
    assert not gecontroleerd["contact_ouders"]["voorlopig"]
    assert gecontroleerd["controle_advies"]["voorlopig"]

    klok.zet(date(2026, 11, 16))
    contact = per_soort((await step(sim, tokens, boa, zaak, "contact_ouders")).json())
    assert contact["contact_ouders"]["voldaan_op"] == "2026-11-16"
    assert contact["contact_ouders"]["te_laat"]
    assert not contact["contact_ouders"]["verlopen"]
    assert contact["controle_advies"]["uiterlijk"] == "2026-11-23"

    klok.zet(date(2026, 11, 24))
    zaak_nu = (await sim.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, boa))).json()
    assert per_soort(zaak_nu)["controle_advies"]["verlopen"]
