"""The functioneel beheerder's API: users and roles, school holidays. Only a beheerder, only the
own gemeente, every rule a 422 on its field, nothing half-written, every change audited."""

from __future__ import annotations

import uuid

import asyncpg
import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, DIEMEN, ZAANSTAD, UserFactory, bearer


def _email() -> str:
    return f"{uuid.uuid4().hex[:10]}@gemeente.example.nl"


async def _audit(admin_dsn: str, tenant: str, object_type: str, object_id: str) -> list[str]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT action FROM portal.audit_events WHERE tenant_id = $1 AND object_type = $2"
            " AND object_id = $3 ORDER BY seq",
            tenant,
            object_type,
            object_id,
        )
    finally:
        await conn.close()
    return [r["action"] for r in rows]


async def test_beheerder_adds_a_user_who_appears_in_the_list_and_can_log_in(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    email = _email()
    response = await client.post(
        "/api/v1/gebruikers",
        json={
            "email": email,
            "naam": "Nieuwe Collega",
            "rollen": ["leerplichtambtenaar"],
            "team": "Oost",
            "boa": True,
        },
        headers=bearer(tokens, beheerder),
    )
    assert response.status_code == 201, response.text
    new_id = response.json()["id"]
    assert await _audit(admin_dsn, AMSTERDAM, "gebruiker", new_id) == ["create"]

    listed = await client.get("/api/v1/gebruikers", headers=bearer(tokens, beheerder))
    assert listed.status_code == 200
    row = next(u for u in listed.json()["items"] if u["id"] == new_id)
    assert row == {
        "id": new_id,
        "email": email,
        "naam": "Nieuwe Collega",
        "rollen": ["leerplichtambtenaar"],
        "team": "Oost",
        "brin": None,
        "boa": True,
        "actief": True,
        "telefoon": None,
        "functie": None,
    }
    assert "read" in await _audit(admin_dsn, AMSTERDAM, "gebruiker", new_id)
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens.issue(uuid.UUID(new_id))}"}
    )
    assert me.status_code == 200
    assert me.json()["boa"] is True


