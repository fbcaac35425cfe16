"""Kennisgevingen through the API (API.md "Schools"): the 422 rules, a late notice marked, an
uitschrijving without destination starting the follow-up of art. 3.8 with its deadline, the
notice in the dossier, and a school seeing only its own."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import httpx
import msgspec
import pytest

from portal.administratie.service import controles_uitvoeren, import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


class Pupils(msgspec.Struct):
    vertrekker: str
    laat: str
    verwijderd: str


@pytest.fixture(scope="module")
async def pupils(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Pupils:
    folder = tmp_path_factory.mktemp("kennisgeving")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "87KA;00;Kennis College;vmbo;0363;West",
            "87KB;00;Bestemming College;vmbo;0363;West",
        ),
        tenant_id=None,
    )
    p = Pupils(new_bsn(), new_bsn(), new_bsn())
    born = (VANDAAG - timedelta(days=14 * 366)).isoformat()
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Kim;;Kennis{n};{born};V;0363;1055AA;{n};Amsterdam;West;;;;"
                for n, b in enumerate((p.vertrekker, p.laat, p.verwijderd))
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
            *(f"{b};87KA;00;vmbo;2;2024-08-01;" for b in (p.vertrekker, p.laat, p.verwijderd)),
        ),
        tenant_id=AMSTERDAM,
    )
    return p


def notice(bsn: str, soort: str, datum: date, **extra: Any) -> dict[str, Any]:
    return {"bsn": bsn, "brin": "87KA", "soort": soort, "datum": datum.isoformat(), **extra}


async def test_an_uitschrijving_without_destination_starts_the_follow_up(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, pupils: Pupils
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KA")
    sent = await client.post(
        "/api/v1/kennisgevingen",
        json=notice(pupils.vertrekker, "uitschrijving", VANDAAG - timedelta(days=2)),
        headers=bearer(tokens, school),
    )
    assert sent.status_code == 201, sent.text
    assert (sent.json()["te_laat"], sent.json()["opvolging"]) == (False, True)
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="West")
    signals = (
        await client.get(
            "/api/v1/signalen?soort=uitschrijving_zonder_inschrijving&limit=500",
            headers=bearer(tokens, lpa),
        )
    ).json()["items"]
    mine = [s for s in signals if s["jongere"]["naam"] == "Kim Kennis0"]
    assert mine
    assert mine[0]["eerstvolgende_termijn"]["artikel"] == "3.8"
    dossier = (
        await client.get(
            f"/api/v1/jongeren/{mine[0]['jongere']['id']}", headers=bearer(tokens, lpa)
        )
    ).json()
    assert [k["soort"] for k in dossier["kennisgevingen"]] == ["uitschrijving"]


async def test_a_late_notice_is_marked_and_a_destination_needs_no_follow_up(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, pupils: Pupils
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KA")
    late = await client.post(
        "/api/v1/kennisgevingen",
        json=notice(
            pupils.laat, "uitschrijving", VANDAAG - timedelta(days=10), bestemming_brin="87KB"
        ),
        headers=bearer(tokens, school),
    )
    assert late.status_code == 201, late.text
    assert (late.json()["te_laat"], late.json()["opvolging"]) == (True, False)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"soort": "verwijdering"}, "reden"),
        ({"datum": (VANDAAG + timedelta(days=3)).isoformat()}, "datum"),
        ({"bsn": "123456789"}, "bsn"),
        ({"brin": "87KB"}, "brin"),
        ({"bestemming_brin": "99ZZ"}, "bestemming_brin"),
        ({"soort": "inschrijving", "bestemming_brin": "87KB"}, "bestemming_brin"),
    ],
)
async def test_bad_notices_are_422_and_write_nothing(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    pupils: Pupils,
    change: dict[str, Any],
    field: str,
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KA")
    before = len(
        (await client.get("/api/v1/kennisgevingen", headers=bearer(tokens, school))).json()["items"]
    )
    body = {**notice(pupils.verwijderd, "uitschrijving", VANDAAG - timedelta(days=1)), **change}
    response = await client.post(
        "/api/v1/kennisgevingen", json=body, headers=bearer(tokens, school)
    )
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    after = len(
        (await client.get("/api/v1/kennisgevingen", headers=bearer(tokens, school))).json()["items"]
    )
    assert after == before


async def test_a_voorgenomen_verwijdering_may_lie_ahead_and_schools_see_their_own(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, pupils: Pupils
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KA")
    other = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KB")
    ahead = await client.post(
        "/api/v1/kennisgevingen",
        json=notice(
            pupils.verwijderd,
            "voorgenomen_verwijdering",
            VANDAAG + timedelta(days=14),
            reden="ernstig incident",
        ),
        headers=bearer(tokens, school),
    )
    assert ahead.status_code == 201, ahead.text
    ours = (await client.get("/api/v1/kennisgevingen", headers=bearer(tokens, school))).json()[
        "items"
    ]
    mine = next(k for k in ours if k["id"] == ahead.json()["id"])
    assert (mine["bsn"], mine["naam"]) == (pupils.verwijderd, "Kim Kennis2")
    theirs = (await client.get("/api/v1/kennisgevingen", headers=bearer(tokens, other))).json()[
        "items"
    ]
    assert ahead.json()["id"] not in [k["id"] for k in theirs]
    not_enrolled = await client.post(
        "/api/v1/kennisgevingen",
        json={
            **notice(pupils.verwijderd, "uitschrijving", VANDAAG - timedelta(days=1)),
            "brin": "87KB",
        },
        headers=bearer(tokens, other),
    )
    assert not_enrolled.status_code == 422
    assert not_enrolled.json()["errors"][0]["field"] == "bsn"


async def test_a_notice_of_enrolment_is_tied_to_a_pupil_the_school_may_not_read_yet(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    pupils: Pupils,
    admin_dsn: str,
) -> None:
    nieuw = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KB")  # the pupil is enrolled at 87KA
    made = await client.post(
        "/api/v1/kennisgevingen",
        json={
            **notice(pupils.vertrekker, "inschrijving", VANDAAG - timedelta(days=1)),
            "brin": "87KB",
        },
        headers=bearer(tokens, nieuw),
    )
    assert made.status_code == 201, made.text
    conn = await asyncpg.connect(admin_dsn)
    try:
        tied = await conn.fetchval(
            "SELECT k.jongere_id = j.id FROM portal.kennisgevingen k"
            " JOIN portal.jongeren j ON j.tenant_id = k.tenant_id AND j.bsn = k.bsn"
            " WHERE k.id = $1",
            UUID(made.json()["id"]),
        )
    finally:
        await conn.close()
    assert tied is True  # the leerplichtambtenaar finds it in the jongere's dossier
    listed = (await client.get("/api/v1/kennisgevingen", headers=bearer(tokens, nieuw))).json()
    mine = next(k for k in listed["items"] if k["id"] == made.json()["id"])
    assert mine["bsn"] == pupils.vertrekker
    assert mine.get("naam") is None  # not (yet) its pupil: the school reads no name


async def test_no_follow_up_for_a_pupil_with_a_vrijstelling(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    """A 17-year-old who joins Defensie with a valid vrijstelling (art. 11.4, Lpw 15): the school's
    uitschrijving without destination starts no follow-up (art. 3.8), and neither do the controls
    (one rule, `domain.leerplicht.te_volgen`). A classmate without one still gets it."""
    soldaat, klasgenoot = new_bsn(), new_bsn()
    born = (VANDAAG - timedelta(days=17 * 366)).isoformat()
    await import_file(
        db,
        "brp",
        write(
            tmp_path,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Sam;;Soldaat{n};{born};M;0363;1055AB;{n};Amsterdam;West;;;;"
                for n, b in enumerate((soldaat, klasgenoot))
            ),
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            tmp_path,
            "i.csv",
            INS,
            *(f"{b};87KA;00;vmbo;4;2022-08-01;" for b in (soldaat, klasgenoot)),
        ),
        tenant_id=AMSTERDAM,
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="West")
    gemeld = await client.post(
        "/api/v1/vrijstellingen",
        json={
            "bsn": soldaat,
            "grond": "15",
            "ontvangen_op": (VANDAAG - timedelta(days=10)).isoformat(),
            "defensiepersoneelnummer": "DP-123456",
        },
        headers=bearer(tokens, lpa),
    )
    assert gemeld.status_code == 201, gemeld.text
    besloten = await client.post(
        f"/api/v1/vrijstellingen/{gemeld.json()['id']}/besluit",
        json={
            "geldig": True,
            "van": (VANDAAG - timedelta(days=5)).isoformat(),
            "tot": (VANDAAG + timedelta(days=300)).isoformat(),
            "hernieuwen_voor": (VANDAAG + timedelta(days=250)).isoformat(),
            "motivering": "aanstellingsbrief Defensie getoetst",
        },
        headers=bearer(tokens, lpa),
    )
    assert besloten.status_code == 200, besloten.text
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="87KA")
    uit = VANDAAG - timedelta(days=2)
    for bsn, verwacht in ((soldaat, False), (klasgenoot, True)):
        response = await client.post(
            "/api/v1/kennisgevingen",
            json=notice(bsn, "uitschrijving", uit),
            headers=bearer(tokens, school),
        )
        assert response.status_code == 201, response.text
        assert response.json()["opvolging"] is verwacht

    # DUO's register ends both enrolments; the controls ten days later ask the same rule: the
    # classmate is suspected of absoluut verzuim, the soldier is not.
    await import_file(
        db,
        "inschrijvingen",
        write(
            tmp_path,
            "u.csv",
            INS,
            *(f"{b};87KA;00;vmbo;4;2022-08-01;{uit.isoformat()}" for b in (soldaat, klasgenoot)),
        ),
        tenant_id=AMSTERDAM,
    )
    await controles_uitvoeren(db, VANDAAG + timedelta(days=10), tenant_id=AMSTERDAM)
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        signalen = await tx.conn.fetch(
            "SELECT j.bsn, s.soort FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
            " WHERE j.bsn = ANY($1::text[])",
            [soldaat, klasgenoot],
        )
    gevonden = {(r["bsn"], r["soort"]) for r in signalen}
    assert (klasgenoot, "uitschrijving_zonder_inschrijving") in gevonden
    assert (klasgenoot, "vermoeden_absoluut_verzuim") in gevonden
    assert not any(bsn == soldaat for bsn, _ in gevonden)
