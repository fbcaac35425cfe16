"""The teammanager's figures: intake and outcomes per month, open cases, overdue deadlines; counts
only, for the own gemeente (or one team), and for nobody but a teammanager."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.verzuim.cijfers import maanden, periode
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.verzuim.helpers import leerling_met_melding, referred, step, tot_gesprek

MAAND = f"{date.today():%Y-%m}"


def _som(rows: list[dict[str, Any]], maand: str, categorie: str) -> int:
    return sum(r["aantal"] for r in rows if r["maand"] == maand and r["categorie"] == categorie)


def test_periode_defaults_to_twelve_months_and_checks_its_bounds() -> None:
    assert periode(None, None, date(2026, 11, 24)) == (date(2025, 12, 1), date(2026, 11, 1))
    assert periode(None, None, date(2026, 12, 5)) == (date(2026, 1, 1), date(2026, 12, 1))
    assert maanden("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert len(maanden(*(f"{d:%Y-%m}" for d in periode(None, None, date(2026, 1, 31))))) == 12


async def test_intake_and_outcomes_count_the_team_s_new_work(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    async with db.tenant_tx(manager) as tx:
        zuid = str(await tx.conn.fetchval("SELECT id FROM teams WHERE naam = 'Zuid'"))
        oost = str(await tx.conn.fetchval("SELECT id FROM teams WHERE naam = 'Oost'"))
    headers = bearer(tokens, manager)

    async def figures(**query: str) -> dict[str, Any]:
        response = await client.get("/api/v1/cijfers", params=query, headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    before = await figures(team=zuid)
    before_oost = await figures(team=oost)
    zaken = []
    for i, (voornaam, leeftijd) in enumerate((("Cas", 13), ("Dex", 14))):
        gemeld = await leerling_met_melding(
            db,
            client,
            tokens,
            make_user,
            tmp_path_factory.mktemp(f"cijfers{i}"),
            brin="61CC",
            school="Cijfer College",
            onderwijssoort="vmbo",
            voornaam=voornaam,
            achternaam="Cijfer",
            leeftijd=leeftijd,
        )
        zaken.append(await tot_gesprek(client, tokens, lpa, gemeld.melding))
    # One closes after the talk, the other after a warning letter.
    await step(client, tokens, lpa, zaken[1], "waarschuwingsbrief")
    for zaak in zaken:
        closed = await step(
            client, tokens, lpa, zaak, "afsluiten", vaststellingen={"reden_afsluiten": "gestopt"}
        )
        assert closed.json()["status"] == "afgesloten", closed.text

    after = await figures(team=zuid)
    assert after["van"] <= MAAND == after["tot"]
    categorie = "16_uur_in_4_weken"
    assert (
        _som(after["instroom"], MAAND, categorie) == _som(before["instroom"], MAAND, categorie) + 2
    )
    for uitkomst in ("zonder_maatregel", "waarschuwing"):
        assert (
            _som(after["uitkomsten"], MAAND, uitkomst)
            == _som(before["uitkomsten"], MAAND, uitkomst) + 1
        )
    assert await figures(team=oost) == before_oost  # another team's figures did not move
    whole = await figures()
    assert _som(whole["instroom"], MAAND, categorie) >= _s(after, categorie)
    assert isinstance(whole["verlopen_termijnen"], int)
    assert all(set(r) == {"soort", "status", "aantal"} for r in whole["open_zaken"])


async def test_a_teammanager_who_is_no_boa_counts_halt_closed_cases_as_halt(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Halt's steps are Wpg rows the manager cannot read; the outcome still counts, in the month
    Halt's positive afdoening closed the case."""
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    assert not manager.boa
    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path_factory.mktemp("halt"),
        brin="62HH",
        school="Halt College",
        onderwijssoort="vmbo",
        voornaam="Hal",
        achternaam="Cijfer",
        leeftijd=14,
    )
    zaak, _ = await referred(client, tokens, {"melding": gemeld.melding}, make_user)

    async def halt_count() -> int:
        response = await client.get("/api/v1/cijfers", headers=bearer(tokens, manager))
        assert response.status_code == 200, response.text
        return _som(response.json()["uitkomsten"], MAAND, "halt")

    before = await halt_count()
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    afdoening = {
        "bericht_id": f"halt-{zaak}",
        "verwijzing_id": zaak,
        "uitkomst": "positief",
        "datum": date.today().isoformat(),
    }
    answer = await client.post(
        "/api/v1/partners/halt/afdoeningen", json=afdoening, headers=bearer(tokens, halt)
    )
    assert answer.status_code == 201, answer.text
    assert await halt_count() == before + 1


