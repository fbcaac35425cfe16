"""Search that finds people: a surname with or without voorvoegsel, in any case and without
accents; part of a name with the geboortedatum; the true number found, a page at a time; never
another gemeente's jongere. The database normalises names exactly as the portal does."""

from __future__ import annotations

import uuid

import asyncpg
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.domain.zoekterm import VAN, lees, normaliseer
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, new_bsn, write

MENSEN = [  # voornamen, voorvoegsel, geslachtsnaam, geboortedatum
    ("Fenna", "van", "Zoekdijk", "2013-04-05"),
    ("Jan", "", "Zoekdijk", "2012-01-02"),
    ("Daan", "", "Zoekdijkstra", "2011-06-07"),
    ("Özlem", "", "Zoektürk", "2012-09-10"),
    ("Fenna", "de", "Zoekvries", "2013-04-05"),
]


@pytest.fixture(scope="module")
async def mensen(db: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("zoeken")
    nummers = {f"{v} {g}": new_bsn() for v, _, g, _ in MENSEN}
    regels = [
        f"{nummers[f'{v} {g}']};{v};{vv};{g};{geboren};V;0363;1011AB;{n};Amsterdam;Zuid;;;;"
        for n, (v, vv, g, geboren) in enumerate(MENSEN, start=1)
    ]
    await import_file(db, "brp", write(folder, "a.csv", BRP_HEADER, *regels), tenant_id=AMSTERDAM)
    zaans = f"{new_bsn()};Fenna;van;Zoekdijk;2013-04-05;V;0479;1500AA;1;Zaandam;;;;;"
    await import_file(db, "brp", write(folder, "z.csv", BRP_HEADER, zaans), tenant_id=ZAANSTAD)
    return nummers


async def _namen(client: httpx.AsyncClient, headers: dict[str, str], zoek: str) -> list[str]:
    antwoord = await client.get("/api/v1/jongeren", params={"zoek": zoek}, headers=headers)
    assert antwoord.status_code == 200, antwoord.text
    return [i["naam"] for i in antwoord.json()["items"]]


async def test_a_surname_is_found_with_or_without_voorvoegsel_in_any_case_and_accents(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, mensen: dict[str, str]
) -> None:
    headers = bearer(tokens, await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR))
    assert await _namen(client, headers, "van Zoekdijk") == ["Fenna van Zoekdijk"]
    alle = ["Jan Zoekdijk", "Fenna van Zoekdijk", "Daan Zoekdijkstra"]
    assert sorted(await _namen(client, headers, "Zoekdijk")) == sorted(alle)
    assert sorted(await _namen(client, headers, "zoekdijk")) == sorted(alle)
    assert await _namen(client, headers, "ZOEKTURK") == ["Özlem Zoektürk"]
    assert await _namen(client, headers, "Özlem zoektürk") == ["Özlem Zoektürk"]
    assert await _namen(client, headers, "Fen 05-04-2013") == [
        "Fenna van Zoekdijk",
        "Fenna de Zoekvries",
    ]
    assert await _namen(client, headers, "Zoek 2013-04-05") == [
        "Fenna van Zoekdijk",
        "Fenna de Zoekvries",
    ]
    # The start of a word, not its middle (another test's "van Dijk" may be found, no Zoekdijk).
    assert not [n for n in await _namen(client, headers, "dijk") if "Zoek" in n]
    bsn = mensen["Jan Zoekdijk"]
    hit = (await client.get("/api/v1/jongeren", params={"zoek": bsn}, headers=headers)).json()
    assert hit["totaal"] == 1
    assert hit["items"][0]["adres"] == "1011AB 2 Amsterdam"
    assert hit["items"][0]["school"] is None
    assert hit["items"][0]["zaak_open"] is False


