"""The kinds of case beside relatief verzuim through the API: verzuim 18+ (art. 7), absoluut
verzuim from a signal (art. 8); and the steps every kind shares: the ernst/oorzaak choice, a
deurbezoek for the team's leerplichtassistent, the SVB approval by the teammanager, the Wpg label
of an announced verhoor, and closing a DUO melding back to DUO through the outbox."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from portal.administratie.service import controles_uitvoeren, import_file
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write
from tests.verzuim.helpers import leerling_met_melding, step, tot_gesprek

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it
PURMEREND = "0439"


async def open_case(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, **herkomst: str
) -> dict[str, Any]:
    response = await client.post("/api/v1/zaken", json=herkomst, headers=bearer(tokens, who))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def plus_case(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    folder: Path,
    dagen: int,
    soort: str = "rmc",
) -> tuple[dict[str, Any], Principal, str]:
    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        folder,
        brin="70PP",
        school="ROC Plus",
        onderwijssoort="mbo",
        voornaam="Lars",
        achternaam="Achttien",
        leeftijd=19,
        uren=40,
        soort=soort,
        periode_van=(VANDAAG - timedelta(days=dagen - 1)).isoformat(),
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    return await open_case(client, tokens, lpa, melding_id=gemeld.melding), lpa, gemeld.melding


async def test_an_18plus_case_invites_the_jongere_agrees_a_plan_and_has_no_enforcement(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    zaak, lpa, _ = await plus_case(db, client, tokens, make_user, tmp_path, dagen=30)
    assert zaak["soort"] == "verzuim_18plus"
    assert zaak["volgende_stappen"] == ["beoordelen", "gecorrigeerd_afsluiten"]
    assert zaak["termijnen"] == []  # art. 7 sets no legal term for the invitation
    z = zaak["id"]
    corrected = await step(client, tokens, lpa, z, "gecorrigeerd_afsluiten")
    assert corrected.status_code == 409
    assert "7.3" in corrected.json()["detail"]
    assert (await step(client, tokens, lpa, z, "beoordelen")).status_code == 200
    invited = await step(client, tokens, lpa, z, "uitnodigen")
    assert invited.status_code == 200
    letters = (
        await client.get(
            f"/api/v1/jongeren/{zaak['jongere_id']}/brieven", headers=bearer(tokens, lpa)
        )
    ).json()["items"]
    assert [b["soort"] for b in letters] == ["uitnodiging_18plus"]
    assert (await step(client, tokens, lpa, z, "gesprek_voeren")).status_code == 200
    halt = await step(client, tokens, lpa, z, "halt_verwijzen", uitleg="toch")
    assert halt.status_code == 409
    assert "18+" in halt.json()["detail"]
    no_plan = await step(client, tokens, lpa, z, "plan_van_aanpak_maken")
    assert no_plan.status_code == 409
    assert "7.5" in no_plan.json()["detail"]
    plan = await step(
        client,
        tokens,
        lpa,
        z,
        "plan_van_aanpak_maken",
        vaststellingen={"plan_van_aanpak": "Terug naar BOL 2 per januari; wekelijks contact."},
    )
    assert plan.json()["status"] == "plan_van_aanpak"
    assert plan.json()["volgende_stappen"] == [
        "ernst_oorzaak_vastleggen",
        "deurbezoek_uitzetten",
        "contact_school",
        "afsluiten",
    ]


async def test_an_early_18plus_melding_without_background_may_be_closed_gecorrigeerd(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    zaak, lpa, melding = await plus_case(db, client, tokens, make_user, tmp_path, dagen=10)
    with_background = await step(client, tokens, lpa, zaak["id"], "gecorrigeerd_afsluiten")
    assert with_background.status_code == 409
    closed = await step(
        client,
        tokens,
        lpa,
        zaak["id"],
        "gecorrigeerd_afsluiten",
        vaststellingen={
            "zonder_achtergrond": True,
            "reden_afsluiten": "gecorrigeerd: geen achtergrondinformatie",
        },
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "afgesloten"
    assert closed.json()["berichten"] == []  # a portal melding has no DUO id to close
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        row = await tx.conn.fetchrow(
            "SELECT status, reden_afgesloten FROM meldingen WHERE id = $1", melding
        )
    assert row is not None
    assert (row["status"], row["reden_afgesloten"]) == (
        "afgesloten",
        "gecorrigeerd: geen achtergrondinformatie",
    )


@pytest.fixture
async def absoluut(
    db: Database, tmp_path: Path, make_user: UserFactory
) -> tuple[str, Principal, Principal]:
    """A 15-year-old of Purmerend whose enrolment ended without a new one: the controls find
    absoluut verzuim; a leerplichtambtenaar (BOA) of the team takes it on."""
    await import_file(
        db,
        "scholen",
        write(
            tmp_path,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "71QQ;00;Purmer College;vmbo;0439;Leerplicht en RMC",
        ),
        tenant_id=None,
    )
    number = new_bsn()
    geboren = VANDAAG.replace(year=VANDAAG.year - 15) - timedelta(days=20)
    await import_file(
        db,
        "brp",
        write(
            tmp_path,
            "b.csv",
            BRP_HEADER,
            f"{number};Bo;;Nergens;{geboren.isoformat()};M;0439;1441AA;2;Purmerend;"
            "Leerplicht en RMC;111222333;A. Nergens;;",
        ),
        tenant_id=PURMEREND,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            tmp_path,
            "i.csv",
            INS,
            f"{number};71QQ;00;vmbo;2;2023-08-01;{(VANDAAG - timedelta(days=30)).isoformat()}",
        ),
        tenant_id=PURMEREND,
    )
    await controles_uitvoeren(db, VANDAAG, tenant_id=PURMEREND)
    async with db.tenant_tx(None, tenant_id=PURMEREND) as tx:
        signaal = await tx.conn.fetchval(
            "SELECT s.id FROM signalen s JOIN jongeren j ON j.id = s.jongere_id"
            " WHERE j.bsn = $1 AND s.soort = 'vermoeden_absoluut_verzuim'",
            number,
        )
    assert signaal is not None
    team = "Leerplicht en RMC"
    boa = await make_user(PURMEREND, Role.LEERPLICHTAMBTENAAR, team=team, boa=True)
    assistent = await make_user(PURMEREND, Role.LEERPLICHTASSISTENT, team=team)
    return str(signaal), boa, assistent


async def test_absoluut_verzuim_runs_the_deadlines_of_art_8_to_a_proces_verbaal(
    client: httpx.AsyncClient,
    tokens: TokenService,
    absoluut: tuple[str, Principal, Principal],
) -> None:
    signaal, boa, _ = absoluut
    zaak = await open_case(client, tokens, boa, signaal_id=signaal)
    assert zaak["soort"] == "absoluut_verzuim"
    assert [t["soort"] for t in zaak["termijnen"]] == [
        "administratieve_controle",
        "contact_ouders",
        "controle_advies",
    ]
    again = await client.post(
        "/api/v1/zaken", json={"signaal_id": signaal}, headers=bearer(tokens, boa)
    )
    assert again.status_code == 409
    z = zaak["id"]
    checked = await step(client, tokens, boa, z, "administratief_controleren")
    termijnen = {t["soort"]: t for t in checked.json()["termijnen"]}
    assert termijnen["administratieve_controle"]["voldaan_op"] == VANDAAG.isoformat()
    # Art. 8.2 counts 7 kalenderdagen from the day the check was done, not from its deadline.
    week = (VANDAAG + timedelta(days=7)).isoformat()
    assert termijnen["contact_ouders"]["uiterlijk"] == week
    assert termijnen["controle_advies"]["uiterlijk"] == (VANDAAG + timedelta(days=14)).isoformat()
    school = await step(client, tokens, boa, z, "contact_school")
    assert school.json()["status"] == "administratief_gecontroleerd"
    contact = await step(client, tokens, boa, z, "contact_ouders")
    assert contact.status_code == 200, contact.text
    termijnen = {t["soort"]: t for t in contact.json()["termijnen"]}
    assert termijnen["contact_ouders"]["uiterlijk"] == week
    assert termijnen["controle_advies"]["uiterlijk"] == week  # 8.3: 7 after the advice was given
    assert not any(t["te_laat"] for t in termijnen.values())
    assert len(contact.json()["brieven"]) == 1
    followed = await step(
        client, tokens, boa, z, "advies_controleren", vaststellingen={"advies_opgevolgd": False}
    )
    assert followed.json()["status"] == "advies_gecontroleerd"
    assert all(t["voldaan_op"] for t in followed.json()["termijnen"])
    assert (await step(client, tokens, boa, z, "verhoor_aankondigen")).status_code == 200
    pv = await step(
        client, tokens, boa, z, "proces_verbaal_opmaken", vaststellingen={"verwijtbaar": True}
    )
    assert pv.json()["status"] == "proces_verbaal"
    closed = await step(
        client, tokens, boa, z, "afsluiten", vaststellingen={"reden_afsluiten": "pv ingestuurd"}
    )
    assert closed.json()["status"] == "afgesloten"
    signals = (
        await client.get("/api/v1/signalen?status=open", headers=bearer(tokens, boa))
    ).json()["items"]
    assert signal_ids(signals).isdisjoint({signaal})


def signal_ids(items: list[dict[str, Any]]) -> set[str]:
    return {i["id"] for i in items}


async def test_a_verhoor_is_wpg_and_hidden_from_a_non_boa(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    absoluut: tuple[str, Principal, Principal],
) -> None:
    signaal, boa, _ = absoluut
    collega = await make_user(PURMEREND, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    z = (await open_case(client, tokens, boa, signaal_id=signaal))["id"]
    for actie in ("administratief_controleren", "contact_ouders", "advies_controleren"):
        assert (await step(client, tokens, boa, z, actie)).status_code == 200
    refused = await step(client, tokens, collega, z, "verhoor_aankondigen")
    assert refused.status_code == 409
    assert "BOA" in refused.json()["detail"]
    announced = await step(client, tokens, boa, z, "verhoor_aankondigen")
    assert [s["actie"] for s in announced.json()["stappen"]][-1] == "verhoor_aankondigen"
    seen = (await client.get(f"/api/v1/zaken/{z}", headers=bearer(tokens, collega))).json()
    assert "verhoor_aankondigen" not in [s["actie"] for s in seen["stappen"]]
    jongere = seen["jongere_id"]
    boa_letters = (
        await client.get(f"/api/v1/jongeren/{jongere}/brieven", headers=bearer(tokens, boa))
    ).json()["items"]
    colleague_letters = (
        await client.get(f"/api/v1/jongeren/{jongere}/brieven", headers=bearer(tokens, collega))
    ).json()["items"]
    assert "uitnodiging_verhoor" in [b["soort"] for b in boa_letters]
    assert "uitnodiging_verhoor" not in [b["soort"] for b in colleague_letters]
    dossier = (
        await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, collega))
    ).json()
    assert not any("verhoor" in w["resultaat"] for w in dossier["werklogboek"])


async def test_a_deurbezoek_is_a_task_for_the_teams_assistant_and_its_report_goes_in_the_dossier(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    absoluut: tuple[str, Principal, Principal],
) -> None:
    signaal, boa, assistent = absoluut
    z = (await open_case(client, tokens, boa, signaal_id=signaal))["id"]
    assert (await step(client, tokens, boa, z, "administratief_controleren")).status_code == 200
    without = await step(client, tokens, boa, z, "deurbezoek_uitzetten")
    assert without.status_code == 422
    assert without.json()["errors"][0]["field"] == "vaststellingen.deurbezoek_opdracht"
    given = await step(
        client,
        tokens,
        boa,
        z,
        "deurbezoek_uitzetten",
        vaststellingen={"deurbezoek_opdracht": "Aanbellen; brief absoluut verzuim afgeven"},
    )
    assert given.status_code == 200
    tasks = (await client.get("/api/v1/taken", headers=bearer(tokens, assistent))).json()["items"]
    assert len(tasks) == 1
    task = tasks[0]
    assert (task["naam"], task["adres"]) == ("Bo Nergens", "1441AA 2 Purmerend")
    other_team = await make_user(AMSTERDAM, Role.LEERPLICHTASSISTENT, team="Zuid")
    school = await make_user(PURMEREND, Role.SCHOOL, brin="71QQ")
    assert (await client.get("/api/v1/taken", headers=bearer(tokens, other_team))).json()[
        "items"
    ] == []
    assert (await client.get("/api/v1/taken", headers=bearer(tokens, school))).status_code == 403
    foreign = await client.post(
        f"/api/v1/taken/{task['id']}/afronden",
        json={"verslag": "x"},
        headers=bearer(tokens, other_team),
    )
    assert foreign.status_code == 404
    by_lpa = await client.post(
        f"/api/v1/taken/{task['id']}/afronden", json={"verslag": "x"}, headers=bearer(tokens, boa)
    )
    assert by_lpa.status_code == 403
    empty = await client.post(
        f"/api/v1/taken/{task['id']}/afronden",
        json={"verslag": ""},
        headers=bearer(tokens, assistent),
    )
    assert empty.status_code == 422
    done = await client.post(
        f"/api/v1/taken/{task['id']}/afronden",
        json={"verslag": "Moeder thuis getroffen; zoon zit bij familie in Zaandam."},
        headers=bearer(tokens, assistent),
    )
    assert done.json()["status"] == "afgerond"
    twice = await client.post(
        f"/api/v1/taken/{task['id']}/afronden",
        json={"verslag": "nog eens"},
        headers=bearer(tokens, assistent),
    )
    assert twice.status_code == 409
    dossier = (
        await client.get(f"/api/v1/jongeren/{task['jongere_id']}", headers=bearer(tokens, boa))
    ).json()
    assert any("familie in Zaandam" in w["resultaat"] for w in dossier["werklogboek"])


async def test_ernst_oorzaak_is_recorded_and_the_svb_waits_for_the_teammanager(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path,
        brin="72RR",
        school="SVB College",
        onderwijssoort="vmbo",
        voornaam="Sem",
        achternaam="Zestien",
        leeftijd=16,
        uren=20,
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    z = await tot_gesprek(client, tokens, lpa, gemeld.melding)
    unknown_cause = await step(
        client, tokens, lpa, z, "ernst_oorzaak_vastleggen", vaststellingen={"ernstig": True}
    )
    assert unknown_cause.status_code == 409
    chosen = await step(
        client,
        tokens,
        lpa,
        z,
        "ernst_oorzaak_vastleggen",
        vaststellingen={"ernstig": True, "oorzaak": "onwil"},
    )
    assert (chosen.json()["aanpak"], chosen.json()["status"]) == ("handhaver", "gesprek_gevoerd")
    not_yet = await step(client, tokens, lpa, z, "svb_akkoord")
    assert not_yet.status_code == 409
    assert (await step(client, tokens, lpa, z, "svb_voorleggen")).status_code == 200
    werk = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, manager))).json()
    assert [a["zaak_id"] for a in werk["ter_goedkeuring"]] == [z]
    lpa_werk = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, lpa))).json()
    assert lpa_werk["ter_goedkeuring"] == []
    self_approved = await step(client, tokens, lpa, z, "svb_akkoord")
    assert self_approved.status_code == 409
    assert "teammanager" in self_approved.json()["detail"]
    assert (await step(client, tokens, manager, z, "svb_akkoord")).status_code == 200
    werk = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, manager))).json()
    assert werk["ter_goedkeuring"] == []
    melden = await step(
        client,
        tokens,
        lpa,
        z,
        "svb_melden",
        vaststellingen={
            "verwijtbaar": True,
            "svb_oproep_gedaan": True,
            "svb_afspraken": {
                "geconstateerd_verzuim": "20 uur in 4 weken",
                "ondernomen_acties": "gesprek, waarschuwing",
                "voorwaarden_ongedaan_maken": "4 weken volledig aanwezig",
                "evaluatiedatum": (VANDAAG + timedelta(days=28)).isoformat(),
            },
        },
    )
    assert melden.status_code == 200, melden.text
    assert len(melden.json()["berichten"]) == 1


async def test_closing_a_duo_melding_sends_the_status_and_reason_to_duo(
    db: Database,
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path,
        brin="73SS",
        school="DUO College",
        onderwijssoort="vmbo",
        voornaam="Dewi",
        achternaam="Loket",
        leeftijd=14,
    )
    conn = await asyncpg.connect(admin_dsn)
    try:  # the same melding arrived through DUO's verzuimloket as well
        await conn.execute(
            "UPDATE portal.meldingen SET duo_melding_id = 'ROD-77' WHERE id = $1",
            gemeld.melding,
        )
    finally:
        await conn.close()
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    z = (await open_case(client, tokens, lpa, melding_id=gemeld.melding))["id"]
    assert (await step(client, tokens, lpa, z, "beoordelen")).status_code == 200
    closed = await step(
        client,
        tokens,
        lpa,
        z,
        "afsluiten",
        vaststellingen={"reden_afsluiten": "verzuim opgelost door school"},
    )
    assert closed.status_code == 200
    [bericht] = closed.json()["berichten"]
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        row = await tx.conn.fetchrow(
            "SELECT partner, soort, payload FROM outbox WHERE id = $1", bericht
        )
    assert row is not None
    assert (row["partner"], row["soort"]) == ("duo", "melding_status")
    payload = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
    assert payload["duo_melding_id"] == "ROD-77"
    assert payload["status"] == "afgesloten"
    assert payload["reden_afgesloten"] == "verzuim opgelost door school"


async def test_opening_needs_exactly_one_origin_and_foreign_signals_are_404(
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    absoluut: tuple[str, Principal, Principal],
) -> None:
    signaal, _, _ = absoluut
    amsterdam = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    none = await client.post("/api/v1/zaken", json={}, headers=bearer(tokens, amsterdam))
    assert none.status_code == 422
    foreign = await client.post(
        "/api/v1/zaken", json={"signaal_id": signaal}, headers=bearer(tokens, amsterdam)
    )
    assert foreign.status_code == 404
