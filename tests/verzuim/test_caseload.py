"""The caseload: the case says whom it is about and where it stands, and the werkvoorraad narrows to
one's own cases, the unassigned work, a kind, a school or a name, with the total it selects."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import leerling_met_melding


async def nieuw_team(admin_dsn: str) -> str:
    """A team of this test's own, so that no other test's work shows in its werkvoorraad."""
    naam = f"Team {uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            "INSERT INTO portal.teams (tenant_id, naam, soort) VALUES ('0363', $1, 'gebied')", naam
        )
    finally:
        await conn.close()
    return naam


async def test_the_case_says_whom_it_is_about_what_came_in_and_where_it_stands(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    gemeld = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path, brin="65KP", school="Kopcollege",
        onderwijssoort="vmbo", voornaam="Kees", achternaam="Kop", leeftijd=14, team=team,
    )  # fmt: skip
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": gemeld.melding}, headers=bearer(tokens, lpa)
    )
    assert opened.status_code == 201, opened.text
    kop = (
        await client.get(f"/api/v1/zaken/{opened.json()['id']}", headers=bearer(tokens, lpa))
    ).json()["kop"]
    assert kop["jongere"]["naam"] == "Kees Kop"
    assert kop["jongere"]["bsn"] == gemeld.bsn
    assert kop["jongere"]["leeftijd"] == 14
    assert kop["jongere"]["school"] == "Kopcollege (65KP)"
    assert kop["melding"]["melder_telefoon"] == "020-1234567"
    assert kop["melding"]["ondernomen_actie"] == "Mentor belde ouders op maandag"
    assert kop["melding"]["verzuimde_uren"] == 18
    assert kop["behandelaar"] == lpa.naam
    assert kop["team"] == team
    assert kop["eerstvolgende_termijn"] is not None
    assert kop["stand"].startswith("Volgende termijn:")


async def test_the_werkvoorraad_narrows_to_mine_the_unassigned_a_name_and_counts(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    eerste = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path / "a", brin="66FA", school="Filter A",
        onderwijssoort="vmbo", voornaam="Fenna", achternaam="van Dijk", leeftijd=13, team=team,
    )  # fmt: skip
    tweede = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path / "b", brin="66FB", school="Filter B",
        onderwijssoort="vmbo", voornaam="Frits", achternaam="Filter", leeftijd=15, team=team,
    )  # fmt: skip
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    assert (
        await client.post(
            "/api/v1/zaken", json={"melding_id": eerste.melding}, headers=bearer(tokens, lpa)
        )
    ).status_code == 201

    async def lijst(who: object, **params: str) -> dict[str, object]:
        r = await client.get("/api/v1/werkvoorraad", params=params, headers=bearer(tokens, who))  # type: ignore[arg-type]
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    alles = await lijst(lpa)
    assert {w["id"] for w in alles["items"]} >= {eerste.melding, tweede.melding}
    assert alles["totaal"] == len(alles["items"])

    mijn = await lijst(lpa, toewijzing="mijn")
    assert [w["id"] for w in mijn["items"]] == [eerste.melding]
    assert mijn["totaal"] == 1
    assert (await lijst(collega, toewijzing="mijn"))["items"] == []

    open_werk = await lijst(lpa, toewijzing="niet_toegewezen")
    ids = {w["id"] for w in open_werk["items"]}
    assert tweede.melding in ids
    assert eerste.melding not in ids

    for zoek in ("van Dijk", "dijk", eerste.bsn):
        gevonden = await lijst(lpa, zoek=zoek)
        assert [w["id"] for w in gevonden["items"]] == [eerste.melding], zoek
    assert [w["id"] for w in (await lijst(lpa, school="66FB"))["items"]] == [tweede.melding]

    # One item a page: the total stays, the cursor carries on with the same filters.
    eerste_pagina = await lijst(lpa, limit="1")
    assert eerste_pagina["totaal"] == alles["totaal"]
    assert len(eerste_pagina["items"]) == 1
    assert eerste_pagina["next_cursor"]


async def test_a_filter_outside_its_range_is_a_422_with_its_field(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    r = await client.get(
        "/api/v1/werkvoorraad",
        params={"school": "x'; --", "binnen": "999", "toewijzing": "iedereen"},
        headers=bearer(tokens, lpa),
    )
    assert r.status_code in (400, 422)
    tekst = r.text
    for veld in ("school", "binnen", "toewijzing"):
        assert veld in tekst


async def test_the_parents_phone_numbers_the_school_gave_are_on_the_case(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    ouders = [
        {"naam": "P. Telefoon", "telefoon": "06-12345678", "email": "p@example.nl"},
        {"naam": "Q. Telefoon", "telefoon": "020-7654321"},
    ]
    gemeld = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path, brin="65TL", school="Belschool",
        onderwijssoort="vmbo", voornaam="Tess", achternaam="Telefoon", leeftijd=13, team=team,
        contact_ouders=ouders,
    )  # fmt: skip
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": gemeld.melding}, headers=bearer(tokens, lpa)
    )
    zaak = opened.json()["id"]
    kop = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, lpa))).json()["kop"]
    assert kop["melding"]["contact_ouders"] == [{**ouders[0]}, {**ouders[1], "email": None}]
    page = await client.get(f"/zaken/{zaak}", headers=bearer(tokens, lpa))
    assert 'href="tel:06-12345678"' in page.text
    assert "volgens de school" in page.text

    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="65TL")
    drie = {
        "bsn": gemeld.bsn, "brin": "65TL", "soort": "overig", "periode_van": "2026-11-02",
        "periode_tot": "2026-11-06", "ondernomen_actie": "gebeld",
        "melder": {"naam": "M", "functie": "mentor", "telefoon": "1", "email": "m@s.nl"},
        "contact_ouders": [*ouders, {"naam": "R", "telefoon": "3"}],
    }  # fmt: skip
    te_veel = await client.post("/api/v1/meldingen", json=drie, headers=bearer(tokens, school))
    assert te_veel.status_code == 422
    assert "contact_ouders" in te_veel.text


async def test_a_case_has_a_readable_kenmerk_per_gemeente_and_year_that_search_finds(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    case: dict[str, object],
    admin_dsn: str,
) -> None:
    """'Ons kenmerk' is LP-<year>-<number>, one higher for each case the gemeente opens, and
    searching for it (as printed, or in lower case) opens the jongere."""
    import re
    from datetime import date

    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    kenmerk = opened.json()["kenmerk"]
    assert re.fullmatch(rf"LP-{date.today().year}-\d{{5}}", kenmerk), kenmerk
    conn = await asyncpg.connect(admin_dsn)
    try:
        nummers = await conn.fetch(
            "SELECT kenmerk FROM portal.zaken WHERE tenant_id = '0363' AND kenmerk LIKE 'LP-%'"
        )
        teller = await conn.fetchval(
            "SELECT laatste FROM portal.kenmerk_tellers WHERE tenant_id = '0363'"
            " AND voorvoegsel = 'LP' AND jaar = $1",
            date.today().year,
        )
    finally:
        await conn.close()
    assert len({r["kenmerk"] for r in nummers}) == len(nummers)  # never one twice
    assert int(kenmerk.rsplit("-", 1)[1]) <= teller
    for zoek in (kenmerk, kenmerk.lower()):
        r = await client.get("/api/v1/jongeren", params={"zoek": zoek}, headers=bearer(tokens, lpa))
        assert r.status_code == 200, r.text
        assert r.json()["totaal"] == 1
        assert r.json()["items"][0]["id"] == opened.json()["jongere_id"]
    page = await client.get(f"/zaken/{opened.json()['id']}", headers=bearer(tokens, lpa))
    assert kenmerk in page.text
    # Another gemeente's leerplichtambtenaar finds nothing by it.
    zaans = await make_user("0479", Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    r = await client.get(
        "/api/v1/jongeren", params={"zoek": kenmerk}, headers=bearer(tokens, zaans)
    )
    assert r.json()["totaal"] == 0
