"""The start page's werkvoorraad reaches all open work: a page at a time by the cursor, with a link
back to the top, a filter on overdue work, and an old cursor answered with the first page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from uuid import UUID

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.web import home_pages as pages
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import meldingen_reeks

TEAM = "Weesp"  # no other test puts work here: the pages hold exactly this test's work


def namen(html: str) -> list[str]:
    return re.findall(r'<a href="/jongeren/[0-9a-f-]+">([^<]+)</a>', html)


def volgende(html: str) -> str | None:
    found = re.search(r'<a href="(/\?[^"]*)" rel="next">', html)
    return unescape(found.group(1)) if found else None


async def test_the_werkvoorraad_pages_through_all_open_work_and_filters_overdue(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pages, "WERK_PER_PAGINA", 2)
    gemeld = await meldingen_reeks(
        db, client, tokens, make_user, tmp_path, 5,
        brins=[f"62W{c}" for c in "ABCDE"], voornaam="Pim", achternaam="Pagina", team=TEAM,
    )  # fmt: skip
    conn = await asyncpg.connect(admin_dsn)
    try:  # deadlines 5 … 1 days overdue for the first two, ahead for the rest
        for n, g in enumerate(gemeld):
            await conn.execute(
                "UPDATE portal.termijnen SET uiterlijk = current_date + $2::int"
                " WHERE melding_id = $1::uuid",
                g.melding,
                [-5, -1, 3, 4, 5][n],
            )
    finally:
        await conn.close()
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=TEAM)
    headers = bearer(tokens, lpa)

    mijn = (
        await client.get("/", headers=headers)
    ).text  # a leerplichtambtenaar starts at Mijn zaken
    assert namen(mijn) == []
    assert "5 meldingen en signalen hebben nog geen behandelaar in uw team." in mijn
    assert '<option value="mijn" selected>Mijn zaken</option>' in mijn
    assert '<a href="/?toewijzing=niet_toegewezen">Bekijk het werk zonder behandelaar</a>' in mijn

    gezien: list[str] = []
    url: str | None = "/?toewijzing=alle"
    pagina_s = 0
    while url:
        html = (await client.get(url, headers=headers)).text
        gezien += namen(html)
        if pagina_s:
            assert '<a href="/?toewijzing=alle">Naar het begin</a>' in html
        url = volgende(html)
        pagina_s += 1
    assert gezien == [f"Pim{n} Pagina" for n in range(5)]  # nearest deadline first, none twice
    assert pagina_s == 3

    verlopen = (await client.get("/?verlopen=true&toewijzing=alle", headers=headers)).text
    assert namen(verlopen) == ["Pim0 Pagina", "Pim1 Pagina"]
    assert verlopen.count("verlopen</strong>") == 2
    assert volgende(verlopen) is None  # exactly a page: no link to an empty one

    oud = await client.get("/?na=bestaat-niet&toewijzing=alle", headers=headers)
    assert oud.status_code == 200
    assert "Die pagina bestaat niet meer" in oud.text
    assert namen(oud.text) == ["Pim0 Pagina", "Pim1 Pagina"]


async def test_a_teammanager_starts_at_the_own_team_and_may_choose_another_or_all(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    eigen_lid = await meldingen_reeks(
        db, client, tokens, make_user, tmp_path / "a", 1, brins=["64TA"], voornaam="Eigen",
        achternaam="Teamlid", team="Nieuw-West",
    )  # fmt: skip
    ander_lid = await meldingen_reeks(
        db, client, tokens, make_user, tmp_path / "b", 1, brins=["64TB"], voornaam="Ander",
        achternaam="Teamlid", team="Zuidoost",
    )  # fmt: skip
    conn = await asyncpg.connect(admin_dsn)
    try:  # long overdue: first on any page of "all teams", whatever other tests left
        await conn.execute(
            "UPDATE portal.termijnen SET uiterlijk = current_date - 400 WHERE melding_id = ANY($1)",
            [UUID(g.melding) for g in (*eigen_lid, *ander_lid)],
        )
    finally:
        await conn.close()
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Nieuw-West")
    headers = bearer(tokens, manager)

    eigen = (await client.get("/", headers=headers)).text
    assert "Eigen0 Teamlid" in namen(eigen)
    assert 'id="toewijzen"' not in eigen  # no case on the page: nothing to assign
    assert "Ander0 Teamlid" not in namen(eigen)
    assert re.search(r'<option value="[0-9a-f-]+" selected>Nieuw-West</option>', eigen)

    alle = (await client.get("/?team=alle", headers=headers)).text
    assert {"Eigen0 Teamlid", "Ander0 Teamlid"} <= set(namen(alle))
    zuidoost = re.search(r'<option value="([0-9a-f-]+)">Zuidoost</option>', eigen)
    assert zuidoost
    ander = (await client.get(f"/?team={zuidoost.group(1)}", headers=headers)).text
    assert "Ander0 Teamlid" in namen(ander)
    assert "Eigen0 Teamlid" not in namen(ander)

    # A leerplichtambtenaar has no choice: the own team, whatever the link says.
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Nieuw-West")
    eigen_lpa = (await client.get("/?team=alle", headers=bearer(tokens, lpa))).text
    assert "Ander0 Teamlid" not in namen(eigen_lpa)
    assert 'id="werk-team"' not in eigen_lpa
