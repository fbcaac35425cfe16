"""A gemeente's own letter templates: saved only when they render (sandboxed) with the example
pupil and keep what the article requires; used for the next letter of that gemeente only; back to
the default on request; only the functioneel beheerder."""

from __future__ import annotations

import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.brieven.render import render, standaard
from portal.brieven.voorbeeld import VOORBEELD
from tests.conftest import DIEMEN, ZAANSTAD, UserFactory, bearer

URL = "/api/v1/briefsjablonen"


def test_a_template_cannot_reach_python_internals() -> None:
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError):
        render("uitnodiging", VOORBEELD, "{{ ''.__class__.__mro__[1].__subclasses__() }}")


async def test_beheerder_replaces_previews_and_restores_a_template(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    listed = (await client.get(URL, headers=headers)).json()["items"]
    assert {s["soort"] for s in listed} >= {"uitnodiging", "verlofbesluit"}
    current = (await client.get(f"{URL}/uitnodiging", headers=headers)).json()
    assert current["inhoud"] == standaard("uitnodiging")

    eigen = current["inhoud"].replace("Met vriendelijke groet,", "Met hartelijke groet uit Diemen,")
    preview = await client.post(
        f"{URL}/uitnodiging/voorbeeld", json={"inhoud": eigen}, headers=headers
    )
    assert preview.status_code == 200
    assert preview.headers["content-type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF")

    saved = await client.put(f"{URL}/uitnodiging", json={"inhoud": eigen}, headers=headers)
    assert saved.status_code == 200, saved.text
    assert saved.json()["eigen"] is True
    row = next(
        s
        for s in (await client.get(URL, headers=headers)).json()["items"]
        if s["soort"] == "uitnodiging"
    )
    assert row["eigen"] is True
    assert row["gewijzigd_op"] is not None

    # Another gemeente still has the default.
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    other = (await client.get(f"{URL}/uitnodiging", headers=bearer(tokens, zaanstad))).json()
    assert other["eigen"] is False
    assert "Diemen" not in other["inhoud"]

    restored = await client.delete(f"{URL}/uitnodiging", headers=headers)
    assert restored.status_code == 200
    assert restored.json()["eigen"] is False
    assert (await client.get(f"{URL}/uitnodiging", headers=headers)).json()["inhoud"] == standaard(
        "uitnodiging"
    )


@pytest.mark.parametrize(
    ("inhoud", "reden"),
    [
        ("{% if %}", "regel 1"),
        ("<p>{{ jongere.schoenmaat }}</p>", "onbekend veld"),
        ("{{ ''.__class__.__mro__ }}", "niet mag"),
        ("   ", "leeg"),
        ("<p>Beste ouders, kom langs.</p>", "moet blijven vermelden"),
    ],
)
async def test_a_bad_template_is_a_422_on_inhoud_and_changes_nothing(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, inhoud: str, reden: str
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    response = await client.put(f"{URL}/verlofbesluit", json={"inhoud": inhoud}, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert error["field"] == "inhoud"
    assert reden in error["message"]
    assert (await client.get(f"{URL}/verlofbesluit", headers=headers)).json()["eigen"] is False


async def test_dropping_the_bezwaar_clause_is_refused(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    zonder = standaard("verlofbesluit").replace('{% include "_bezwaar.html" %}', "")
    response = await client.put(f"{URL}/verlofbesluit", json={"inhoud": zonder}, headers=headers)
    assert response.status_code == 422
    assert "'bezwaar'" in response.json()["errors"][0]["message"]


async def test_only_the_beheerder_and_only_known_letters(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    for role in (Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER, Role.SCHOOL):
        other = await make_user(DIEMEN, role, brin="20AA" if role is Role.SCHOOL else None)
        headers = bearer(tokens, other)
        assert (await client.get(URL, headers=headers)).status_code == 403
        put = await client.put(f"{URL}/uitnodiging", json={"inhoud": "x"}, headers=headers)
        assert put.status_code == 403
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    assert (await client.get(f"{URL}/bestaat_niet", headers=headers)).status_code == 404
    put = await client.put(f"{URL}/bestaat_niet", json={"inhoud": "x"}, headers=headers)
    assert put.status_code == 404


@pytest.mark.parametrize(
    ("sjabloon", "grens"),
    [
        ("{{ 'a' * 100000000 }}", "200.000 tekens"),
        ("{{ [1] * 10**9 }}", "200.000 tekens"),
        ("{% for i in range(100000) %}{{ 'tekst' * 100 }}{% endfor %}", "200.000 tekens"),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "100.000 stappen"),
        ("{{ 2 ** 10000 }}", "niet mag"),
        ("{{ 1 / 0 }}", "rekent"),
        ("{{ jongere.naam + 1 }}", "rekent"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "seconden",
        ),
    ],
)
async def test_a_template_past_a_limit_is_a_422_on_inhoud_naming_it(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    monkeypatch: pytest.MonkeyPatch,
    sjabloon: str,
    grens: str,
) -> None:
    """Rendering runs in worker processes with limits on output, time and memory (brieven.pool):
    the preview and the save both answer 422 on `inhoud` with the limit, never a 500."""
    from portal.brieven import pool

    monkeypatch.setattr(pool, "TIJD_S", 1.0)
    headers = bearer(tokens, await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER))
    for method, path in (("POST", f"{URL}/uitnodiging/voorbeeld"), ("PUT", f"{URL}/uitnodiging")):
        response = await client.request(method, path, json={"inhoud": sjabloon}, headers=headers)
        assert response.status_code == 422, (sjabloon, response.text)
        [error] = response.json()["errors"]
        assert error["field"] == "inhoud"
        assert grens in error["message"], error["message"]
    assert (await client.get(f"{URL}/uitnodiging", headers=headers)).json()["eigen"] is False


async def test_the_portal_answers_while_previews_are_being_made(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten slow previews at once leave the event loop free: /health answers every time before
    any of them is done (the figure, p99 under load, is in tests/load/README.md)."""
    import asyncio

    from portal.brieven import pool

    monkeypatch.setattr(pool, "TIJD_S", 2.0)
    headers = bearer(tokens, await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER))
    traag = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    previews = [
        asyncio.create_task(
            client.post(f"{URL}/uitnodiging/voorbeeld", json={"inhoud": traag}, headers=headers)
        )
        for _ in range(10)
    ]
    await asyncio.sleep(0.2)
    for _ in range(10):
        assert (await client.get("/health")).status_code == 200
        assert not any(p.done() for p in previews)
    answers = await asyncio.gather(*previews)
    assert {a.status_code for a in answers} == {422}
