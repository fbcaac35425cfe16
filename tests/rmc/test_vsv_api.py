"""The region's VSV list through the API (API.md "RMC" and "Regiogemeenten"): the selection at its
boundaries across tenants, moves within and out of the region, a regiogemeente seeing only its own
residents in JSON, CSV and counts, every row read audited, rebuilding replacing a month, and the
roles and tenants that get nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import httpx
import msgspec
import pytest

from integrations.http import PartnerHttp
from integrations.inlichtingenbureau.adapter import inlichtingenbureau
from integrations.inlichtingenbureau.client import IbClient
from integrations.simulators import INKOMENS, create_simulator
from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from portal.rmc.verrijking import verrijkingen_ophalen
from portal.settings import PartnerConfig
from tests.conftest import AMSTERDAM, DIEMEN, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

MAAND = "2026-10"


class Regio(msgspec.Struct):
    op_lijst_zaanstad: list[str] = msgspec.field(default_factory=list)
    op_lijst_diemen: list[str] = msgspec.field(default_factory=list)
    niet_op_lijst: list[str] = msgspec.field(default_factory=list)
    verhuisd_binnen: str = ""


async def _bewoners(
    db: Database, folder: Path, tenant: str, rows: list[tuple[str, str, str, str]]
) -> None:
    """rows: (bsn, geboren, gemeentecode, inschrijvingen as 'van>tot,van>tot')."""
    await import_file(
        db,
        "brp",
        write(
            folder,
            f"b{tenant}.csv",
            BRP_HEADER,
            *(
                f"{b};Vera;van;Lijst{n};{geboren};V;{code};1500AA;{n};Plaats;Leerplicht en RMC;;;;"
                for n, (b, geboren, code, _) in enumerate(rows)
            ),
        ),
        tenant_id=tenant,
    )
    brin = "80VA" if tenant == ZAANSTAD else "81VB"
    inschrijvingen = [
        f"{b};{brin};00;mbo;1;{periode.split('>')[0]};{periode.split('>')[1]}"
        for b, _, _, perioden in rows
        for periode in perioden.split(",")
        if periode
    ]
    await import_file(
        db,
        "inschrijvingen",
        write(folder, f"i{tenant}.csv", INS, *inschrijvingen),
        tenant_id=tenant,
    )


@pytest.fixture(scope="module")
async def regio(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Regio:
    folder = tmp_path_factory.mktemp("vsv")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "80VA;00;Zaans ROC;mbo;0479;Leerplicht en RMC",
            "81VB;00;Diemer College;mbo;0384;Leerplicht en RMC",
        ),
        tenant_id=None,
    )
    r = Regio()
    z1, z3, z4, z5, z2 = (new_bsn() for _ in range(5))
    mover, weg, d1 = new_bsn(), new_bsn(), new_bsn()
    await _bewoners(
        db,
        folder,
        ZAANSTAD,
        [
            (z1, "2007-05-05", "0479", "2023-08-01>2026-09-30"),  # 19, left: on
            (z2, "2009-03-03", "0479", "2023-08-01>2026-07-10"),  # havo diploma: off
            (z3, "2003-11-15", "0479", "2020-08-01>2026-10-15"),  # 22 at the end of October: on
            (z4, "2003-10-20", "0479", "2020-08-01>2026-10-15"),  # 23 on 20 October: off
            (z5, "2008-01-01", "0479", "2023-08-01>2026-09-30,2026-10-20>"),  # new school: off
            (mover, "2006-06-06", "0479", "2022-08-01>2026-08-31"),  # moved here from Diemen
        ],
    )
    await import_file(
        db,
        "diplomas",
        write(folder, "d.csv", "bsn;diploma;datum", f"{z2};havo;2026-07-10"),
        tenant_id=ZAANSTAD,
    )
    await _bewoners(
        db,
        folder,
        DIEMEN,
        [
            (d1, "2008-02-02", "0384", "2023-08-01>2026-10-31"),  # 18, left on the last day: on
            (mover, "2006-06-06", "0479", "2022-08-01>2026-08-31"),  # Diemen's old record
            (weg, "2007-07-07", "0344", "2022-08-01>2026-08-31"),  # moved to Utrecht: off
        ],
    )
    r.op_lijst_zaanstad = [z1, z3, mover]
    r.op_lijst_diemen = [d1]
    r.niet_op_lijst = [z2, z4, z5, weg]
    r.verhuisd_binnen = mover
    return r


async def _bouw(client: httpx.AsyncClient, tokens: TokenService, who: Any) -> httpx.Response:
    return await client.post(
        "/api/v1/rmc/vsv-lijsten", json={"maand": MAAND}, headers=bearer(tokens, who)
    )


async def test_the_list_selects_at_its_boundaries_and_each_gemeente_sees_its_own(
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    regio: Regio,
) -> None:
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    built = await _bouw(client, tokens, coordinator)
    assert built.status_code == 201, built.text
    body = built.json()
    assert body["status"] == "gebouwd"
    assert body["per_gemeente"][ZAANSTAD] >= 3
    assert body["aantal"] == sum(body["per_gemeente"].values())

    all_rows = (
        await client.get(
            f"/api/v1/vsv-lijsten/{MAAND}?limit=500", headers=bearer(tokens, coordinator)
        )
    ).json()["items"]
    seen = {row["bsn"]: row for row in all_rows}
    for number in regio.op_lijst_zaanstad:
        assert seen[number]["woongemeente"] == ZAANSTAD
    for number in regio.op_lijst_diemen:
        assert seen[number]["woongemeente"] == DIEMEN
    assert seen[regio.op_lijst_zaanstad[0]]["laatste_school"] == "Zaans ROC"
    for number in regio.niet_op_lijst:
        assert number not in seen
    assert [row["bsn"] for row in all_rows].count(regio.verhuisd_binnen) == 1

    zaanstad = await make_user(ZAANSTAD, Role.REGIOGEMEENTE)
    diemen = await make_user(DIEMEN, Role.REGIOGEMEENTE)
    z_rows = (
        await client.get(f"/api/v1/vsv-lijsten/{MAAND}?limit=500", headers=bearer(tokens, zaanstad))
    ).json()["items"]
    assert {row["woongemeente"] for row in z_rows} == {ZAANSTAD}
    assert set(regio.op_lijst_zaanstad) <= {row["bsn"] for row in z_rows}
    d_rows = (
        await client.get(f"/api/v1/vsv-lijsten/{MAAND}?limit=500", headers=bearer(tokens, diemen))
    ).json()["items"]
    assert {row["woongemeente"] for row in d_rows} == {DIEMEN}
    assert not set(regio.op_lijst_zaanstad) & {row["bsn"] for row in d_rows}

    lists = (await client.get("/api/v1/vsv-lijsten", headers=bearer(tokens, zaanstad))).json()
    [oktober] = [item for item in lists["items"] if item["maand"] == MAAND]
    assert oktober == {"maand": MAAND, "aantal": len(z_rows), "status": "gebouwd"}

    download = await client.get(
        f"/api/v1/vsv-lijsten/{MAAND}", headers={**bearer(tokens, zaanstad), "Accept": "text/csv"}
    )
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert f"vsv-{MAAND}-{ZAANSTAD}.csv" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text), delimiter=";"))
    assert {row["woongemeente"] for row in rows} == {ZAANSTAD}
    assert sorted(row["bsn"] for row in rows) == sorted(row["bsn"] for row in z_rows)

    conn = await asyncpg.connect(admin_dsn)
    try:
        exported = await conn.fetchval(
            "SELECT count(*) FROM portal.audit_events WHERE action = 'export'"
            " AND object_type = 'vsv_regel' AND actor_user_id = $1 AND tenant_id = $2",
            zaanstad.user_id,
            ZAANSTAD,
        )
    finally:
        await conn.close()
    assert exported == len(rows)


async def test_paging_and_rebuilding_replace_the_month(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, regio: Regio
) -> None:
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    first = (await _bouw(client, tokens, coordinator)).json()
    again = (await _bouw(client, tokens, coordinator)).json()
    assert again["aantal"] == first["aantal"]
    assert again["bericht_id"] != first["bericht_id"]
    seen: list[str] = []
    cursor = None
    while True:
        url = f"/api/v1/vsv-lijsten/{MAAND}?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(url, headers=bearer(tokens, coordinator))).json()
        seen += [row["bsn"] for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == again["aantal"]


@pytest.mark.parametrize(
    ("maand", "reason"), [("2026-13", "JJJJ-MM"), ("oktober", "JJJJ-MM"), ("2099-01", "toekomst")]
)
async def test_a_bad_month_is_a_422_naming_the_field(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, maand: str, reason: str
) -> None:
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    response = await client.post(
        "/api/v1/rmc/vsv-lijsten", json={"maand": maand}, headers=bearer(tokens, coordinator)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "maand"
    assert reason in response.json()["errors"][0]["message"]


async def test_others_get_nothing(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, regio: Regio
) -> None:
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    assert (await _bouw(client, tokens, coordinator)).status_code == 201
    for tenant, role in [
        (AMSTERDAM, Role.LEERPLICHTAMBTENAAR),
        (AMSTERDAM, Role.SCHOOL),
        (AMSTERDAM, Role.JONGERENPUNT),
        (ZAANSTAD, Role.LEERPLICHTAMBTENAAR),
    ]:
        other = await make_user(tenant, role, brin="80VA" if role is Role.SCHOOL else None)
        for method, url in [
            ("GET", "/api/v1/vsv-lijsten"),
            ("GET", f"/api/v1/vsv-lijsten/{MAAND}"),
            ("POST", "/api/v1/rmc/vsv-lijsten"),
        ]:
            response = await client.request(
                method, url, json={"maand": MAAND}, headers=bearer(tokens, other)
            )
            assert response.status_code == 403, (role, url)
    # A coördinator outside the contactgemeente cannot build the region's list.
    elsewhere = await make_user(ZAANSTAD, Role.RMC_COORDINATOR)
    assert (await _bouw(client, tokens, elsewhere)).status_code == 403
    # A regiogemeente with no list for a month gets a 404, not someone else's rows.
    zaanstad = await make_user(ZAANSTAD, Role.REGIOGEMEENTE)
    missing = await client.get("/api/v1/vsv-lijsten/2019-01", headers=bearer(tokens, zaanstad))
    assert missing.status_code == 404


async def test_the_regional_read_is_open_only_to_the_build_and_the_coordinator(
    db: Database, make_user: UserFactory, regio: Regio
) -> None:
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    elsewhere = await make_user(ZAANSTAD, Role.RMC_COORDINATOR)
    query = "SELECT count(*) FROM jongeren WHERE bsn = ANY($1::text[])"
    theirs = [*regio.op_lijst_zaanstad, *regio.op_lijst_diemen]
    async with db.tenant_tx(coordinator) as tx:
        assert await tx.conn.fetchval(query, theirs) == 0
    async with db.tenant_tx(coordinator, purpose="vsv-lijst bouwen") as tx:
        assert await tx.conn.fetchval(query, theirs) >= len(theirs)
    for other in (lpa, elsewhere):
        async with db.tenant_tx(other, purpose="vsv-lijst bouwen") as tx:
            found = await tx.conn.fetchval(query, theirs)
        assert found == (len(regio.op_lijst_zaanstad) if other is elsewhere else 0)


async def test_the_inlichtingenbureau_enriches_the_list_and_a_rebuild_starts_over(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    regio: Regio,
) -> None:
    """The list goes to the simulator through its adapter; the worker's merge puts the income
    class on each row; an answer for a list since rebuilt is ignored."""
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    zaanstad = await make_user(ZAANSTAD, Role.REGIOGEMEENTE)
    built = (await _bouw(client, tokens, coordinator)).json()
    http = PartnerHttp("inlichtingenbureau", PartnerConfig(base_url="http://ib", timeout_seconds=2))
    http.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_simulator("inlichtingenbureau")),
        base_url="http://ib",
    )
    try:
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            message = await store.get(tx.conn, UUID(built["bericht_id"]))
            assert message is not None
            sent = await inlichtingenbureau(http).deliver(message)
            await store.delivered(tx.conn, message.id, sent.partner_ref)
        result = await verrijkingen_ophalen(db, IbClient(http), AMSTERDAM)
        assert (result.verrijkt, result.regels) == (1, built["aantal"])
        assert (await verrijkingen_ophalen(db, IbClient(http), AMSTERDAM)).verrijkt == 0
        rows = (
            await client.get(
                f"/api/v1/vsv-lijsten/{MAAND}?limit=500", headers=bearer(tokens, zaanstad)
            )
        ).json()
        assert rows["status"] == "verrijkt"
        assert all(row["inkomen"] for row in rows["items"])
        number = regio.op_lijst_zaanstad[0]
        [row] = [r for r in rows["items"] if r["bsn"] == number]
        assert row["inkomen"] == INKOMENS[int(number) % len(INKOMENS)]
        listed = (await client.get("/api/v1/vsv-lijsten", headers=bearer(tokens, zaanstad))).json()
        assert {"maand": MAAND, "aantal": len(rows["items"]), "status": "verrijkt"} in listed[
            "items"
        ]

        rebuilt = (await _bouw(client, tokens, coordinator)).json()
        assert rebuilt["status"] == "gebouwd"
        again = (
            await client.get(
                f"/api/v1/vsv-lijsten/{MAAND}?limit=500", headers=bearer(tokens, zaanstad)
            )
        ).json()
        assert again["status"] == "gebouwd"
        assert not any(row["inkomen"] for row in again["items"])
    finally:
        await http.aclose()


async def test_the_regional_overview_counts_per_gemeente_and_month(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    regio: Regio,
    tmp_path: Path,
) -> None:
    """September's list, then October's: Zaanstad's z1 left in September (on both lists), one
    September leaver is back at school in October, and the counts say so."""
    coordinator = await make_user(AMSTERDAM, Role.RMC_COORDINATOR)
    terug = new_bsn()
    await _bewoners(
        db, tmp_path, ZAANSTAD, [(terug, "2007-01-01", "0479", "2022-08-01>2026-09-10")]
    )
    september = await client.post(
        "/api/v1/rmc/vsv-lijsten", json={"maand": "2026-09"}, headers=bearer(tokens, coordinator)
    )
    assert september.status_code == 201
    # DUO reports his new school after September's list went out.
    await _bewoners(
        db, tmp_path, ZAANSTAD, [(terug, "2007-01-01", "0479", "2022-08-01>2026-09-10,2026-10-01>")]
    )
    assert (await _bouw(client, tokens, coordinator)).status_code == 201
    overview = (
        await client.get("/api/v1/rmc/overzicht", headers=bearer(tokens, coordinator))
    ).json()
    rows = {(r["maand"], r["woongemeente"]): r for r in overview["items"]}
    oktober, sept = rows[(MAAND, ZAANSTAD)], rows[("2026-09", ZAANSTAD)]
    assert oktober["gemeente"] == "Zaanstad"
    assert sept["nieuw"] is None or sept["nieuw"] <= sept["aantal"]
    # z3 left in October: new on October's list; the returner was on September's only.
    assert oktober["nieuw"] >= 1
    assert oktober["teruggekeerd"] >= 1
    assert oktober["zonder_contact"] <= oktober["aantal"]
    assert {r["woongemeente"] for r in overview["items"] if r["maand"] == MAAND} == {
        "0362",
        "0363",
        "0384",
        "0394",
        "0439",
        "0479",
    }
    regio_user = await make_user(ZAANSTAD, Role.REGIOGEMEENTE)
    assert (
        await client.get("/api/v1/rmc/overzicht", headers=bearer(tokens, regio_user))
    ).status_code == 403
