"""Overdrachten to the Jongerenpunt through the API (API.md "Jongerenpunt"): the offer's rules, the
minimal handover set, one answer only, bemiddeling after acceptance, the werklogboek, and
everyone else getting nothing."""

from __future__ import annotations

from datetime import timedelta

import httpx
import msgspec
import pytest

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


class Jongeren(msgspec.Struct):
    vsv: list[str]
    ingeschreven: str
    te_oud: str
    zaankanter: str


@pytest.fixture(scope="module")
async def jongeren(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Jongeren:
    folder = tmp_path_factory.mktemp("overdracht")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "82WW;00;Overstap College;mbo;0363;Zuid",
        ),
        tenant_id=None,
    )
    vsv = [new_bsn(), new_bsn(), new_bsn()]
    ingeschreven, te_oud, zaankanter = new_bsn(), new_bsn(), new_bsn()
    negentien = (VANDAAG - timedelta(days=19 * 366)).isoformat()
    oud = (VANDAAG - timedelta(days=24 * 366)).isoformat()
    rows = [
        *(
            f"{b};Joep;;Overdracht{n};{negentien};M;0363;1055AA;{n + 1};Amsterdam;Zuid;;;;"
            for n, b in enumerate(vsv)
        ),
        f"{ingeschreven};Ina;;Schoolgaand;{negentien};V;0363;1055AB;1;Amsterdam;Zuid;;;;",
        f"{te_oud};Otto;;Oud;{oud};M;0363;1055AC;1;Amsterdam;Zuid;;;;",
    ]
    await import_file(db, "brp", write(folder, "b.csv", BRP_HEADER, *rows), tenant_id=AMSTERDAM)
    ended = (VANDAAG - timedelta(days=60)).isoformat()
    enrolments = [f"{b};82WW;00;mbo;1;2022-08-01;{ended}" for b in [*vsv, te_oud]]
    enrolments.append(f"{ingeschreven};82WW;00;mbo;1;2022-08-01;")
    await import_file(
        db, "inschrijvingen", write(folder, "i.csv", INS, *enrolments), tenant_id=AMSTERDAM
    )
    await import_file(
        db,
        "brp",
        write(
            folder,
            "z.csv",
            BRP_HEADER,
            f"{zaankanter};Zeb;;Zaans;{negentien};M;0479;1500AA;1;Zaandam;Leerplicht en RMC;;;;",
        ),
        tenant_id=ZAANSTAD,
    )
    return Jongeren(vsv, ingeschreven, te_oud, zaankanter)


