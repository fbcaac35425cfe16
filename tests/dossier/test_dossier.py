"""Dossier and werklogboek: what each role sees, audit of every read, 404 across tenants."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, new_bsn, write


async def jongere(
    db: Database, tmp_path: Path, tenant: str = AMSTERDAM, naam: str = "Zwaan"
) -> tuple[str, str]:
    number = new_bsn()
    row = f"{number};Lieke;van der;{naam};2012-04-04;V;{tenant};1011AB;7;Amsterdam;;111222333;M. van der {naam};;"
    await import_file(
        db, "brp", write(tmp_path, f"{number}.csv", BRP_HEADER, row), tenant_id=tenant
    )
    async with db.tenant_tx(None, tenant_id=tenant) as tx:
        ident = await tx.conn.fetchval("SELECT id FROM jongeren WHERE bsn = $1", number)
    return number, str(ident)


async def test_leerplichtambtenaar_reads_the_dossier_and_the_read_is_audited(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    admin_dsn: str,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    number, ident = await jongere(db, tmp_path)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    response = await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))
    assert response.status_code == 200, response.text
    dossier = response.json()
    assert dossier["bsn"] == number
    assert dossier["naam"] == "Lieke van der Zwaan"
    assert dossier["leerplicht"]["status"] == "leerplichtig"
    assert dossier["ouders"] == [{"naam": "M. van der Zwaan", "bsn": "111222333"}]
    assert dossier["werklogboek"] == []
    assert dossier["toewijzing"]["grondslag"] == "woongebonden"
    conn = await asyncpg.connect(admin_dsn)
    try:
        event = await conn.fetchrow(
            "SELECT * FROM portal.audit_events WHERE actor_user_id = $1 AND object_type = 'dossier'",
            lpa.user_id,
        )
    finally:
        await conn.close()
    assert event is not None
    assert str(event["jongere_id"]) == ident
    assert event["purpose"] == "dossier inzien"


async def test_werklogboek_write_and_read_back(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    _, ident = await jongere(db, tmp_path)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    today = date.today()
    entry = {
        "datum": today.isoformat(),
        "met_wie_wat": "Telefoon met moeder",
        "resultaat": "Moeder bevestigt dat Lieke sinds maandag thuis is.",
        "vervolgactie": "Huisbezoek",
        "vervolg_wie": "Sanne Bakker",
        "vervolg_wanneer": (today + timedelta(days=3)).isoformat(),
    }
    created = await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek", json=entry, headers=bearer(tokens, lpa)
    )
    assert created.status_code == 201, created.text
    assert created.json()["auteur"] == "Test Gebruiker"
    dossier = (await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))).json()
    assert [e["met_wie_wat"] for e in dossier["werklogboek"]] == ["Telefoon met moeder"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"datum": (date.today() + timedelta(days=1)).isoformat()}, "datum"),
        ({"vervolg_wanneer": "2000-01-01"}, "vervolg_wanneer"),
        ({"vervolgactie": None, "vervolg_wie": "iemand"}, "vervolgactie"),
        ({"resultaat": ""}, "resultaat"),
        ({"onbekend_veld": 1}, "onbekend_veld"),
    ],
)
async def test_werklogboek_bad_input_is_422_with_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
    change: dict[str, object],
    field: str,
) -> None:
    _, ident = await jongere(db, tmp_path)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    entry = {
        "datum": date.today().isoformat(),
        "met_wie_wat": "Gesprek",
        "resultaat": "Afspraak gemaakt",
        "vervolgactie": "Bellen",
        **change,
    }
    response = await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek", json=entry, headers=bearer(tokens, lpa)
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any(field in e["field"] for e in response.json()["errors"]), response.json()
    dossier = (await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))).json()
    assert dossier["werklogboek"] == []
    assert dossier["toewijzing"]["grondslag"] == "woongebonden"


async def test_administratief_medewerker_sees_the_dossier_but_no_case_notes(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    _, ident = await jongere(db, tmp_path)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek",
        json={
            "datum": date.today().isoformat(),
            "met_wie_wat": "Gesprek",
            "resultaat": "Vertrouwelijk",
        },
        headers=bearer(tokens, lpa),
    )
    medewerker = await make_user(AMSTERDAM, Role.ADMINISTRATIEF_MEDEWERKER)
    dossier = await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, medewerker))
    assert dossier.status_code == 200
    assert dossier.json()["werklogboek"] is None
    assert "Vertrouwelijk" not in dossier.text
    refused = await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek",
        json={"datum": date.today().isoformat(), "met_wie_wat": "x", "resultaat": "y"},
        headers=bearer(tokens, medewerker),
    )
    assert refused.status_code == 403
    # The database refuses too, whatever the application asks on the medewerker's behalf.
    async with db.tenant_tx(medewerker) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM werklogboek") == 0
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(medewerker) as tx:
            await tx.conn.execute(
                "INSERT INTO werklogboek (jongere_id, auteur_naam, datum, met_wie_wat, resultaat)"
                " VALUES ($1, 'x', current_date, 'x', 'x')",
                ident,
            )


@pytest.mark.parametrize(
    "role",
    [
        Role.SCHOOL,
        Role.REGIOGEMEENTE,
        Role.JONGERENPUNT,
        Role.FUNCTIONEEL_BEHEERDER,
        Role.PARTNER_HALT,
    ],
)
async def test_roles_without_case_work_get_403(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
    role: Role,
) -> None:
    _, ident = await jongere(db, tmp_path)
    user = await make_user(AMSTERDAM, role, brin="20AA" if role is Role.SCHOOL else None)
    assert (
        await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, user))
    ).status_code == 403
    assert (
        await client.get("/api/v1/jongeren", params={"zoek": "Zwaan"}, headers=bearer(tokens, user))
    ).status_code == 403


async def test_another_gemeente_gets_404_for_dossier_and_werklogboek_and_finds_nothing(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    number, ident = await jongere(db, tmp_path, naam="Reiger")
    zaanstad = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    headers = bearer(tokens, zaanstad)
    assert (await client.get(f"/api/v1/jongeren/{ident}", headers=headers)).status_code == 404
    post = await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek",
        json={"datum": date.today().isoformat(), "met_wie_wat": "x", "resultaat": "y"},
        headers=headers,
    )
    assert post.status_code == 404
    for term in (number, "Reiger"):
        found = await client.get("/api/v1/jongeren", params={"zoek": term}, headers=headers)
        assert found.json()["items"] == []


async def test_search_by_bsn_and_by_name_is_audited_per_result(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    admin_dsn: str,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    number, ident = await jongere(db, tmp_path, naam="Kwikstaart")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    by_bsn = await client.get(
        "/api/v1/jongeren", params={"zoek": number}, headers=bearer(tokens, lpa)
    )
    assert [i["id"] for i in by_bsn.json()["items"]] == [ident]
    by_name = await client.get(
        "/api/v1/jongeren", params={"zoek": "kwik"}, headers=bearer(tokens, lpa)
    )
    assert ident in [i["id"] for i in by_name.json()["items"]]
    by_full = await client.get(
        "/api/v1/jongeren", params={"zoek": "Lieke Kwik"}, headers=bearer(tokens, lpa)
    )
    assert ident in [i["id"] for i in by_full.json()["items"]]
    short = await client.get("/api/v1/jongeren", params={"zoek": "k"}, headers=bearer(tokens, lpa))
    assert short.status_code == 422
    conn = await asyncpg.connect(admin_dsn)
    try:
        reads = await conn.fetchval(
            "SELECT count(*) FROM portal.audit_events WHERE actor_user_id = $1"
            " AND object_type = 'zoekresultaat' AND jongere_id = $2",
            lpa.user_id,
            json.loads(json.dumps(ident)),
        )
    finally:
        await conn.close()
    assert reads == 3
