"""The Top1000 coupling through the API (art. 2.5): under 18 to a named leerplichtambtenaar of the
gemeente, from 18 to the schoolgebonden team; only the teammanager couples; others get nothing."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write


@pytest.fixture(scope="module")
async def top(db: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("top1000")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "84YA;00;Oost Mbo;mbo;0363;Oost",
        ),
        tenant_id=None,
    )
    people = {"jong": new_bsn(), "oud": new_bsn(), "klein": new_bsn()}
    today = date.today()
    ages = {"jong": 15, "oud": 19, "klein": 10}
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Tim;;Top{k};{(today - timedelta(days=ages[k] * 366)).isoformat()};M;0363;"
                f"1091AA;1;Amsterdam;Zuid;;;;"
                for k, b in people.items()
            ),
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(folder, "i.csv", INS, f"{people['oud']};84YA;00;mbo;1;2025-08-01;"),
        tenant_id=AMSTERDAM,
    )
    return people


async def test_coupling_follows_age(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, top: dict[str, str]
) -> None:
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")

    async def koppel(bsn: str, **extra: object) -> httpx.Response:
        return await client.post(
            "/api/v1/rmc/top1000", json={"bsn": bsn, **extra}, headers=bearer(tokens, manager)
        )

    unnamed = await koppel(top["jong"])
    assert unnamed.status_code == 422
    assert unnamed.json()["errors"][0]["field"] == "leerplichtambtenaar_id"
    jong = await koppel(top["jong"], leerplichtambtenaar_id=str(lpa.user_id))
    assert jong.status_code == 201, jong.text
    assert jong.json()["leerplichtambtenaar"] == lpa.naam
    named_adult = await koppel(top["oud"], leerplichtambtenaar_id=str(lpa.user_id))
    assert named_adult.status_code == 422
    oud = await koppel(top["oud"])
    assert (oud.json()["team"], oud.json()["leerplichtambtenaar"]) == ("Oost", None)
    assert (await koppel(top["klein"], leerplichtambtenaar_id=str(lpa.user_id))).status_code == 422
    foreign_lpa = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    foreign = await koppel(top["jong"], leerplichtambtenaar_id=str(foreign_lpa.user_id))
    assert foreign.status_code == 422
    listed = (await client.get("/api/v1/rmc/top1000", headers=bearer(tokens, lpa))).json()["items"]
    assert {"Tim Topjong", "Tim Topoud"} <= {g["naam"] for g in listed}
    assert (
        await client.post(
            "/api/v1/rmc/top1000",
            json={"bsn": top["oud"]},
            headers=bearer(tokens, lpa),
        )
    ).status_code == 403
    zaanstad = await make_user(ZAANSTAD, Role.TEAMMANAGER)
    assert (await client.get("/api/v1/rmc/top1000", headers=bearer(tokens, zaanstad))).json()[
        "items"
    ] == []
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="84YA")
    assert (
        await client.get("/api/v1/rmc/top1000", headers=bearer(tokens, school))
    ).status_code == 403
