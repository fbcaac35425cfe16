"""The privacy officer: reads the gemeente's audit log (nobody else can, the database neither lets
them) and draws up a jongere's inzage overview, werklogboek included, Wpg excluded; reading is
audited; another gemeente's jongere is not found; the officer writes nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.dossier.test_dossier import jongere


async def _werklog(
    client: httpx.AsyncClient, tokens: TokenService, lpa, ident: str, tekst: str
) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    created = await client.post(
        f"/api/v1/jongeren/{ident}/werklogboek",
        json={
            "datum": today.isoformat(),
            "met_wie_wat": tekst,
            "resultaat": "Afspraak gemaakt.",
            "vervolgactie": "Terugbellen",
            "vervolg_wie": "Sanne Bakker",
            "vervolg_wanneer": (today + timedelta(days=3)).isoformat(),
        },
        headers=bearer(tokens, lpa),
    )
    assert created.status_code == 201, created.text


async def test_officer_sees_who_read_the_dossier_and_that_reading_is_audited(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    _, ident = await jongere(db, tmp_path, naam="Privaat")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    assert (
        await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))
    ).status_code == 200

    log = await client.get(
        "/api/v1/auditlog", params={"jongere_id": ident}, headers=bearer(tokens, officer)
    )
    assert log.status_code == 200, log.text
    reads = [e for e in log.json()["items"] if e["object_soort"] == "dossier"]
    assert [(e["gebruiker_id"], e["actie"], e["rollen"]) for e in reads] == [
        (str(lpa.user_id), "read", ["leerplichtambtenaar"])
    ]
    assert reads[0]["gebruiker"] == "Test Gebruiker"
    # The officer's look is itself in the log, naming the jongere.
    again = await client.get(
        "/api/v1/auditlog", params={"jongere_id": ident}, headers=bearer(tokens, officer)
    )
    assert again.json()["items"][0]["object_soort"] == "auditlog"
    assert again.json()["items"][0]["gebruiker_id"] == str(officer.user_id)
    by_user = await client.get(
        "/api/v1/auditlog",
        params={"gebruiker_id": str(lpa.user_id), "van": date.today().isoformat()},
        headers=bearer(tokens, officer),
    )
    assert {e["jongere_id"] for e in by_user.json()["items"]} == {ident}


async def test_paging_and_a_bad_period(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    _, ident = await jongere(db, tmp_path, naam="Pagina")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    for _ in range(3):
        await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))
    officer = bearer(tokens, await make_user(AMSTERDAM, Role.PRIVACY_OFFICER))
    params = {"gebruiker_id": str(lpa.user_id), "limit": "2"}
    first = (await client.get("/api/v1/auditlog", params=params, headers=officer)).json()
    assert len(first["items"]) == 2
    second = (
        await client.get(
            "/api/v1/auditlog", params={**params, "cursor": first["next_cursor"]}, headers=officer
        )
    ).json()
    assert len(second["items"]) == 1
    assert second["next_cursor"] is None
    assert {e["seq"] for e in first["items"]}.isdisjoint({e["seq"] for e in second["items"]})
    bad = await client.get(
        "/api/v1/auditlog", params={"van": "2026-10-10", "tot": "2026-10-01"}, headers=officer
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "tot"


async def test_inzage_holds_the_werklogboek_but_no_wpg_and_is_an_audited_export(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    admin_dsn: str,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    number, ident = await jongere(db, tmp_path, naam="Inzage")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    await _werklog(client, tokens, lpa, ident, "Telefoon met vader")
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            "INSERT INTO portal.werklogboek (tenant_id, jongere_id, auteur_id, auteur_naam, datum,"
            " met_wie_wat, resultaat, wpg) VALUES ('0363', $1, $2, 'BOA', current_date,"
            " 'Verhoor afgenomen', 'geheim', true)",
            uuid.UUID(ident),
            lpa.user_id,
        )
    finally:
        await conn.close()
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    response = await client.get(f"/api/v1/jongeren/{ident}/inzage", headers=bearer(tokens, officer))
    assert response.status_code == 200, response.text
    body = response.json()
    secties = {s["titel"]: s for s in body["secties"]}
    persoon = dict(secties["Persoonsgegevens"]["rijen"])
    assert persoon["BSN"] == number
    assert persoon["Naam"] == "Lieke van der Inzage"
    werklog = [r[2] for r in secties["Werklogboek"]["rijen"]]
    assert werklog == ["Telefoon met vader"]  # the Wpg entry stays out
    assert "Verhoor afgenomen" not in response.text
    door = secties["Wie de gegevens gebruikte"]["rijen"]
    assert any("Leerplichtambtenaar" in r[1] for r in door)
    assert any("Wet politiegegevens" in t for t in body["toelichting"])
    conn = await asyncpg.connect(admin_dsn)
    try:
        exports = await conn.fetchval(
            "SELECT count(*) FROM portal.audit_events WHERE action = 'export'"
            " AND object_type = 'inzage' AND jongere_id = $1",
            uuid.UUID(ident),
        )
    finally:
        await conn.close()
    assert exports == 1


async def test_nobody_else_reads_the_log_or_draws_up_inzage(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    tmp_path: Path,
    make_user: UserFactory,
) -> None:
    _, ident = await jongere(db, tmp_path, naam="Buiten")
    for role in (
        Role.LEERPLICHTAMBTENAAR,
        Role.TEAMMANAGER,
        Role.FUNCTIONEEL_BEHEERDER,
        Role.ADMINISTRATIEF_MEDEWERKER,
        Role.SCHOOL,
    ):
        other = await make_user(AMSTERDAM, role, brin="20AA" if role is Role.SCHOOL else None)
        headers = bearer(tokens, other)
        assert (await client.get("/api/v1/auditlog", headers=headers)).status_code == 403
        inzage = await client.get(f"/api/v1/jongeren/{ident}/inzage", headers=headers)
        assert inzage.status_code == 403
        # The database agrees: the audit log shows them nothing, whatever the application asks.
        async with db.tenant_tx(other) as tx:
            assert await tx.conn.fetchval("SELECT count(*) FROM audit_events") == 0
    zaanstad = await make_user(ZAANSTAD, Role.PRIVACY_OFFICER)
    headers = bearer(tokens, zaanstad)
    assert (
        await client.get(f"/api/v1/jongeren/{ident}/inzage", headers=headers)
    ).status_code == 404
    log = await client.get("/api/v1/auditlog", params={"jongere_id": ident}, headers=headers)
    assert [e for e in log.json()["items"] if e["jongere_id"] == ident] == []


async def test_the_officer_reads_case_notes_but_writes_none(
    db: Database, tmp_path: Path, make_user: UserFactory
) -> None:
    _, ident = await jongere(db, tmp_path, naam="Schrijft")
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(officer) as tx:
            await tx.conn.execute(
                "INSERT INTO werklogboek (tenant_id, jongere_id, auteur_id, auteur_naam, datum,"
                " met_wie_wat, resultaat) VALUES ('0363', $1, $2, 'x', current_date, 'x', 'x')",
                uuid.UUID(ident),
                officer.user_id,
            )


async def test_inzage_is_in_words_and_amsterdam_time(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    """What a citizen receives names nothing by a code: the school by name, the melding's soort and
    status, the case and every step as a sentence; and times are Amsterdam's, not UTC."""
    from portal.clock import ZONE
    from tests.verzuim.helpers import tot_gesprek

    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    zaak = await tot_gesprek(client, tokens, lpa, case["melding"])
    gelezen = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, lpa))).json()
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    body = (
        await client.get(
            f"/api/v1/jongeren/{gelezen['jongere_id']}/inzage", headers=bearer(tokens, officer)
        )
    ).json()
    secties = {s["titel"]: s for s in body["secties"]}
    [melding] = secties["Verzuimmeldingen"]["rijen"]
    assert melding[1] == "Zaak College (60HH)"
    assert melding[2] == "16 uur in 4 weken"
    assert melding[6] == "In behandeling"
    [zaakrij] = secties["Zaken"]["rijen"]
    assert zaakrij[:2] == ["Relatief verzuim", "Gesprek gevoerd"]
    stappen = secties["Stappen in de zaken"]["rijen"]
    assert stappen[-1][1] == "Verzuimgesprek vastleggen: van uitgenodigd naar gesprek gevoerd"
    gezet = datetime.fromisoformat(gelezen["stappen"][-1]["gezet_op"])
    assert stappen[-1][0] == gezet.astimezone(ZONE).strftime("%d-%m-%Y %H:%M")
    tekst = " ".join(c for s in body["secties"] for r in s["rijen"] for c in r)
    for code in ("16_uur", "in_behandeling", "gesprek_gevoerd", "relatief_verzuim"):
        assert code not in tekst, code
