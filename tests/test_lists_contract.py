"""Every list answers in the contract's shape (API.md conventions): `{"items": [...],
"next_cursor": … | null}` with `?limit=` and an opaque `?cursor=`; a changed cursor is a 422 on
`cursor`. Generated from the OpenAPI document, so a new list is covered without anyone
remembering to."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.paging import lees_cursor, maak_cursor
from portal.problems import Problem
from tests.conftest import AMSTERDAM, UserFactory, bearer

# GET routes without a path parameter that are no list, each with its reason.
GEEN_LIJST = {
    "/api/v1/me": "the caller's own profile",
    "/api/v1/cijfers": "figures: counts per month, not items",
    "/api/v1/rmc/overzicht": "counts per month and gemeente, always one page",
    "/api/v1/jongeren": "a search: the best matches for `zoek`, `limit` of them",
    "/api/v1/scholen/te-laat": "counts per school over a period",
    "/api/v1/briefafzender": "the one sender on the gemeente's letters",
}
VOORBEELD = {"schooljaar": "2025-2026", "zoek": "Jansen"}
ROLLEN = (
    Role.LEERPLICHTAMBTENAAR,
    Role.TEAMMANAGER,
    Role.FUNCTIONEEL_BEHEERDER,
    Role.SCHOOL,
    Role.REGIOGEMEENTE,
    Role.RMC_COORDINATOR,
    Role.JONGERENPUNT,
    Role.PRIVACY_OFFICER,
    Role.LEERPLICHTASSISTENT,
)


async def lijsten(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    doc = (await client.get("/schema/openapi.json")).json()
    return {
        path: ops["get"]
        for path, ops in doc["paths"].items()
        if path.startswith("/api/v1/")
        and "{" not in path
        and "get" in ops
        and path not in GEEN_LIJST
    } | {"__doc__": doc}


def schema_of(doc: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


async def test_every_list_has_items_next_cursor_limit_and_cursor(client: httpx.AsyncClient) -> None:
    routes = await lijsten(client)
    doc = routes.pop("__doc__")
    assert len(routes) >= 20
    for path, op in routes.items():
        props = schema_of(doc, op).get("properties", {})
        assert {"items", "next_cursor"} <= set(props), path
        params = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
        assert {"limit", "cursor"} <= params, path


async def test_a_changed_cursor_is_a_422_on_cursor_on_every_list(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    routes = await lijsten(client)
    routes.pop("__doc__")
    users = [
        await make_user(AMSTERDAM, role, team="Zuid", brin="11AA" if role is Role.SCHOOL else None)
        for role in ROLLEN
    ]
    foreign = maak_cursor("een andere lijst", "x")
    cut = maak_cursor("verlof", 1)[:-3]
    for path, op in routes.items():
        required = {
            p["name"]: VOORBEELD[p["name"]]
            for p in op.get("parameters", [])
            if p["in"] == "query" and p.get("required")
        }
        who = None
        for user in users:
            response = await client.get(path, params=required, headers=bearer(tokens, user))
            if response.status_code == 200:
                who = user
                body = response.json()
                assert set(body) >= {"items", "next_cursor"}, path
                break
        assert who is not None, f"no role may read {path}"
        for bad in ("nonsense", "\u0000", foreign, cut, "a" * 5000):
            response = await client.get(
                path, params={**required, "cursor": bad}, headers=bearer(tokens, who)
            )
            assert response.status_code == 422, (path, bad[:20], response.text)
            assert response.json()["errors"][0]["field"] == "cursor", path
        for limit in ("0", "501", "veel"):
            response = await client.get(
                path, params={**required, "limit": limit}, headers=bearer(tokens, who)
            )
            assert response.status_code in (400, 422), (path, limit)


def test_a_cursor_holds_no_personal_data_and_types_its_values() -> None:
    cursor = maak_cursor("brieven", "2026-12-01T10:00:00+01:00", "x")
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    assert json.loads(raw) == ["brieven", "2026-12-01T10:00:00+01:00", "x"]
    for lijst, soorten in (("brieven", (int, str)), ("kopieen", (str, str)), ("brieven", (str,))):
        with pytest.raises(Problem) as refused:
            lees_cursor(cursor, lijst, *soorten)
        assert refused.value.status == 422
        assert [e.field for e in refused.value.errors or []] == ["cursor"]
    assert lees_cursor(maak_cursor("taken", 3), "taken", int) == (3,)


async def test_the_school_walks_its_letters_one_at_a_time(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    """Paging reaches every item once: the school's copies with limit=1 (none yet is fine)."""
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="50EE")
    everything = (
        await client.get("/api/v1/brieven", params={"limit": 500}, headers=bearer(tokens, school))
    ).json()["items"]
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = (
            await client.get("/api/v1/brieven", params=params, headers=bearer(tokens, school))
        ).json()
        seen += [b["id"] for b in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [b["id"] for b in everything]