def _s(body: dict[str, Any], categorie: str) -> int:
    return _som(body["instroom"], MAAND, categorie)


async def test_only_a_teammanager_sees_figures_and_only_of_the_own_gemeente(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, db: Database
) -> None:
    for role in (Role.LEERPLICHTAMBTENAAR, Role.SCHOOL, Role.RMC_COORDINATOR, Role.JONGERENPUNT):
        other = await make_user(AMSTERDAM, role, brin="20AA" if role is Role.SCHOOL else None)
        response = await client.get("/api/v1/cijfers", headers=bearer(tokens, other))
        assert response.status_code == 403
    zaanstad = await make_user(ZAANSTAD, Role.TEAMMANAGER)
    amsterdam = await make_user(AMSTERDAM, Role.TEAMMANAGER)
    async with db.tenant_tx(amsterdam) as tx:
        zuid = str(await tx.conn.fetchval("SELECT id FROM teams WHERE naam = 'Zuid'"))
    # Zaanstad asking for Amsterdam's team gets Zaanstad's rows only: none of that team.
    body = (
        await client.get("/api/v1/cijfers", params={"team": zuid}, headers=bearer(tokens, zaanstad))
    ).json()
    assert body["instroom"] == []
    assert body["uitkomsten"] == []
    assert body["open_zaken"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"van": "2026-13"}, "van"),
        ({"tot": "oktober"}, "tot"),
        ({"van": "2026-10", "tot": "2026-01"}, "van"),
        ({"van": "2020-01", "tot": "2026-01"}, "van"),
    ],
)
async def test_a_bad_period_is_a_422_on_its_field(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    query: dict[str, str],
    field: str,
) -> None:
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER)
    response = await client.get("/api/v1/cijfers", params=query, headers=bearer(tokens, manager))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_the_team_page_lists_and_audits_only_overdue_work(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    gemeld = {}
    for i, voornaam in enumerate(("Laat", "Optijd")):
        gemeld[voornaam] = await leerling_met_melding(
            db,
            client,
            tokens,
            make_user,
            tmp_path_factory.mktemp(f"verlopen{i}"),
            brin="62DD",
            school="Termijn College",
            onderwijssoort="vmbo",
            voornaam=voornaam,
            achternaam=f"Termijn{uuid.uuid4().hex[:4]}",
            leeftijd=13,
        )
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            "UPDATE portal.termijnen SET uiterlijk = current_date - 3 WHERE melding_id = $1",
            uuid.UUID(gemeld["Laat"].melding),
        )
        laat_naam = await conn.fetchval(
            "SELECT concat_ws(' ', voornamen, geslachtsnaam) FROM portal.jongeren WHERE bsn = $1",
            gemeld["Laat"].bsn,
        )
        optijd_naam = await conn.fetchval(
            "SELECT concat_ws(' ', voornamen, geslachtsnaam) FROM portal.jongeren WHERE bsn = $1",
            gemeld["Optijd"].bsn,
        )
    finally:
        await conn.close()
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    page = await client.get(
        "/team", headers={**bearer(tokens, manager), "X-Request-ID": "teampagina-verlopen-1"}
    )
    assert page.status_code == 200
    assert 'role="status">Team Zuid,' in page.text  # the manager's own team first
    alle = await client.get("/team?team=alle", headers=bearer(tokens, manager))
    assert 'role="status">Alle teams,' in alle.text
    verlopen = page.text.split('id="verlopen-kop"')[1].split("</section>")[0]
    assert laat_naam in verlopen
    assert optijd_naam not in page.text
    conn = await asyncpg.connect(admin_dsn)
    try:
        gelezen = await conn.fetch(
            "SELECT jongere_id FROM portal.audit_events WHERE request_id = 'teampagina-verlopen-1'"
            " AND object_type = 'werkvoorraad'"
        )
        optijd_id = await conn.fetchval(
            "SELECT id FROM portal.jongeren WHERE bsn = $1", gemeld["Optijd"].bsn
        )
    finally:
        await conn.close()
    assert optijd_id not in {r["jongere_id"] for r in gelezen}
    assert gelezen
