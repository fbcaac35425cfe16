"""The school's page reaches all its own meldingen, a page at a time, newest first."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import httpx
import pytest

from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.web import school_pages
from tests.conftest import UserFactory, bearer
from tests.verzuim.helpers import meldingen_reeks


def leerlingen(html: str) -> list[str]:
    sectie = html.split('id="meldingen-kop"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<td>(Mila\d Ouder)", sectie)


def ouder(html: str) -> str | None:
    found = re.search(r'<a href="(/school\?meldingen_na=[^"#]*)[^"]*" rel="next">', html)
    return unescape(found.group(1)) if found else None


async def test_a_school_pages_back_through_its_meldingen(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(school_pages, "PER_LIJST", 2)
    gemeld = await meldingen_reeks(
        db, client, tokens, make_user, tmp_path, 3, brins=["63SA"], voornaam="Mila",
        achternaam="Ouder",
    )  # fmt: skip
    headers = bearer(tokens, gemeld[-1].school)
    eerste = (await client.get("/school", headers=headers)).text
    assert leerlingen(eerste) == ["Mila2 Ouder", "Mila1 Ouder"]  # newest first
    volgende = ouder(eerste)
    assert volgende is not None
    tweede = (await client.get(volgende, headers=headers)).text
    assert leerlingen(tweede) == ["Mila0 Ouder"]
    assert ouder(tweede) is None
    assert "Nieuwste meldingen" in tweede
    oud = await client.get("/school?meldingen_na=onzin", headers=headers)
    assert oud.status_code == 200
    assert leerlingen(oud.text) == ["Mila2 Ouder", "Mila1 Ouder"]