async def offer(
    client: httpx.AsyncClient, tokens: TokenService, who: object, bsn: str
) -> httpx.Response:
    return await client.post(
        "/api/v1/rmc/overdrachten",
        json={"bsn": bsn, "reden": "geen school, geen werk", "toelichting": "moeder ongerust"},
        headers=bearer(tokens, who),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("welke", "message"),
    [
        ("ingeschreven", "ingeschreven"),
        ("te_oud", "23"),
        ("zaankanter", "geen jongere"),
        ("fout", "elfproef"),
    ],
)
async def test_only_a_vsver_of_the_own_gemeente_can_be_offered(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    jongeren: Jongeren,
    welke: str,
    message: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    bsn = "123456789" if welke == "fout" else getattr(jongeren, welke)
    response = await offer(client, tokens, lpa, bsn)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "bsn"
    assert message in response.json()["errors"][0]["message"]


async def test_offer_accept_once_report_bemiddeling_and_the_lpa_sees_it(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    jongeren: Jongeren,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    punt = await make_user(AMSTERDAM, Role.JONGERENPUNT)
    offered = await offer(client, tokens, lpa, jongeren.vsv[0])
    assert offered.status_code == 201, offered.text
    assert offered.json()["status"] == "aangeboden"
    assert (await offer(client, tokens, lpa, jongeren.vsv[0])).status_code == 409

    inbox = (
        await client.get("/api/v1/overdrachten?status=aangeboden", headers=bearer(tokens, punt))
    ).json()
    [item] = [i for i in inbox["items"] if i["id"] == offered.json()["id"]]
    assert set(item) == {
        "id",
        "status",
        "naam",
        "geboortedatum",
        "contact",
        "reden",
        "bemiddeling",
        "bemiddeling_datum",
    }
    assert item["naam"] == "Joep Overdracht0"
    assert "moeder" not in str(item)
    ident = item["id"]
    early = await client.post(
        f"/api/v1/overdrachten/{ident}/bemiddeling",
        json={"status": "in_bemiddeling", "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, punt),
    )
    assert early.status_code == 409
    accepted = await client.post(
        f"/api/v1/overdrachten/{ident}/acceptatie",
        json={"besluit": "geaccepteerd", "reden": "past bij traject"},
        headers=bearer(tokens, punt),
    )
    assert accepted.json()["status"] == "geaccepteerd"
    second = await client.post(
        f"/api/v1/overdrachten/{ident}/acceptatie",
        json={"besluit": "afgewezen", "reden": "toch niet"},
        headers=bearer(tokens, punt),
    )
    assert second.status_code == 409
    future = await client.post(
        f"/api/v1/overdrachten/{ident}/bemiddeling",
        json={"status": "in_bemiddeling", "datum": (VANDAAG + timedelta(days=3)).isoformat()},
        headers=bearer(tokens, punt),
    )
    assert future.status_code == 422
    reported = await client.post(
        f"/api/v1/overdrachten/{ident}/bemiddeling",
        json={"status": "in_bemiddeling", "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, punt),
    )
    assert reported.json()["bemiddeling"] == "in_bemiddeling"

    mine = (await client.get("/api/v1/rmc/overdrachten", headers=bearer(tokens, lpa))).json()[
        "items"
    ]
    [seen] = [o for o in mine if o["id"] == ident]
    assert (seen["bemiddeling"], seen["controle_verlopen"]) == ("in_bemiddeling", False)
    assert seen["controle_uiterlijk"] > VANDAAG.isoformat()
    assert seen["toelichting"] == "moeder ongerust"
    dossier = (
        await client.get(f"/api/v1/jongeren/{seen['jongere_id']}", headers=bearer(tokens, lpa))
    ).json()
    results = [w["resultaat"] for w in dossier["werklogboek"]]
    assert any("Jongerenpunt: geaccepteerd" in r for r in results)
    assert any("in bemiddeling" in r for r in results)


async def test_declining_needs_a_reason_and_others_get_nothing(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, jongeren: Jongeren
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    punt = await make_user(AMSTERDAM, Role.JONGERENPUNT)
    ident = (await offer(client, tokens, lpa, jongeren.vsv[1])).json()["id"]
    no_reason = await client.post(
        f"/api/v1/overdrachten/{ident}/acceptatie",
        json={"besluit": "afgewezen"},
        headers=bearer(tokens, punt),
    )
    assert no_reason.status_code == 422
    other_punt = await make_user(ZAANSTAD, Role.JONGERENPUNT)
    assert (await client.get("/api/v1/overdrachten", headers=bearer(tokens, other_punt))).json()[
        "items"
    ] == []
    foreign = await client.post(
        f"/api/v1/overdrachten/{ident}/acceptatie",
        json={"besluit": "geaccepteerd"},
        headers=bearer(tokens, other_punt),
    )
    assert foreign.status_code == 404
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="82WW")
    for who in (school, lpa):
        assert (
            await client.get("/api/v1/overdrachten", headers=bearer(tokens, who))
        ).status_code == 403
    assert (await offer(client, tokens, punt, jongeren.vsv[2])).status_code == 403
    dossier = await client.get("/api/v1/jongeren?zoek=Overdracht", headers=bearer(tokens, punt))
    assert dossier.status_code == 403


async def jongere_id(client: httpx.AsyncClient, tokens: TokenService, who: object, bsn: str) -> str:
    found = (
        await client.get(f"/api/v1/jongeren?zoek={bsn}", headers=bearer(tokens, who))  # type: ignore[arg-type]
    ).json()["items"]
    ident: str = found[0]["id"]
    return ident


async def test_a_vsv_case_records_reason_income_and_dagbesteding_then_hands_over(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, jongeren: Jongeren
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    punt = await make_user(AMSTERDAM, Role.JONGERENPUNT)
    ident = await jongere_id(client, tokens, lpa, jongeren.vsv[2])
    opened = await client.post(
        "/api/v1/zaken", json={"jongere_id": ident}, headers=bearer(tokens, lpa)
    )
    assert opened.status_code == 201, opened.text
    assert opened.json()["soort"] == "vsv"
    again = await client.post(
        "/api/v1/zaken", json={"jongere_id": ident}, headers=bearer(tokens, lpa)
    )
    assert again.status_code == 409
    z = opened.json()["id"]
    werk = (await client.get("/api/v1/werkvoorraad?limit=500", headers=bearer(tokens, lpa))).json()
    assert [w["soort"] for w in werk["items"] if w["zaak_id"] == z] == ["zaak"]

    async def stap(actie: str, **vaststellingen: object) -> httpx.Response:
        return await client.post(
            f"/api/v1/zaken/{z}/stappen",
            json={"actie": actie, "vaststellingen": vaststellingen},
            headers=bearer(tokens, lpa),
        )

    no_reason = await stap("reden_onderzoeken")
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "vaststellingen.vsv_reden"
    assert (await stap("reden_onderzoeken", vsv_reden="Opleiding paste niet")).status_code == 200
    too_soon = await stap("overdragen_jongerenpunt")
    assert too_soon.status_code == 409
    assert too_soon.json()["detail"].startswith("art. 9a.4:")
    assert (await stap("inkomen_vastleggen", inkomen="werk")).status_code == 200
    # With income no dagbesteding is asked (werkproces 3-4), and the handover is refused for the
    # income, not for a missing dagbesteding.
    asked = await stap("dagbesteding_vastleggen", dagbesteding=False)
    assert asked.status_code == 409
    assert asked.json()["detail"].startswith("art. 9a.3:")
    working = await stap("overdragen_jongerenpunt")
    assert working.status_code == 409
    assert working.json()["detail"].startswith("art. 9a.5:")
    assert "inkomen" in working.json()["detail"]
    assert (await stap("inkomen_vastleggen", inkomen="geen")).status_code == 200
    assert (await stap("overdragen_jongerenpunt")).json()["detail"].startswith("art. 9a.3:")
    assert (await stap("dagbesteding_vastleggen", dagbesteding=False)).status_code == 200
    contact = await stap(
        "contact_jongere", contactvorm="telefonisch", verslag="Voicemail ingesproken"
    )
    assert contact.status_code == 200
    handed = await stap("overdragen_jongerenpunt", verslag="moeder ongerust over broer")
    assert handed.json()["status"] == "overgedragen", handed.text
    inbox = (await client.get("/api/v1/overdrachten", headers=bearer(tokens, punt))).json()["items"]
    [item] = [i for i in inbox if i["naam"] == "Joep Overdracht2"]
    assert (item["status"], item["reden"]) == ("aangeboden", "Opleiding paste niet")
    assert "broer" not in str(item)
    dossier = (await client.get(f"/api/v1/jongeren/{ident}", headers=bearer(tokens, lpa))).json()
    results = " ".join(w["resultaat"] for w in dossier["werklogboek"])
    assert "Inkomen: geen" in results
    assert "Dagbesteding (WMO): nee" in results
    assert "Contact: telefonisch" in results


async def test_a_vsv_case_only_for_a_resident_school_leaver(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, jongeren: Jongeren
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    enrolled = await jongere_id(client, tokens, lpa, jongeren.ingeschreven)
    response = await client.post(
        "/api/v1/zaken", json={"jongere_id": enrolled}, headers=bearer(tokens, lpa)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "jongere_id"
    zaankanter = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    foreign = await jongere_id(client, tokens, zaankanter, jongeren.zaankanter)
    assert (
        await client.post(
            "/api/v1/zaken", json={"jongere_id": foreign}, headers=bearer(tokens, lpa)
        )
    ).status_code == 404
    both = await client.post(
        "/api/v1/zaken",
        json={"jongere_id": enrolled, "melding_id": enrolled},
        headers=bearer(tokens, lpa),
    )
    assert both.status_code == 422


async def test_waiting_for_a_study_shows_in_the_werkvoorraad_when_the_enrolment_comes(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    jongeren: Jongeren,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("wacht")
    number = new_bsn()
    born = (VANDAAG - timedelta(days=18 * 366)).isoformat()
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            f"{number};Wim;;Wachter;{born};M;0363;1055AD;1;Amsterdam;Zuid;;;;",
        ),
        tenant_id=AMSTERDAM,
    )
    ended = (VANDAAG - timedelta(days=40)).isoformat()
    await import_file(
        db,
        "inschrijvingen",
        write(folder, "i.csv", INS, f"{number};82WW;00;mbo;1;2022-08-01;{ended}"),
        tenant_id=AMSTERDAM,
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    ident = await jongere_id(client, tokens, lpa, number)
    z = (
        await client.post("/api/v1/zaken", json={"jongere_id": ident}, headers=bearer(tokens, lpa))
    ).json()["id"]
    for actie, vast in (
        ("reden_onderzoeken", {"vsv_reden": "Verkeerde opleiding gekozen"}),
        ("wachten_op_opleiding", {"verslag": "Start BOL 3 in februari"}),
    ):
        response = await client.post(
            f"/api/v1/zaken/{z}/stappen",
            json={"actie": actie, "vaststellingen": vast},
            headers=bearer(tokens, lpa),
        )
        assert response.status_code == 200, response.text

    async def status() -> str:
        werk = (
            await client.get("/api/v1/werkvoorraad?limit=500", headers=bearer(tokens, lpa))
        ).json()
        [item] = [w for w in werk["items"] if w["zaak_id"] == z]
        return str(item["status"])

    assert await status() == "wacht_op_opleiding"
    await import_file(
        db,
        "inschrijvingen",
        write(
            folder,
            "j.csv",
            INS,
            f"{number};82WW;00;mbo;1;2022-08-01;{ended}",
            f"{number};82WW;00;mbo;3;{VANDAAG.isoformat()};",
        ),
        tenant_id=AMSTERDAM,
    )
    assert await status() == "ingeschreven"
