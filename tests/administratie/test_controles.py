"""The controls: who becomes a suspected absoluut verzuim (and who not), uitschrijvingen without a
new school, deadlines as rows, idempotence, woongebonden team, tenant isolation, and the API."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

import httpx
import pytest

from portal.administratie.service import controles_uitvoeren, import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, DIEMEN, UserFactory, bearer
from tests.factories import BRP_HEADER, new_bsn, write

PEIL = date(2026, 11, 24)
INS_HEADER = "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving"


@pytest.fixture(scope="module")
async def school(db: Database, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write(
        tmp_path_factory.mktemp("s"),
        "scholen.csv",
        "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
        "40CC;00;Diemer College;havo;0384;Leerplicht en RMC",
    )
    await import_file(db, "scholen", path, tenant_id=None)
    return "40CC"


async def person(
    db: Database,
    tmp_path: Path,
    geboren: date,
    *,
    tenant: str = DIEMEN,
    team: str = "Leerplicht en RMC",
    inschrijvingen: list[tuple[date, date | None]] = (),  # type: ignore[assignment]
    diplomas: list[tuple[str, date]] = (),  # type: ignore[assignment]
) -> str:
    number = new_bsn()
    row = f"{number};Kim;;Test;{geboren.isoformat()};V;{tenant};1111AA;1;Diemen;{team};;;;"
    await import_file(
        db, "brp", write(tmp_path, f"b{number}.csv", BRP_HEADER, row), tenant_id=tenant
    )
    if inschrijvingen:
        rows = [
            f"{number};40CC;00;havo;1;{van.isoformat()};{tot.isoformat() if tot else ''}"
            for van, tot in inschrijvingen
        ]
        await import_file(
            db,
            "inschrijvingen",
            write(tmp_path, f"i{number}.csv", INS_HEADER, *rows),
            tenant_id=tenant,
        )
    if diplomas:
        rows = [f"{number};{soort};{d.isoformat()}" for soort, d in diplomas]
        await import_file(
            db,
            "diplomas",
            write(tmp_path, f"d{number}.csv", "bsn;diploma;datum", *rows),
            tenant_id=tenant,
        )
    return number


async def signals_for(db: Database, number: str, tenant: str = DIEMEN) -> list[dict[str, object]]:
    async with db.tenant_tx(None, tenant_id=tenant) as tx:
        rows = await tx.conn.fetch(
            "SELECT s.soort, s.status, s.brin, s.reden, t.naam AS team,"
            " (SELECT array_agg(d.soort || '@' || d.uiterlijk ORDER BY d.uiterlijk)"
            "  FROM termijnen d WHERE d.signaal_id = s.id) AS termijnen"
            " FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
            " LEFT JOIN teams t ON t.id = s.team_id WHERE j.bsn = $1",
            number,
        )
    return [dict(r) for r in rows]


@pytest.mark.usefixtures("school")
@pytest.mark.parametrize(
    ("geboren", "expected"),
    [
        (date(2021, 10, 24), True),  # five on 24 Oct: leerplichtig from 1 Nov
        (date(2021, 11, 1), False),  # five on 1 Nov: leerplichtig from 1 Dec
        (date(2008, 11, 25), True),  # 17, kwalificatieplichtig until tomorrow
        (date(2008, 11, 24), False),  # 18 today: RMC-doelgroep, not absoluut verzuim
        (date(2023, 1, 1), False),  # 3 years old
    ],
)
async def test_absoluut_verzuim_at_the_age_boundaries(
    db: Database, tmp_path: Path, geboren: date, expected: bool
) -> None:
    number = await person(db, tmp_path, geboren)
    await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    found = [s for s in await signals_for(db, number) if s["soort"] == "vermoeden_absoluut_verzuim"]
    assert bool(found) is expected


@pytest.mark.usefixtures("school")
async def test_enrolled_vrijgesteld_or_qualified_jongeren_are_not_suspected(
    db: Database, tmp_path: Path
) -> None:
    enrolled = await person(
        db, tmp_path, date(2012, 3, 3), inschrijvingen=[(date(2024, 8, 1), None)]
    )
    ended_today = await person(
        db, tmp_path, date(2012, 3, 3), inschrijvingen=[(date(2024, 8, 1), PEIL)]
    )
    qualified = await person(
        db,
        tmp_path,
        date(2009, 3, 3),
        inschrijvingen=[(date(2021, 8, 1), date(2026, 7, 31))],
        diplomas=[("havo", date(2026, 7, 1))],
    )
    vrijgesteld = await person(db, tmp_path, date(2012, 3, 3))
    async with db.tenant_tx(None, tenant_id=DIEMEN) as tx:
        await tx.conn.execute(
            "INSERT INTO vrijstellingen (jongere_id, grond, van, tot)"
            " SELECT id, '5a', '2026-08-01', '2027-07-31' FROM jongeren WHERE bsn = $1",
            vrijgesteld,
        )
    await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    for number in (enrolled, ended_today, qualified, vrijgesteld):
        assert [
            s for s in await signals_for(db, number) if s["soort"] == "vermoeden_absoluut_verzuim"
        ] == []


@pytest.mark.usefixtures("school")
async def test_signal_has_deadlines_team_and_is_found_once(db: Database, tmp_path: Path) -> None:
    number = await person(db, tmp_path, date(2013, 6, 6))
    first = await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    assert first.vermoedens_absoluut_verzuim >= 1
    again = await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    assert again.vermoedens_absoluut_verzuim == 0
    (signal,) = await signals_for(db, number)
    assert signal["team"] == "Leerplicht en RMC"  # woongebonden: the team where the jongere lives
    assert signal["termijnen"] == [
        "administratieve_controle@2026-12-04",  # art. 8.1: 10 kalenderdagen
        "contact_ouders@2026-12-11",  # art. 8.2: 7 kalenderdagen after that
        "controle_advies@2026-12-18",  # art. 8.3: 7 more
    ]
    assert "leerplichtig" in str(signal["reden"])


@pytest.mark.usefixtures("school")
async def test_uitschrijving_without_a_new_school_is_followed_up_with_that_school(
    db: Database, tmp_path: Path
) -> None:
    left = PEIL - timedelta(days=20)
    alone = await person(db, tmp_path, date(2011, 1, 1), inschrijvingen=[(date(2023, 8, 1), left)])
    moved_on = await person(
        db,
        tmp_path,
        date(2011, 1, 1),
        inschrijvingen=[(date(2023, 8, 1), left), (left + timedelta(days=3), None)],
    )
    adult = await person(db, tmp_path, date(2007, 1, 1), inschrijvingen=[(date(2023, 8, 1), left)])
    recent = await person(
        db,
        tmp_path,
        date(2011, 1, 1),
        inschrijvingen=[(date(2023, 8, 1), PEIL - timedelta(days=3))],
    )
    await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    soorten = {
        n: {s["soort"]: s for s in await signals_for(db, n)}
        for n in (alone, moved_on, adult, recent)
    }
    follow_up = soorten[alone]["uitschrijving_zonder_inschrijving"]
    assert follow_up["brin"] == "40CC"
    assert follow_up["termijnen"] == ["navraag_school@2026-12-08"]  # 10 werkdagen
    assert "uitschrijving_zonder_inschrijving" not in soorten[moved_on]
    assert "uitschrijving_zonder_inschrijving" not in soorten[adult]
    assert "uitschrijving_zonder_inschrijving" not in soorten[recent]  # school still has 7 days


@pytest.mark.usefixtures("school")
async def test_a_resident_of_another_gemeente_is_not_this_tenants_case(
    db: Database, tmp_path: Path
) -> None:
    number = await person(db, tmp_path, date(2013, 6, 6))
    async with db.tenant_tx(None, tenant_id=DIEMEN) as tx:
        await tx.conn.execute("UPDATE jongeren SET gemeentecode = '0392' WHERE bsn = $1", number)
    await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    assert await signals_for(db, number) == []
    await controles_uitvoeren(db, PEIL, tenant_id=AMSTERDAM)
    assert await signals_for(db, number, AMSTERDAM) == []


@pytest.mark.usefixtures("school")
async def test_api_runs_controls_lists_signals_by_team_and_refuses_other_roles(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    number = await person(db, tmp_path, date(2014, 2, 2))
    medewerker = await make_user(DIEMEN, Role.ADMINISTRATIEF_MEDEWERKER)
    lpa = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    school = await make_user(DIEMEN, Role.SCHOOL, brin="40CC")
    amsterdam_lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")

    assert (
        await client.post("/api/v1/controles", json={}, headers=bearer(tokens, school))
    ).status_code == 403
    assert (
        await client.post("/api/v1/controles", json={}, headers=bearer(tokens, lpa))
    ).status_code == 403
    bad = await client.post(
        "/api/v1/controles", json={"peildatum": "2099-01-01"}, headers=bearer(tokens, medewerker)
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "peildatum"
    ran = await client.post(
        "/api/v1/controles",
        json={"peildatum": PEIL.isoformat()},
        headers=bearer(tokens, medewerker),
    )
    assert ran.status_code == 200, ran.text

    listed = await client.get(
        "/api/v1/signalen", params={"limit": 500}, headers=bearer(tokens, lpa)
    )
    assert listed.status_code == 200
    items = listed.json()["items"]
    mine = [i for i in items if i["jongere"]["naam"] == "Kim Test"]
    assert mine
    assert all(i["team"] == "Leerplicht en RMC" for i in items)
    deadlines = [
        i["eerstvolgende_termijn"]["uiterlijk"] for i in items if i["eerstvolgende_termijn"]
    ]
    assert deadlines == sorted(deadlines)  # nearest deadline first
    assert (await client.get("/api/v1/signalen", headers=bearer(tokens, school))).status_code == 403
    other = await client.get(
        "/api/v1/signalen", params={"limit": 500}, headers=bearer(tokens, amsterdam_lpa)
    )
    assert all(
        i["jongere"]["id"] not in {m["jongere"]["id"] for m in mine} for i in other.json()["items"]
    )
    assert number not in listed.text  # the list shows no BSN


@pytest.mark.usefixtures("school")
async def test_signal_list_pages_with_a_cursor_without_gaps_or_repeats(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    for _ in range(5):
        await person(db, tmp_path, date(2015, 5, 5))
    await controles_uitvoeren(db, PEIL, tenant_id=DIEMEN)
    manager = await make_user(DIEMEN, Role.TEAMMANAGER)
    everything = (
        await client.get("/api/v1/signalen", params={"limit": 500}, headers=bearer(tokens, manager))
    ).json()["items"]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get("/api/v1/signalen", params=params, headers=bearer(tokens, manager))
        ).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [i["id"] for i in everything]
    assert len(set(seen)) == len(seen)
    garbage = await client.get(
        "/api/v1/signalen", params={"cursor": "bm9u"}, headers=bearer(tokens, manager)
    )
    assert garbage.status_code == 422
    assert UUID(seen[0])