async def test_every_user_rule_is_a_422_on_its_field_and_writes_nothing(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    bestaand = await make_user(AMSTERDAM, Role.LEERPLICHTASSISTENT)
    cases = [
        ({"email": "geen-mail", "rollen": ["leerplichtassistent"]}, "email"),
        ({"email": _email(), "rollen": []}, "rollen"),
        ({"email": _email(), "rollen": ["burgemeester"]}, "rollen"),
        ({"email": _email(), "rollen": ["school"]}, "brin"),
        ({"email": _email(), "rollen": ["school"], "brin": "XX"}, "brin"),
        ({"email": _email(), "rollen": ["leerplichtassistent"], "boa": True}, "boa"),
        ({"email": _email(), "rollen": ["leerplichtambtenaar"], "team": "Mars"}, "team"),
        ({"email": bestaand.email, "rollen": ["leerplichtassistent"]}, "email"),
    ]
    async with db.system_conn() as conn:
        before = await conn.fetchval("SELECT count(*) FROM users")
    for body, field in cases:
        response = await client.post("/api/v1/gebruikers", json=body, headers=headers)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == [field], (body, errors)
        assert "--" not in errors[0]["message"]  # a form's sentence, not the CLI's option
    unknown = await client.post(
        "/api/v1/gebruikers", json={"email": _email(), "rollen": [], "x": 1}, headers=headers
    )
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["x"]
    async with db.system_conn() as conn:
        assert await conn.fetchval("SELECT count(*) FROM users") == before


async def test_only_a_beheerder_of_the_own_gemeente_manages_users(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    amsterdam_lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, boa=True)
    for kind in (
        Role.LEERPLICHTAMBTENAAR,
        Role.TEAMMANAGER,
        Role.RMC_COORDINATOR,
        Role.SCHOOL,
        Role.JONGERENPUNT,
    ):
        other = await make_user(AMSTERDAM, kind, brin="20AA" if kind is Role.SCHOOL else None)
        headers = bearer(tokens, other)
        assert (await client.get("/api/v1/gebruikers", headers=headers)).status_code == 403
        created = await client.post(
            "/api/v1/gebruikers",
            json={"email": _email(), "rollen": ["functioneel_beheerder"]},
            headers=headers,
        )
        assert created.status_code == 403
        changed = await client.patch(
            f"/api/v1/gebruikers/{amsterdam_lpa.user_id}",
            json={"actief": False},
            headers=headers,
        )
        assert changed.status_code == 403
    # Zaanstad's beheerder neither sees nor changes Amsterdam's users; a user it adds is Zaanstad's.
    headers = bearer(tokens, zaanstad)
    listed = (await client.get("/api/v1/gebruikers", headers=headers)).json()["items"]
    assert str(amsterdam_lpa.user_id) not in {u["id"] for u in listed}
    changed = await client.patch(
        f"/api/v1/gebruikers/{amsterdam_lpa.user_id}", json={"actief": False}, headers=headers
    )
    assert changed.status_code == 404
    assert (
        await client.get("/api/v1/me", headers=bearer(tokens, amsterdam_lpa))
    ).status_code == 200


async def test_changing_roles_and_switching_a_user_off(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    user = await make_user(DIEMEN, Role.LEERPLICHTASSISTENT)
    url = f"/api/v1/gebruikers/{user.user_id}"

    promoted = await client.patch(
        url, json={"rollen": ["leerplichtambtenaar"], "boa": True}, headers=headers
    )
    assert promoted.status_code == 200, promoted.text
    assert promoted.json()["rollen"] == ["leerplichtambtenaar"]
    assert promoted.json()["boa"] is True
    # A rule on the combination is a 422 on its field and changes nothing.
    refused = await client.patch(url, json={"rollen": ["leerplichtassistent"]}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "boa"
    assert (await client.get(url, headers=headers)).json()["rollen"] == ["leerplichtambtenaar"]

    off = await client.patch(url, json={"actief": False}, headers=headers)
    assert off.status_code == 200
    assert off.json()["actief"] is False
    # The switched-off user's token stops working at once.
    assert (await client.get("/api/v1/me", headers=bearer(tokens, user))).status_code == 401
    assert await _audit(admin_dsn, DIEMEN, "gebruiker", str(user.user_id)) == [
        "create",
        "update",
        "read",
        "read",
        "update",
        "read",
    ]
    missing = await client.patch(
        f"/api/v1/gebruikers/{uuid.uuid4()}", json={"actief": True}, headers=headers
    )
    assert missing.status_code == 404


async def test_a_beheerder_cannot_lock_themselves_out(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    url = f"/api/v1/gebruikers/{beheerder.user_id}"
    for body in ({"actief": False}, {"rollen": ["leerplichtassistent"]}):
        response = await client.patch(url, json=body, headers=headers)
        assert response.status_code == 422
    assert (await client.get("/api/v1/me", headers=headers)).json()["rollen"] == [
        "functioneel_beheerder"
    ]


async def test_school_holidays_are_kept_per_gemeente_with_field_reasons(
    client: httpx.AsyncClient,
    tokens: TokenService,
    db: Database,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    zomer = {"schooljaar": 2091, "naam": "zomer", "van": "2091-07-14", "tot": "2091-08-26"}
    assert (
        await client.post("/api/v1/schoolvakanties", json=zomer, headers=headers)
    ).status_code == 200
    moved = {**zomer, "van": "2091-07-21", "tot": "2091-09-02"}
    assert (
        await client.post("/api/v1/schoolvakanties", json=moved, headers=headers)
    ).json() == moved
    listed = (await client.get("/api/v1/schoolvakanties", headers=headers)).json()["items"]
    assert [v for v in listed if v["schooljaar"] == 2091] == [moved]
    assert await _audit(admin_dsn, DIEMEN, "schoolvakantie", "2091-zomer") == ["update", "update"]

    for body, field in (
        ({**zomer, "tot": "2091-07-01"}, "tot"),
        ({**zomer, "van": "2092-07-14", "tot": "2092-08-26"}, "van"),
        ({**zomer, "tot": "2091-10-30"}, "tot"),
        ({**zomer, "schooljaar": 1900, "van": "1900-07-14", "tot": "1900-08-20"}, "schooljaar"),
    ):
        response = await client.post("/api/v1/schoolvakanties", json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field
    bad_name = await client.post(
        "/api/v1/schoolvakanties", json={**zomer, "naam": "pasen"}, headers=headers
    )
    assert bad_name.status_code == 422
    assert bad_name.json()["errors"][0]["field"] == "naam"
    listed = (await client.get("/api/v1/schoolvakanties", headers=headers)).json()["items"]
    assert [v for v in listed if v["schooljaar"] == 2091] == [moved]

    # Another gemeente neither sees nor changes Diemen's holidays; a school may not touch them.
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    other = (await client.get("/api/v1/schoolvakanties", headers=bearer(tokens, zaanstad))).json()[
        "items"
    ]
    assert not [v for v in other if v["schooljaar"] == 2091]
    school = await make_user(DIEMEN, Role.SCHOOL, brin="20AA")
    for method in ("get", "post"):
        response = await getattr(client, method)(
            "/api/v1/schoolvakanties",
            **({"json": zomer} if method == "post" else {}),
            headers=bearer(tokens, school),
        )
        assert response.status_code == 403


async def test_beheerder_adds_a_team_once_and_only_in_the_own_gemeente(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    naam = f"Noord-{uuid.uuid4().hex[:6]}"
    created = await client.post(
        "/api/v1/teams", json={"naam": f"  {naam} ", "soort": "gebied"}, headers=headers
    )
    assert created.status_code == 201, created.text
    assert created.json()["naam"] == naam
    again = await client.post("/api/v1/teams", json={"naam": naam}, headers=headers)
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "naam"
    for body, field in (({"naam": "  "}, "naam"), ({"naam": "X", "soort": "stadsdeel"}, "soort")):
        bad = await client.post("/api/v1/teams", json=body, headers=headers)
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == field
    listed = (await client.get("/api/v1/teams", headers=headers)).json()["items"]
    assert [t["naam"] for t in listed].count(naam) == 1
    # The new team is Diemen's: a user can be placed in it there, not in Zaanstad.
    user = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR)
    moved = await client.patch(
        f"/api/v1/gebruikers/{user.user_id}", json={"team": naam}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    other = (await client.get("/api/v1/teams", headers=bearer(tokens, zaanstad))).json()["items"]
    assert naam not in [t["naam"] for t in other]
    lpa = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR)
    refused = await client.post(
        "/api/v1/teams", json={"naam": "Eigen team"}, headers=bearer(tokens, lpa)
    )
    assert refused.status_code == 403


async def test_the_sender_on_letters_phone_and_function_are_set_changed_and_checked(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    """The profile fields a letter signs with: set on creation, changed with PATCH ('' removes),
    every bad value a 422 on its field and nothing written."""
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    body = {
        "email": _email(),
        "naam": "Lotte Brief",
        "rollen": ["leerplichtambtenaar"],
        "telefoon": "020-552 3456",
        "functie": "leerplichtambtenaar",
    }
    created = await client.post("/api/v1/gebruikers", json=body, headers=headers)
    assert created.status_code == 201, created.text
    ident = created.json()["id"]
    read = (await client.get(f"/api/v1/gebruikers/{ident}", headers=headers)).json()
    assert (read["telefoon"], read["functie"]) == ("020-552 3456", "leerplichtambtenaar")

    for fout, veld in (({"telefoon": "bel mij"}, "telefoon"), ({"telefoon": "123"}, "telefoon")):
        bad = await client.post(
            "/api/v1/gebruikers", json={**body, "email": _email(), **fout}, headers=headers
        )
        assert bad.status_code == 422, bad.text
        assert bad.json()["errors"][0]["field"] == veld
    changed = await client.patch(
        f"/api/v1/gebruikers/{ident}",
        json={"telefoon": "+31 20 552 3457", "functie": "RMC-trajectbegeleider"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["telefoon"] == "+31 20 552 3457"
    assert changed.json()["functie"] == "RMC-trajectbegeleider"
    refused = await client.patch(
        f"/api/v1/gebruikers/{ident}", json={"telefoon": "nul twintig"}, headers=headers
    )
    assert refused.status_code == 422
    removed = await client.patch(
        f"/api/v1/gebruikers/{ident}", json={"telefoon": ""}, headers=headers
    )
    assert removed.json()["telefoon"] is None
    assert removed.json()["functie"] == "RMC-trajectbegeleider"  # left out, so unchanged
