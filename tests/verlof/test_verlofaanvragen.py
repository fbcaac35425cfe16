"""Verlofaanvragen through the API (API.md "Schools"): routing over the school year's applications,
the hard rules of vakantieverlof as 422s, the director's decision (409 where the leerplichtambtenaar
decides), and a school seeing only its own applications."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import msgspec
import pytest

from portal.administratie.service import import_file
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

# School year 2026-2027 starts on Monday 17 August 2026 (summer holiday regio Noord ends the 16th).
LESDAG = date(2026, 8, 17)


class Leerlingen(msgspec.Struct):
    eerste: str
    tweede: str
    vakantie: str
    elders: str


@pytest.fixture(scope="module")
async def leerlingen(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Leerlingen:
    folder = tmp_path_factory.mktemp("verlof")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "86VA;00;Verlof Basisschool;po;0363;Zuid",
            "86VB;00;Andere Basisschool;po;0363;Zuid",
        ),
        tenant_id=None,
    )
    ll = Leerlingen(new_bsn(), new_bsn(), new_bsn(), new_bsn())
    born = "2017-03-03"
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Vera;;Verlof{n};{born};V;0363;1011AA;{n};Amsterdam;Zuid;;;;"
                for n, b in enumerate((ll.eerste, ll.tweede, ll.vakantie, ll.elders))
            ),
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            folder,
            "i.csv",
            INS,
            *(f"{b};86VA;00;po;4;2021-08-01;" for b in (ll.eerste, ll.tweede, ll.vakantie)),
            f"{ll.elders};86VB;00;po;4;2021-08-01;",
        ),
        tenant_id=AMSTERDAM,
    )
    return ll


def verzoek(bsn: str, grond: str, start: date, dagen: int, **extra: Any) -> dict[str, Any]:
    return {
        "bsn": bsn,
        "brin": "86VA",
        "grond": grond,
        "eerste_dag": start.isoformat(),
        "laatste_dag": (start + timedelta(days=dagen + 3)).isoformat(),
        "schooldagen": dagen,
        "buitenland": False,
        "toelichting": "",
        **extra,
    }


async def post(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, body: dict[str, Any]
) -> httpx.Response:
    return await client.post("/api/v1/verlofaanvragen", json=body, headers=bearer(tokens, who))


async def test_three_then_nine_days_sends_the_second_to_the_leerplichtambtenaar(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    first = await post(
        client, tokens, school, verzoek(leerlingen.eerste, "huwelijk", date(2026, 10, 5), 3)
    )
    assert first.status_code == 201, first.text
    assert (first.json()["beslisser"], first.json()["status"]) == ("directeur", "in_behandeling")
    assert any("ten hoogste 2" in w for w in first.json()["waarschuwingen"])
    second = await post(
        client, tokens, school, verzoek(leerlingen.eerste, "overig", date(2027, 2, 1), 9)
    )
    assert second.json()["beslisser"] == "leerplichtambtenaar"
    refused = await client.post(
        f"/api/v1/verlofaanvragen/{second.json()['id']}/besluit",
        json={"besluit": "verleend", "schooldagen": 9, "motivering": "akkoord"},
        headers=bearer(tokens, school),
    )
    assert refused.status_code == 409
    decided = await client.post(
        f"/api/v1/verlofaanvragen/{first.json()['id']}/besluit",
        json={"besluit": "verleend", "schooldagen": 2, "motivering": "huwelijk oom, 2 dagen"},
        headers=bearer(tokens, school),
    )
    assert (decided.json()["status"], decided.json()["besluit_schooldagen"]) == ("verleend", 2)
    again = await client.post(
        f"/api/v1/verlofaanvragen/{first.json()['id']}/besluit",
        json={"besluit": "geweigerd", "schooldagen": 0, "motivering": "toch niet"},
        headers=bearer(tokens, school),
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("start", "dagen", "field"),
    [
        (date(2026, 10, 5), 11, "schooldagen"),
        (LESDAG + timedelta(days=2), 3, "eerste_dag"),
    ],
)
async def test_vakantieverlof_hard_rules_are_422(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    leerlingen: Leerlingen,
    start: date,
    dagen: int,
    field: str,
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    response = await post(
        client, tokens, school, verzoek(leerlingen.vakantie, "vakantie", start, dagen)
    )
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_a_second_vakantieverlof_in_a_school_year_is_refused(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    first = await post(
        client, tokens, school, verzoek(leerlingen.tweede, "vakantie", date(2026, 11, 2), 4)
    )
    assert first.status_code == 201
    second = await post(
        client, tokens, school, verzoek(leerlingen.tweede, "vakantie", date(2027, 3, 1), 2)
    )
    assert second.status_code == 422
    assert second.json()["errors"][0]["field"] == "grond"
    next_year = await post(
        client, tokens, school, verzoek(leerlingen.tweede, "vakantie", date(2027, 10, 4), 2)
    )
    assert next_year.status_code == 201


async def test_a_school_sees_and_files_only_for_its_own(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    other = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VB")
    created = await post(
        client, tokens, school, verzoek(leerlingen.vakantie, "verhuizing", date(2026, 12, 7), 1)
    )
    assert created.status_code == 201
    ident = created.json()["id"]
    mine = (
        await client.get(f"/api/v1/verlofaanvragen/{ident}", headers=bearer(tokens, school))
    ).json()
    assert (mine["bsn"], mine["naam"]) == (leerlingen.vakantie, "Vera Verlof2")
    listed = (await client.get("/api/v1/verlofaanvragen", headers=bearer(tokens, school))).json()
    assert {"bsn": leerlingen.vakantie, "naam": "Vera Verlof2"}.items() <= next(
        v for v in listed["items"] if v["id"] == ident
    ).items()
    assert (
        await client.get(f"/api/v1/verlofaanvragen/{ident}", headers=bearer(tokens, other))
    ).status_code == 404
    assert ident not in [
        v["id"]
        for v in (
            await client.get("/api/v1/verlofaanvragen", headers=bearer(tokens, other))
        ).json()["items"]
    ]
    decided = await client.post(
        f"/api/v1/verlofaanvragen/{ident}/besluit",
        json={"besluit": "verleend", "schooldagen": 1, "motivering": "x"},
        headers=bearer(tokens, other),
    )
    assert decided.status_code == 404
    not_ours = await post(
        client, tokens, school, verzoek(leerlingen.elders, "verhuizing", date(2026, 12, 7), 1)
    )
    assert not_ours.status_code == 422
    assert not_ours.json()["errors"][0]["field"] == "bsn"
    wrong_brin = await post(
        client, tokens, other, verzoek(leerlingen.elders, "verhuizing", date(2026, 12, 7), 1)
    )
    assert wrong_brin.json()["errors"][0]["field"] == "brin"
    zaanstad = await make_user(ZAANSTAD, Role.SCHOOL, brin="86VA")
    assert (
        await client.get(f"/api/v1/verlofaanvragen/{ident}", headers=bearer(tokens, zaanstad))
    ).status_code == 404
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.get("/api/v1/verlofaanvragen", headers=bearer(tokens, lpa))
    ).status_code == 403


async def test_vakantieverlof_and_the_other_grounds_count_apart(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    """Ten days of vakantieverlof leave the director ten more for andere gewichtige
    omstandigheden (Lpw 13a, 14; toel. 5); those then add up among themselves."""
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    bsn = leerlingen.vakantie
    vakantie = await post(client, tokens, school, verzoek(bsn, "vakantie", date(2026, 11, 2), 10))
    assert vakantie.status_code == 201, vakantie.text
    assert vakantie.json()["beslisser"] == "directeur"
    huwelijk = await post(
        client, tokens, school, verzoek(bsn, "huwelijk", date(2027, 2, 1), 5, buitenland=True)
    )
    assert huwelijk.json()["beslisser"] == "directeur"
    assert huwelijk.json()["waarschuwingen"] == []
    overig = await post(client, tokens, school, verzoek(bsn, "overig", date(2027, 3, 1), 6))
    assert overig.json()["beslisser"] == "leerplichtambtenaar"
    assert any("vakantieverlof telt niet mee" in w for w in overig.json()["waarschuwingen"])
