"""The database holds the role table for outside organisations too (migration 0032): with the
application's checks out of the way (plain SQL in the principal's transaction), a school reads only
its own pupils, enrolments, meldingen and their deadlines, and a regiogemeente, the Jongerenpunt
or a partner user reads no jongere, melding or case of the gemeente at all; nor does the functioneel
beheerder, who keeps the outbox and the users it manages."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.beheer.teams import overzicht
from portal.db.pool import Database
from portal.db.request_context import RequestContext
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import Gemeld, leerling_met_melding

TABELLEN = (
    "jongeren",
    "inschrijvingen",
    "diplomas",
    "meldingen",
    "termijnen",
    "signalen",
    "zaken",
    "zaakstappen",
    "vrijstellingen",
    "partnerberichten",
    "onderwijsvoorziening_jongeren",
    "woongemeente_overdrachten",
    "outbox",
    "om_afdoeningen",
    "speciale_aanpak",
)


async def zichtbaar(db: Database, principal: Principal) -> dict[str, int]:
    async with db.tenant_tx(principal) as tx:
        return {t: await tx.conn.fetchval(f"SELECT count(*) FROM {t}") for t in TABELLEN}


async def jongeren_ids(db: Database, principal: Principal) -> set[str]:
    async with db.tenant_tx(principal) as tx:
        return {r["bsn"] for r in await tx.conn.fetch("SELECT bsn FROM jongeren")}


@pytest.fixture
async def twee_scholen(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> tuple[Gemeld, Gemeld]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    eigen = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path / "a", brin="61AA", school="Eigen College",
        onderwijssoort="vmbo", voornaam="Ilse", achternaam="Eigen", leeftijd=14, team="Oost",
    )  # fmt: skip
    andere = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path / "b", brin="61BB", school="Ander College",
        onderwijssoort="vmbo", voornaam="Olaf", achternaam="Ander", leeftijd=14, team="Oost",
    )  # fmt: skip
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Oost")
    zaak = await client.post(
        "/api/v1/zaken", json={"melding_id": andere.melding}, headers=bearer(tokens, lpa)
    )
    assert zaak.status_code == 201, zaak.text
    return eigen, andere


async def test_a_school_reads_only_its_own_pupils_and_meldingen_in_sql(
    db: Database, make_user: UserFactory, twee_scholen: tuple[Gemeld, Gemeld]
) -> None:
    eigen, andere = twee_scholen
    gezien = await jongeren_ids(db, eigen.school)
    assert eigen.bsn in gezien
    assert andere.bsn not in gezien
    async with db.tenant_tx(eigen.school) as tx:
        assert (
            await tx.conn.fetchval("SELECT count(*) FROM jongeren WHERE bsn = $1", andere.bsn) == 0
        )
        assert {r["brin"] for r in await tx.conn.fetch("SELECT brin FROM inschrijvingen")} == {
            "61AA"
        }
        meldingen = await tx.conn.fetch("SELECT id::text, brin FROM meldingen")
        assert [m["id"] for m in meldingen] == [eigen.melding]
        termijnen = await tx.conn.fetch("SELECT melding_id::text FROM termijnen")
        assert termijnen
        assert {t["melding_id"] for t in termijnen} == {eigen.melding}
        assert await tx.conn.fetchval("SELECT count(*) FROM zaken") == 0
        assert await tx.conn.fetchval("SELECT count(*) FROM zaakstappen") == 0
    # The other school sees the other half, and the leerplichtambtenaar both (and the case).
    assert andere.bsn in await jongeren_ids(db, andere.school)
    assert eigen.bsn not in await jongeren_ids(db, andere.school)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Oost")
    assert {eigen.bsn, andere.bsn} <= await jongeren_ids(db, lpa)
    assert (await zichtbaar(db, lpa))["zaken"] >= 1
    async with db.tenant_tx(lpa) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM users") > 1


async def test_outside_organisations_read_no_jongere_melding_or_case_in_sql(
    db: Database, make_user: UserFactory, twee_scholen: tuple[Gemeld, Gemeld]
) -> None:
    for rol in (
        Role.REGIOGEMEENTE,
        Role.JONGERENPUNT,
        Role.PARTNER_HALT,
        Role.PARTNER_SVB,
        Role.PARTNER_VEILIG_THUIS,
        Role.PARTNER_OM,
    ):
        buiten = await make_user(AMSTERDAM, rol)
        assert await zichtbaar(db, buiten) == dict.fromkeys(TABELLEN, 0), rol
        async with db.tenant_tx(buiten) as tx:  # of the gemeente's users, only itself
            users = [r["id"] for r in await tx.conn.fetch("SELECT id FROM users")]
            assert users == [buiten.user_id], rol
    # A school none of whose pupils live here reads no jongere either.
    assert await jongeren_ids(db, await make_user(AMSTERDAM, Role.SCHOOL, brin="61CC")) == set()


async def test_the_beheerder_reads_no_case_data_but_its_outbox_users_and_team_counts(
    db: Database, make_user: UserFactory, twee_scholen: tuple[Gemeld, Gemeld]
) -> None:
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    gezien = await zichtbaar(db, beheerder)
    assert {t: n for t, n in gezien.items() if t != "outbox"} == {
        t: 0 for t in TABELLEN if t != "outbox"
    }
    async with db.tenant_tx(beheerder) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM users") > 1
    teams = {t.naam: t.open_zaken for t in await overzicht(RequestContext(db, beheerder, "t"))}
    assert teams["Oost"] >= 1  # the case the fixture opened, counted without reading it


async def test_an_internal_role_next_to_an_outside_one_reads_as_before(
    db: Database, make_user: UserFactory, twee_scholen: tuple[Gemeld, Gemeld]
) -> None:
    eigen, andere = twee_scholen
    beide = await make_user(AMSTERDAM, Role.JONGERENPUNT, Role.TEAMMANAGER, team="Oost")
    assert {eigen.bsn, andere.bsn} <= await jongeren_ids(db, beide)
    assert (await zichtbaar(db, beide))["zaken"] >= 1
