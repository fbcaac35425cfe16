"""The teammanager assigns cases, many at once, all or nothing; the werklogboek says who took a
case over from whom; another gemeente's teammanager, a leerplichtambtenaar and a behandelaar who is
no leerplichtambtenaar get nothing, and nothing is written for them."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
import httpx

from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.verzuim.helpers import meldingen_reeks, step
from tests.verzuim.test_caseload import nieuw_team


async def _drie_zaken(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    folder: Path,
    team: str,
    opener: Principal,
) -> list[str]:
    gemeld = await meldingen_reeks(
        db, client, tokens, make_user, folder, 3, brins=["67TW"], voornaam="Toe", achternaam="Wijs",
        team=team,
    )  # fmt: skip
    ids = []
    for g in gemeld:
        opened = await client.post(
            "/api/v1/zaken", json={"melding_id": g.melding}, headers=bearer(tokens, opener)
        )
        assert opened.status_code == 201, opened.text
        ids.append(opened.json()["id"])
    return ids


async def _behandelaars(admin_dsn: str, ids: list[str]) -> list[uuid.UUID | None]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT behandelaar_id FROM portal.zaken WHERE id = ANY($1::uuid[]) ORDER BY id", ids
        )
    finally:
        await conn.close()
    return [r["behandelaar_id"] for r in rows]


async def test_the_teammanager_reassigns_three_cases_at_once_and_the_werklogboek_says_so(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    eerste = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    tweede = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team=team)
    ids = await _drie_zaken(db, client, tokens, make_user, tmp_path, team, eerste)

    done = await client.post(
        "/api/v1/zaken/toewijzing",
        json={"zaak_ids": ids, "behandelaar_id": str(tweede.user_id)},
        headers=bearer(tokens, manager),
    )
    assert done.status_code == 200, done.text
    assert done.json()["gewijzigd"] == 3
    assert await _behandelaars(admin_dsn, ids) == [tweede.user_id] * 3
    zaak = (await client.get(f"/api/v1/zaken/{ids[0]}", headers=bearer(tokens, tweede))).json()
    jongere = zaak["jongere_id"]
    log = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, tweede))).json()[
        "werklogboek"
    ]
    regel = next(r for r in log if r["met_wie_wat"] == "Zaak toegewezen")
    assert regel["resultaat"] == f"Behandelaar: {tweede.naam} (was: {eerste.naam})"

    mine = await client.get(
        "/api/v1/werkvoorraad", params={"toewijzing": "mijn"}, headers=bearer(tokens, tweede)
    )
    assert {w["zaak_id"] for w in mine.json()["items"]} >= set(ids)
    caseload = (
        await client.get(
            "/api/v1/zaken/caseload",
            params={"team": str(manager.team_id)},
            headers=bearer(tokens, manager),
        )
    ).json()["items"]
    assert {c["team"] for c in caseload} == {team}
    rij = next(c for c in caseload if c["id"] == str(tweede.user_id))
    assert rij["open_zaken"] == 3
    assert rij["team"] == team
    again = await client.post(
        "/api/v1/zaken/toewijzing",
        json={"zaak_ids": ids, "behandelaar_id": str(tweede.user_id)},
        headers=bearer(tokens, manager),
    )
    assert again.json()["gewijzigd"] == 0  # already theirs: no second werklogboek entry


async def test_assignment_is_all_or_nothing_and_only_the_teammanagers_of_the_gemeente(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team=team)
    zaanstad = await make_user(ZAANSTAD, Role.TEAMMANAGER)
    zaanse_lpa = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    assistent = await make_user(AMSTERDAM, Role.LEERPLICHTASSISTENT, team=team)
    ids = await _drie_zaken(db, client, tokens, make_user, tmp_path, team, lpa)
    voor = await _behandelaars(admin_dsn, ids)

    async def toewijzen(wie: Principal, zaken: list[str], aan: Principal) -> httpx.Response:
        return await client.post(
            "/api/v1/zaken/toewijzing",
            json={"zaak_ids": zaken, "behandelaar_id": str(aan.user_id)},
            headers=bearer(tokens, wie),
        )

    assert (await toewijzen(lpa, ids, collega)).status_code == 403
    assert (await toewijzen(zaanstad, ids, zaanse_lpa)).status_code == 404
    assert (await toewijzen(manager, [*ids, str(uuid.uuid4())], collega)).status_code == 404
    fout = await toewijzen(manager, ids, assistent)
    assert fout.status_code == 422
    assert fout.json()["errors"][0]["field"] == "behandelaar_id"
    assert (await toewijzen(manager, ids, zaanse_lpa)).status_code == 422  # another gemeente's
    leeg = await client.post(
        "/api/v1/zaken/toewijzing",
        json={"zaak_ids": [], "behandelaar_id": str(collega.user_id)},
        headers=bearer(tokens, manager),
    )
    assert leeg.status_code == 422
    assert (await step(client, tokens, lpa, ids[2], "beoordelen")).status_code == 200
    closed = await step(
        client, tokens, lpa, ids[2], "afsluiten", vaststellingen={"reden_afsluiten": "verhuisd"}
    )
    assert closed.status_code == 200, closed.text
    conflict = await toewijzen(manager, ids, collega)
    assert conflict.status_code == 409
    assert "afgesloten" in conflict.json()["detail"]
    assert await _behandelaars(admin_dsn, ids) == voor
    assert (
        await client.get("/api/v1/zaken/caseload", headers=bearer(tokens, lpa))
    ).status_code == (403)
