"""Vrijstellingen through the API (art. 11-14): a 5a kennisgeving needs the deskundige's consent and
statement before it can be valid; a valid one is registered with DUO through the outbox, has its
letter, and ends absoluut verzuim for its period; an invalid one gets a term to enroll; a decision
is taken once; others get nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import asyncpg
import httpx
import msgspec
import pytest

from portal.administratie.service import controles_uitvoeren, import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from tests.conftest import UserFactory, bearer
from tests.factories import BRP_HEADER, new_bsn, write

HAARLEMMERMEER = "0394"
VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


class Kinderen(msgspec.Struct):
    ziek: str
    richting: str
    soldaat: str
    gewoon: str


@pytest.fixture(scope="module")
async def kinderen(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Kinderen:
    folder = tmp_path_factory.mktemp("vrijstelling")
    k = Kinderen(new_bsn(), new_bsn(), new_bsn(), new_bsn())
    ages = {k.ziek: 9, k.richting: 7, k.soldaat: 17, k.gewoon: 9}
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Vic;;Vrij{n};{(VANDAAG - timedelta(days=a * 366)).isoformat()};M;0394;"
                f"2130AA;{n};Hoofddorp;Leerplicht en RMC;;;;"
                for n, (b, a) in enumerate(ages.items())
            ),
        ),
        tenant_id=HAARLEMMERMEER,
    )
    return k


async def register(
    client: httpx.AsyncClient,
    tokens: TokenService,
    who: object,
    bsn: str,
    grond: str,
    **extra: object,
) -> httpx.Response:
    body = {
        "bsn": bsn,
        "grond": grond,
        "ontvangen_op": (VANDAAG - timedelta(days=3)).isoformat(),
        **extra,
    }
    return await client.post("/api/v1/vrijstellingen", json=body, headers=bearer(tokens, who))  # type: ignore[arg-type]


async def test_a_valid_5a_kennisgeving_ends_absoluut_verzuim_and_goes_to_duo(
    db: Database,
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    kinderen: Kinderen,
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    created = await register(client, tokens, lpa, kinderen.ziek, "5a")
    assert created.status_code == 201, created.text
    ident = created.json()["id"]
    assert created.json()["bericht_uiterlijk"] is None
    geldig = {
        "geldig": True,
        "van": VANDAAG.isoformat(),
        "tot": (VANDAAG + timedelta(days=300)).isoformat(),
        "hernieuwen_voor": (VANDAAG + timedelta(days=240)).isoformat(),
        "motivering": "verklaring jeugdarts",
    }
    early = await client.post(
        f"/api/v1/vrijstellingen/{ident}/besluit", json=geldig, headers=bearer(tokens, lpa)
    )
    assert early.status_code == 409
    assert "12.3" in early.json()["detail"]
    facts = await client.post(
        f"/api/v1/vrijstellingen/{ident}/gegevens",
        json={
            "toestemming_deskundige": True,
            "verklaring_deskundige_op": (VANDAAG - timedelta(days=1)).isoformat(),
        },
        headers=bearer(tokens, lpa),
    )
    assert facts.json()["bericht_uiterlijk"] > VANDAAG.isoformat()
    decided = await client.post(
        f"/api/v1/vrijstellingen/{ident}/besluit", json=geldig, headers=bearer(tokens, lpa)
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "geldig"
    [bericht] = decided.json()["berichten"]
    assert len(decided.json()["brieven"]) == 1
    again = await client.post(
        f"/api/v1/vrijstellingen/{ident}/besluit", json=geldig, headers=bearer(tokens, lpa)
    )
    assert again.status_code == 409

    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT partner, soort, payload FROM portal.outbox WHERE id = $1", bericht
        )
    finally:
        await conn.close()
    assert row is not None
    payload = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
    assert (row["partner"], row["soort"], payload["grond"], payload["bsn"]) == (
        "duo",
        "vrijstelling",
        "5a",
        kinderen.ziek,
    )

    await controles_uitvoeren(db, VANDAAG, tenant_id=HAARLEMMERMEER)
    async with db.tenant_tx(None, tenant_id=HAARLEMMERMEER) as tx:
        suspected = {
            r["bsn"]
            for r in await tx.conn.fetch(
                "SELECT j.bsn FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
                " WHERE s.soort = 'vermoeden_absoluut_verzuim'"
            )
        }
    assert kinderen.gewoon in suspected
    assert kinderen.ziek not in suspected


async def test_an_invalid_5b_gets_a_term_to_enroll_and_defensie_a_numbered_letter(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    kinderen: Kinderen,
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    created = await register(client, tokens, lpa, kinderen.richting, "5b")
    assert created.json()["bericht_uiterlijk"] is not None
    invalid = await client.post(
        f"/api/v1/vrijstellingen/{created.json()['id']}/besluit",
        json={"geldig": False, "motivering": "de bedenkingen gaan niet over de richting"},
        headers=bearer(tokens, lpa),
    )
    assert invalid.json()["status"] == "ongeldig"
    assert invalid.json()["inschrijven_uiterlijk"] > VANDAAG.isoformat()
    assert invalid.json()["berichten"] == []

    soldier = await register(
        client, tokens, lpa, kinderen.soldaat, "15", defensiepersoneelnummer="DP-778899"
    )
    decided = await client.post(
        f"/api/v1/vrijstellingen/{soldier.json()['id']}/besluit",
        json={
            "geldig": True,
            "tot": (VANDAAG + timedelta(days=200)).isoformat(),
            "hernieuwen_voor": (VANDAAG + timedelta(days=150)).isoformat(),
            "motivering": "aanstellingsbrief Defensie getoetst",
        },
        headers=bearer(tokens, lpa),
    )
    assert decided.status_code == 200, decided.text
    letter = await client.get(
        f"/api/v1/brieven/{decided.json()['brieven'][0]}", headers=bearer(tokens, lpa)
    )
    assert letter.content.startswith(b"%PDF")
    dossier = (
        await client.get(
            f"/api/v1/jongeren/{decided.json()['jongere_id']}", headers=bearer(tokens, lpa)
        )
    ).json()
    assert any("Arbeidsinspectie" in w["resultaat"] for w in dossier["werklogboek"])

    discharged = await client.post(
        f"/api/v1/vrijstellingen/{soldier.json()['id']}/ontslag",
        json={"datum": VANDAAG.isoformat()},
        headers=bearer(tokens, lpa),
    )
    assert discharged.status_code == 200, discharged.text
    assert discharged.json()["tot"] == VANDAAG.isoformat()
    again = await client.post(
        f"/api/v1/vrijstellingen/{soldier.json()['id']}/ontslag",
        json={"datum": VANDAAG.isoformat()},
        headers=bearer(tokens, lpa),
    )
    assert again.status_code == 409
    await controles_uitvoeren(db, VANDAAG + timedelta(days=1), tenant_id=HAARLEMMERMEER)
    async with db.tenant_tx(None, tenant_id=HAARLEMMERMEER) as tx:
        found = await tx.conn.fetchval(
            "SELECT count(*) FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
            " WHERE j.bsn = $1 AND s.soort = 'vermoeden_absoluut_verzuim'",
            kinderen.soldaat,
        )
    assert found == 1  # art. 11.9: the kwalificatieplicht is checked again


async def test_others_get_nothing(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, kinderen: Kinderen
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR)
    ident = (await register(client, tokens, lpa, kinderen.gewoon, "5c")).json()["id"]
    elders = await make_user("0363", Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.post(
            f"/api/v1/vrijstellingen/{ident}/gegevens", json={}, headers=bearer(tokens, elders)
        )
    ).status_code == 404
    assert (await register(client, tokens, elders, kinderen.gewoon, "5c")).status_code == 422
    school = await make_user(HAARLEMMERMEER, Role.SCHOOL, brin="88HA")
    assert (
        await client.get("/api/v1/vrijstellingen", headers=bearer(tokens, school))
    ).status_code == 403
    medewerker = await make_user(HAARLEMMERMEER, Role.ADMINISTRATIEF_MEDEWERKER)
    assert (
        await client.get("/api/v1/vrijstellingen", headers=bearer(tokens, medewerker))
    ).status_code == 200
    assert (await register(client, tokens, medewerker, kinderen.gewoon, "5c")).status_code == 403


async def test_vervangende_leerplicht_follows_article_10(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    kinderen: Kinderen,
    admin_dsn: str,
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    created = await register(client, tokens, lpa, kinderen.soldaat, "3a")
    ident = created.json()["id"]
    assert created.json()["bericht_uiterlijk"] is not None  # the gesprekken within 10 werkdagen
    besluit = {
        "geldig": True,
        "tot": (VANDAAG + timedelta(days=200)).isoformat(),
        "hernieuwen_voor": (VANDAAG + timedelta(days=150)).isoformat(),
        "motivering": "programma met praktijktijd bij de werkgever",
    }

    async def decide() -> httpx.Response:
        return await client.post(
            f"/api/v1/vrijstellingen/{ident}/besluit", json=besluit, headers=bearer(tokens, lpa)
        )

    assert "10.2" in (await decide()).json()["detail"]
    gesprek = await client.post(
        f"/api/v1/vrijstellingen/{ident}/gegevens",
        json={
            "gesprek_gevoerd_op": VANDAAG.isoformat(),
            "afspraken": "3 dagen school, 2 dagen praktijk",
        },
        headers=bearer(tokens, lpa),
    )
    assert gesprek.json()["informeren_uiterlijk"] > VANDAAG.isoformat()
    assert "10.4" in (await decide()).json()["detail"]
    await client.post(
        f"/api/v1/vrijstellingen/{ident}/gegevens",
        json={"verzoek_ondertekend": True, "betrokkenen_geinformeerd_op": VANDAAG.isoformat()},
        headers=bearer(tokens, lpa),
    )
    decided = await decide()
    assert decided.json()["status"] == "geldig", decided.text
    # To DUO, and to the Arbeidsinspectie (art. 10.5, 18) instead of a line in the letter.
    conn = await asyncpg.connect(admin_dsn)
    try:
        partners = await conn.fetch(
            "SELECT partner, soort, payload FROM portal.outbox WHERE id = ANY($1::uuid[])",
            decided.json()["berichten"],
        )
    finally:
        await conn.close()
    assert sorted((r["partner"], r["soort"]) for r in partners) == [
        ("arbeidsinspectie", "melding"),
        ("duo", "vrijstelling"),
    ]
    ai = next(json.loads(r["payload"]) for r in partners if r["partner"] == "arbeidsinspectie")
    assert (ai["reden"], ai["grond"]) == ("vervangende_leerplicht", "3a")


async def test_an_onderwijsvoorziening_that_is_no_school_gets_the_parents_informed(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, kinderen: Kinderen
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    vraag = {
        "naam": "Leerplaats De Tuin",
        "adres": "Tuinstraat 1, Hoofddorp",
        "bsns": [kinderen.gewoon, kinderen.richting],
        "advies_uiterlijk": (VANDAAG + timedelta(days=30)).isoformat(),
    }
    unknown = await client.post(
        "/api/v1/onderwijsvoorzieningen",
        json={**vraag, "bsns": ["123456782"]},
        headers=bearer(tokens, lpa),
    )
    assert unknown.status_code == 422
    asked = await client.post(
        "/api/v1/onderwijsvoorzieningen", json=vraag, headers=bearer(tokens, lpa)
    )
    assert asked.status_code == 201, asked.text
    assert asked.json()["jongeren"] == 2
    ident = asked.json()["id"]
    advised = await client.post(
        f"/api/v1/onderwijsvoorzieningen/{ident}/advies",
        json={"is_school": False, "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, lpa),
    )
    assert advised.status_code == 200, advised.text
    body = advised.json()
    assert (body["advies"], len(body["brieven"])) == ("geen_school", 2)
    assert body["ouders_informeren_uiterlijk"] == (VANDAAG + timedelta(days=7)).isoformat()
    assert body["ouders_geinformeerd_op"] == VANDAAG.isoformat()
    again = await client.post(
        f"/api/v1/onderwijsvoorzieningen/{ident}/advies",
        json={"is_school": True, "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, lpa),
    )
    assert again.status_code == 409
    elders = await make_user("0363", Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.post(
            f"/api/v1/onderwijsvoorzieningen/{ident}/advies",
            json={"is_school": True, "datum": VANDAAG.isoformat()},
            headers=bearer(tokens, elders),
        )
    ).status_code == 404


async def test_the_kennisgeving_page_shows_the_parents_grounds_and_who_registered_it(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    kinderen: Kinderen,
) -> None:
    lpa = await make_user(HAARLEMMERMEER, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    grond = "Wij hebben ernstige bedenkingen tegen de richting van alle scholen in de buurt."
    created = await register(client, tokens, lpa, kinderen.gewoon, "5b", toelichting=grond)
    assert created.status_code == 201, created.text
    assert created.json()["toelichting"] == grond
    assert created.json()["geregistreerd_door"] == lpa.naam
    page = await client.get(f"/vrijstellingen/{created.json()['id']}", headers=bearer(tokens, lpa))
    assert page.status_code == 200
    for tekst in (grond, f"geregistreerd door {lpa.naam}", "Status: In behandeling"):
        assert tekst in page.text, tekst
