"""A werkvoorraad of hundreds of items: sorted by any column and paged in that order (the cursor
never holding a name), narrowed to a step or an age group, and counting what falls due soon."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.domain.kalender import Dagsoort, termijn
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import Gemeld, leerling_met_melding
from tests.verzuim.test_caseload import nieuw_team


async def _drie(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    team: str,
) -> dict[str, Gemeld]:
    leerlingen = {}
    for voornaam, achternaam, leeftijd, brin in (
        ("Zeger", "Aalders", 13, "67SA"),
        ("Anna", "Zwart", 16, "67SB"),
        ("Bert", "de Mol", 11, "67SC"),
    ):
        folder = tmp_path / achternaam.replace(" ", "")
        folder.mkdir()
        leerlingen[achternaam] = await leerling_met_melding(
            db, client, tokens, make_user, folder, brin=brin, school=f"School {brin}",
            onderwijssoort="vmbo", voornaam=voornaam, achternaam=achternaam,
            leeftijd=leeftijd, team=team,
        )  # fmt: skip
    return leerlingen


async def test_sorted_by_any_column_both_ways_and_paged_in_that_order(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    leerlingen = await _drie(db, client, tokens, make_user, tmp_path, team)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)

    async def namen(sorteer: str) -> list[str]:
        """The surnames in order, read a page of one at a time by the cursors."""
        gezien: list[str] = []
        cursor = None
        while True:
            params = {"sorteer": sorteer, "limit": "1", **({"cursor": cursor} if cursor else {})}
            r = await client.get("/api/v1/werkvoorraad", params=params, headers=bearer(tokens, lpa))
            assert r.status_code == 200, r.text
            body = r.json()
            gezien += [w["naam"].split(" ", 1)[1] for w in body["items"]]
            assert body["totaal"] == 3
            cursor = body["next_cursor"]
            if cursor is None:
                return gezien
            # The position by name is the jongere's id, never the name itself.
            ruw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
            assert not any(naam in ruw for naam in ("Aalders", "Zwart", "Mol", "Zeger"))

    assert await namen("naam") == ["Aalders", "de Mol", "Zwart"]
    assert await namen("-naam") == ["Zwart", "de Mol", "Aalders"]
    assert await namen("school") == ["Aalders", "Zwart", "de Mol"]
    assert await namen("-school") == ["de Mol", "Zwart", "Aalders"]
    assert len(await namen("termijn")) == 3
    assert set(leerlingen) == {"Aalders", "Zwart", "de Mol"}


async def test_a_cursor_of_another_order_or_a_forged_position_is_refused(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, admin_dsn: str
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=await nieuw_team(admin_dsn))
    vervalst = base64.urlsafe_b64encode(
        b'["werkvoorraad:naam:op","van Dijk","00000000-0000-0000-0000-000000000000"]'
    ).decode()
    for params in (
        {"sorteer": "school", "cursor": vervalst},
        {"sorteer": "naam", "cursor": vervalst},
        {"sorteer": "achternaam"},
        {"leeftijd": "100"},
        {"stap": "x; DROP"},
    ):
        r = await client.get("/api/v1/werkvoorraad", params=params, headers=bearer(tokens, lpa))
        assert r.status_code in (400, 422), (params, r.text)


async def test_narrowed_to_a_step_an_age_group_and_counting_what_falls_due(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
    admin_dsn: str,
) -> None:
    team = await nieuw_team(admin_dsn)
    leerlingen = await _drie(db, client, tokens, make_user, tmp_path, team)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team=team)
    opened = await client.post(
        "/api/v1/zaken",
        json={"melding_id": leerlingen["Zwart"].melding},
        headers=bearer(tokens, lpa),
    )
    assert opened.status_code == 201, opened.text
    status = opened.json()["status"]

    async def lijst(**params: str) -> dict[str, Any]:
        r = await client.get("/api/v1/werkvoorraad", params=params, headers=bearer(tokens, lpa))
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    def ids(body: dict[str, Any]) -> set[str]:
        return {w["id"] for w in body["items"]}

    zwart, aalders, mol = (leerlingen[n].melding for n in ("Zwart", "Aalders", "de Mol"))
    assert ids(await lijst(stap="nieuw")) == {aalders, mol}
    assert ids(await lijst(stap=status)) == {zwart}
    # A non-BOA asking for a Halt referral gets the cases with a BOA (none), not an error.
    assert ids(await lijst(stap="halt_verwezen")) == set()
    assert ids(await lijst(leeftijd="16_17")) == {zwart}
    assert ids(await lijst(leeftijd="12_15")) == {aalders}
    assert ids(await lijst(leeftijd="tot_12")) == {mol}
    assert ids(await lijst(leeftijd="18_22")) == set()
    assert ids(await lijst(leeftijd="12_15", stap="nieuw", sorteer="-naam")) == {aalders}

    alles = await lijst()
    vandaag = db.vandaag()
    grens = termijn(vandaag, 3, Dagsoort.WERKDAGEN)
    verwacht = sum(
        1
        for w in alles["items"]
        if w["eerstvolgende_termijn"]
        and vandaag.isoformat() <= w["eerstvolgende_termijn"]["uiterlijk"] <= grens.isoformat()
    )
    assert verwacht > 0
    assert alles["binnenkort"] == verwacht
