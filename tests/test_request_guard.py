"""A NUL character (U+0000) in any string field, query parameter or form field is a 422 naming every
such field at once, on every route (one guard where requests come in), and writes nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any

import asyncpg
import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.request_guard import nul_velden
from tests.conftest import AMSTERDAM, UserFactory, bearer


def test_nul_velden_names_each_path() -> None:
    assert nul_velden({"a": "x\x00", "b": {"c": ["ok", "\x00"]}, "d": 3, "e\x00": 1}) == [
        "a",
        "b.c[1]",
        "e\\u0000",
    ]
    assert nul_velden({"a": "geen nul", "b": None}) == []
    assert nul_velden("\x00") == ["body"]


def fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda m: "2026-10" if "maand" in m[0] else str(uuid.uuid4()), path)


async def test_every_write_route_refuses_a_nul_in_a_json_field(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, admin_dsn: str
) -> None:
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    doc = (await client.get("/schema/openapi.json")).json()
    conn = await asyncpg.connect(admin_dsn)
    try:
        before = await conn.fetchval("SELECT count(*) FROM portal.audit_events")
        checked = 0
        for path, ops in doc["paths"].items():
            if not path.startswith("/api/v1/"):
                continue
            for method in ("post", "put", "patch"):
                if method not in ops:
                    continue
                body: dict[str, Any] = {
                    "ondernomen_actie": "belde\x00ouders",
                    "vaststellingen": {"verslag": "gesprek\x00"},
                }
                response = await client.request(
                    method, fill(path), json=body, headers=bearer(tokens, beheerder)
                )
                assert response.status_code == 422, (method, path, response.text)
                fields = [e["field"] for e in response.json()["errors"]]
                assert fields == ["ondernomen_actie", "vaststellingen.verslag"], (method, path)
                checked += 1
        assert checked >= 30
        after = await conn.fetchval("SELECT count(*) FROM portal.audit_events")
    finally:
        await conn.close()
    assert after == before  # nothing was written, not even an audit event


async def test_every_read_route_refuses_a_nul_in_a_query_parameter(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    doc = (await client.get("/schema/openapi.json")).json()
    for path, ops in doc["paths"].items():
        if path.startswith("/api/v1/") and "get" in ops:
            response = await client.get(
                fill(path),
                params={"zoek": "Jan\x00sen", "cursor": "\x00"},
                headers=bearer(tokens, lpa),
            )
            assert response.status_code == 422, (path, response.text)
            assert [e["field"] for e in response.json()["errors"]] == ["zoek", "cursor"], path


async def test_a_page_form_with_a_nul_answers_in_dutch_html(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/auth/demo",
        data={"user_id": "x\x00", "_csrf": "y"},
        headers={"accept": "text/html"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Fout: ongeldig teken</title>" in response.text
    assert "user_id" in response.text


async def test_a_body_that_is_no_json_still_gets_the_decoders_answer(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="50EE")
    response = await client.post(
        "/api/v1/meldingen",
        content=b'{"bsn": "\x00',
        headers={**bearer(tokens, school), "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_json_body_past_the_limit_is_refused_before_it_is_held(
    client: httpx.AsyncClient,
) -> None:
    from portal.request_guard import MAX_BODY

    response = await client.post(
        "/api/v1/meldingen",
        content=b'{"a": "' + b"x" * (MAX_BODY + 10) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413