async def test_the_true_number_found_a_page_at_a_time_and_never_another_gemeente(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, mensen: dict[str, str]
) -> None:
    headers = bearer(tokens, await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR))
    gezien: list[str] = []
    params = {"zoek": "Zoekdijk", "limit": "1"}
    while True:
        pagina = (await client.get("/api/v1/jongeren", params=params, headers=headers)).json()
        assert pagina["totaal"] == 3
        gezien += [i["naam"] for i in pagina["items"]]
        if not pagina["next_cursor"]:
            break
        assert "Zoek" not in pagina["next_cursor"]
        params["cursor"] = pagina["next_cursor"]
    assert gezien == ["Fenna van Zoekdijk", "Jan Zoekdijk", "Daan Zoekdijkstra"]  # by surname
    kapot = await client.get(
        "/api/v1/jongeren", params={"zoek": "Zoekdijk", "cursor": "x" + params["cursor"]},
        headers=headers,
    )  # fmt: skip
    assert kapot.status_code == 422
    zaans = bearer(tokens, await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR))
    assert await _namen(client, zaans, "van Zoekdijk") == ["Fenna van Zoekdijk"]  # their own
    assert await _namen(client, zaans, "Zoekvries") == []
    for leeg in ("k", " ", "%%", "__"):
        fout = await client.get("/api/v1/jongeren", params={"zoek": leeg}, headers=headers)
        assert fout.status_code == 422, leeg
        assert fout.json()["errors"][0]["field"] == "zoek"


def test_what_a_search_asks_for() -> None:
    assert lees("123456782") is not None
    assert lees("12345678") == lees("012345678")
    term = lees("  van   DIJK  5-4-2013 ")
    assert term is not None
    assert term.woorden == ("van", "dijk")
    assert term.geboortedatum is not None
    assert term.geboortedatum.isoformat() == "2013-04-05"
    assert lees("31-02-2013 Fen") is not None  # no such day: just words
    assert lees("a") is None
    assert normaliseer("'t Hart-Özdemir") == "t hart ozdemir"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=VAN + "abcXYZ -'", min_size=1, max_size=30))
def test_python_and_postgresql_normalise_a_name_alike(admin_dsn: str, naam: str) -> None:
    import asyncio

    async def sql() -> str:
        conn = await asyncpg.connect(admin_dsn)
        try:
            uit: str = await conn.fetchval("SELECT portal.zoeknaam($1)", naam)
            return uit
        finally:
            await conn.close()

    verwacht = " " + normaliseer(naam) + " " if normaliseer(naam) else "  "
    assert asyncio.run(sql()).replace("  ", " ") == verwacht.replace("  ", " ")


async def test_the_name_index_function_gives_only_the_own_gemeentes_ids_and_none_to_a_school(
    admin_dsn: str, mensen: dict[str, str]
) -> None:
    """Migration 0039's route around the policies hands out ids of the current tenant only, and
    nothing to a reader without dossiers; the search's own query then applies the policies."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute("SET ROLE rmc_app")

        async def ids(tenant: str, roles: str) -> set[str]:
            async with conn.transaction():
                await conn.execute(
                    "SELECT set_config('rmc.tenant_id', $1, true),"
                    " set_config('rmc.user_id', $2, true), set_config('rmc.roles', $3, true)",
                    tenant,
                    str(uuid.uuid4()),
                    roles,
                )
                rows = await conn.fetch("SELECT portal.jongeren_met_naam(ARRAY['zoekdijk'])")
                return {r[0] for r in rows}

        amsterdam = await ids("0363", "leerplichtambtenaar")
        zaanstad = await ids(ZAANSTAD, "leerplichtambtenaar")
        assert len(amsterdam) >= 3  # Fenna van and Jan Zoekdijk, Daan Zoekdijkstra
        assert zaanstad
        assert await ids("0363", "school") == set()
        assert await ids("0363", "functioneel_beheerder") == set()
        await conn.execute("RESET ROLE")
        # Read as the superuser, past every policy: each id is of the asking gemeente.
        for tenant, gevonden in (("0363", amsterdam), (ZAANSTAD, zaanstad)):
            eigen = await conn.fetch(
                "SELECT DISTINCT tenant_id FROM portal.jongeren WHERE id = ANY($1::uuid[])",
                list(gevonden),
            )
            assert {r["tenant_id"] for r in eigen} <= {tenant}
    finally:
        await conn.close()
