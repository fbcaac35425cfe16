"""API.md's POST/GET /meldingen for schools: every 422 rule, nothing written on a rejection,
a pupil from another gemeente, own submissions only, 404 across schools and gemeenten."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.domain.kalender import Dagsoort, termijn
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.verzuim.helpers import VANDAAG, Pupils, melding, school_user


async def count_meldingen(admin_dsn: str) -> int:
    conn = await asyncpg.connect(admin_dsn)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM portal.meldingen"))
    finally:
        await conn.close()


async def test_a_valid_melding_is_registered_with_its_deadline_and_team(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    pupils: Pupils,
    make_user: UserFactory,
) -> None:
    school = await school_user(make_user)
    response = await client.post(
        "/api/v1/meldingen", json=melding(pupils.amsterdammer), headers=bearer(tokens, school)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "geregistreerd"
    assert body["soort"] == "16_uur_in_4_weken"
    assert body["termijnen"] == [
        {
            "soort": "uitnodiging_gesprek",
            "uiterlijk": termijn(VANDAAG, 3, Dagsoort.WERKDAGEN).isoformat(),
        }
    ]
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT m.*, t.naam AS team FROM portal.meldingen m LEFT JOIN portal.teams t ON t.id = m.team_id WHERE m.id = $1",
            body["id"],
        )
        audit = await conn.fetchval(
            "SELECT count(*) FROM portal.audit_events WHERE object_type = 'melding' AND object_id = $1 AND action = 'create'",
            body["id"],
        )
    finally:
        await conn.close()
    assert row["tenant_id"] == AMSTERDAM
    assert row["team"] == "Zuid"  # schoolgebonden: the team of the school's location
    assert row["wettelijk"] is True
    assert row["jongere_id"] is not None
    assert audit == 1


async def test_a_pupil_living_in_another_gemeente_is_reported_to_the_schools_gemeente(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    pupils: Pupils,
    make_user: UserFactory,
) -> None:
    school = await school_user(make_user)
    response = await client.post(
        "/api/v1/meldingen", json=melding(pupils.zaankanter), headers=bearer(tokens, school)
    )
    assert response.status_code == 201, response.text
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT tenant_id, jongere_id FROM portal.meldingen WHERE id = $1",
            response.json()["id"],
        )
    finally:
        await conn.close()
    assert row["tenant_id"] == AMSTERDAM
    assert row["jongere_id"] is None  # the dossier lives in Zaanstad; Amsterdam holds the melding


@pytest.mark.parametrize(
    ("who", "change", "field"),
    [
        ("amsterdammer", {"bsn": "123456789"}, "bsn"),
        ("niet_hier", {}, "bsn"),  # not enrolled at this school
        ("amsterdammer", {"ondernomen_actie": " "}, "ondernomen_actie"),
        (
            "amsterdammer",
            {"periode_tot": (VANDAAG - timedelta(days=30)).isoformat()},
            "periode_tot",
        ),
        ("amsterdammer", {"periode_tot": (VANDAAG + timedelta(days=1)).isoformat()}, "periode_tot"),
        ("amsterdammer", {"verzuimde_uren": 15}, "verzuimde_uren"),
        (
            "amsterdammer",
            {"periode_van": (VANDAAG - timedelta(days=28)).isoformat()},
            "periode_tot",
        ),
        ("amsterdammer", {"soort": "langdurig_relatief"}, "periode_tot"),
        ("amsterdammer", {"soort": "rmc"}, "soort"),
        ("amsterdammer", {"brin": "51FF"}, "brin"),
        ("amsterdammer", {"soort": "spijbelen"}, "soort"),
        ("amsterdammer", {"onbekend": True}, "onbekend"),
        ("amsterdammer", {"melder": {"naam": "x"}}, "melder"),
    ],
)
async def test_each_rule_is_a_422_with_its_field_and_writes_nothing(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    pupils: Pupils,
    make_user: UserFactory,
    who: str,
    change: dict[str, Any],
    field: str,
) -> None:
    school = await school_user(make_user)
    before = await count_meldingen(admin_dsn)
    response = await client.post(
        "/api/v1/meldingen",
        json=melding(getattr(pupils, who), **change),
        headers=bearer(tokens, school),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any(e["field"].startswith(field) for e in response.json()["errors"]), response.json()
    assert await count_meldingen(admin_dsn) == before


async def test_rmc_melding_for_an_adult_without_startkwalificatie(
    client: httpx.AsyncClient, tokens: TokenService, pupils: Pupils, make_user: UserFactory
) -> None:
    school = await school_user(make_user)
    body = melding(pupils.volwassene, soort="rmc", verzuimde_uren=None)
    response = await client.post("/api/v1/meldingen", json=body, headers=bearer(tokens, school))
    assert response.status_code == 201, response.text
    assert response.json()["termijnen"] == []


async def test_schools_see_only_their_own_meldingen(
    client: httpx.AsyncClient, tokens: TokenService, pupils: Pupils, make_user: UserFactory
) -> None:
    school = await school_user(make_user)
    created = (
        await client.post(
            "/api/v1/meldingen", json=melding(pupils.amsterdammer), headers=bearer(tokens, school)
        )
    ).json()
    own = await client.get(f"/api/v1/meldingen/{created['id']}", headers=bearer(tokens, school))
    assert own.status_code == 200
    assert own.json()["status"] == "geregistreerd"
    assert "reden_afgesloten" not in own.json()
    # The school sees which of its pupils it reported: the BSN it sent and the pupil's name.
    assert created["bsn"] == own.json()["bsn"] == pupils.amsterdammer
    assert own.json()["naam"]
    listed = {
        m["id"]: m
        for m in (await client.get("/api/v1/meldingen", headers=bearer(tokens, school))).json()[
            "items"
        ]
    }
    assert listed[created["id"]]["naam"] == own.json()["naam"]
    other_school = await school_user(make_user, "51FF")
    assert (
        await client.get(f"/api/v1/meldingen/{created['id']}", headers=bearer(tokens, other_school))
    ).status_code == 404
    assert created["id"] not in [
        m["id"]
        for m in (
            await client.get("/api/v1/meldingen", headers=bearer(tokens, other_school))
        ).json()["items"]
    ]
    zaanse = await school_user(make_user, "52GG", ZAANSTAD)
    assert (
        await client.get(f"/api/v1/meldingen/{created['id']}", headers=bearer(tokens, zaanse))
    ).status_code == 404
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.post(
            "/api/v1/meldingen", json=melding(pupils.amsterdammer), headers=bearer(tokens, lpa)
        )
    ).status_code == 403
    assert (await client.get("/api/v1/meldingen")).status_code == 401


async def test_own_list_pages_newest_first(
    client: httpx.AsyncClient, tokens: TokenService, pupils: Pupils, make_user: UserFactory
) -> None:
    school = await school_user(make_user)
    for _ in range(3):
        await client.post(
            "/api/v1/meldingen", json=melding(pupils.amsterdammer), headers=bearer(tokens, school)
        )
    everything = (
        await client.get("/api/v1/meldingen", params={"limit": 500}, headers=bearer(tokens, school))
    ).json()["items"]
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await client.get("/api/v1/meldingen", params=params, headers=bearer(tokens, school))
        ).json()
        seen += [m["id"] for m in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == [m["id"] for m in everything]
    stamps = [m["ontvangen_op"] for m in everything]
    assert stamps == sorted(stamps, reverse=True)


async def test_the_intake_lookup_answers_a_school_only_about_its_own_brin(
    db: Database, pupils: Pupils, make_user: UserFactory
) -> None:
    other_school = await school_user(make_user, "51FF")
    async with db.tenant_tx(other_school) as tx:
        row = await tx.conn.fetchrow(
            "SELECT * FROM melding_context($1, '50EE', '00', current_date)", pupils.amsterdammer
        )
        own = await tx.conn.fetchrow(
            "SELECT * FROM melding_context($1, '51FF', '00', current_date)", pupils.niet_hier
        )
    assert (row["ingeschreven"], row["geboortedatum"], row["startkwalificatie_sinds"]) == (
        False,
        None,
        None,
    )
    assert own["ingeschreven"] is True
    assert own["geboortedatum"] == date(2011, 3, 3)
