"""Case work through the API: steps in the method's order, departures with a reason, 409 with the
rule, the Halt referral and its outbox message in the step's transaction, Wpg for BOAs only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import asyncpg
import httpx
import pytest

from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from portal.db.request_context import RequestContext
from portal.verzuim.werkvoorraad import werkvoorraad
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.verzuim.helpers import (
    leerling_met_melding,
    meldingen_reeks,
    referred,
    step,
    tot_gesprek,
)

VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


async def test_case_follows_the_method_and_refuses_with_the_rule(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    assert opened.status_code == 201, opened.text
    zaak = opened.json()["id"]
    assert opened.json()["status"] == "ontvangen"
    again = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    assert again.status_code == 409
    school_view = await client.get(
        f"/api/v1/meldingen/{case['melding']}", headers=bearer(tokens, case["school"])
    )
    assert school_view.json()["status"] == "in_behandeling"

    assert (await step(client, tokens, lpa, zaak, "beoordelen")).json()["status"] == "beoordeeld"
    skipped = await step(client, tokens, lpa, zaak, "gesprek_voeren")
    assert skipped.status_code == 409
    assert "leg uit" in skipped.json()["detail"]
    explained = await step(
        client,
        tokens,
        lpa,
        zaak,
        "gesprek_voeren",
        uitleg="Jongere en moeder stonden onverwacht aan de balie",
    )
    assert explained.status_code == 200
    assert explained.json()["stappen"][-1]["afwijking"] is True
    light = await step(
        client,
        tokens,
        lpa,
        zaak,
        "schriftelijke_waarschuwing",
        vaststellingen={"verwijtbaar": True, "eerste_overtreding_met_zorg": True},
    )
    assert light.status_code == 409
    assert "art. 6.11" in light.json()["detail"]  # 20 hours is not light verzuim
    conn = await asyncpg.connect(admin_dsn)
    try:
        steps = await conn.fetchval(
            "SELECT count(*) FROM portal.zaakstappen WHERE zaak_id = $1", zaak
        )
    finally:
        await conn.close()
    assert steps == 2  # the refused steps wrote nothing

    closed = await step(
        client,
        tokens,
        lpa,
        zaak,
        "afsluiten",
        vaststellingen={"reden_afsluiten": "verzuim gestopt na gesprek"},
    )
    assert closed.json()["status"] == "afgesloten"
    school_view = await client.get(
        f"/api/v1/meldingen/{case['melding']}", headers=bearer(tokens, case["school"])
    )
    assert school_view.json()["status"] == "afgesloten"
    assert school_view.json()["reden_afgesloten"] == "verzuim gestopt na gesprek"
    assert (await step(client, tokens, lpa, zaak, "beoordelen")).status_code == 409


async def test_halt_referral_needs_a_boa_queues_the_message_and_is_wpg(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    boa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    zaak = await tot_gesprek(client, tokens, lpa, case["melding"])
    halt = {
        "verwijtbaar": True,
        "toestemming_jongere": True,
        "toestemming_ouders": True,
        "pv_nummer": "PV-2026-7",
    }
    refused = await step(client, tokens, lpa, zaak, "halt_verwijzen", vaststellingen=halt)
    assert refused.status_code == 409
    assert "BOA" in refused.json()["detail"]
    no_consent = await step(
        client,
        tokens,
        boa,
        zaak,
        "halt_verwijzen",
        vaststellingen={**halt, "toestemming_ouders": False},
    )
    assert no_consent.status_code == 409  # 14 years old: the parents' consent is needed
    referred = await step(client, tokens, boa, zaak, "halt_verwijzen", vaststellingen=halt)
    assert referred.status_code == 200, referred.text
    assert referred.json()["status"] == "halt_verwezen"
    (message_id,) = referred.json()["berichten"]
    conn = await asyncpg.connect(admin_dsn)
    try:
        message = await conn.fetchrow("SELECT * FROM portal.outbox WHERE id = $1", message_id)
    finally:
        await conn.close()
    assert (message["partner"], message["soort"], message["status"]) == (
        "halt",
        "verwijzing",
        "pending",
    )
    assert '"pv_nummer": "PV-2026-7"' in message["payload"] or "PV-2026-7" in str(
        message["payload"]
    )
    # The Wpg step and its werklogboek entry exist for the BOA, not for the colleague without it.
    seen_by_boa = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, boa))).json()
    seen_by_lpa = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, lpa))).json()
    assert "halt_verwijzen" in [s["actie"] for s in seen_by_boa["stappen"]]
    assert "halt_verwijzen" not in [s["actie"] for s in seen_by_lpa["stappen"]]
    jongere = seen_by_boa["jongere_id"]
    boa_log = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, boa))).json()[
        "werklogboek"
    ]
    lpa_log = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, lpa))).json()[
        "werklogboek"
    ]
    assert any(
        "Verwijzen naar Halt: van gesprek gevoerd naar verwezen naar Halt" in e["resultaat"]
        for e in boa_log
    )
    assert not any("Halt" in e["resultaat"] for e in lpa_log)

    # The letter to jongere and parents names the verkort proces-verbaal: Wpg, BOAs only; the
    # school is told of the referral in a letter of its own (art. 6.8).
    wpg_brief, school_brief = referred.json()["brieven"]
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    for who in (lpa, manager):
        letters = (
            await client.get(f"/api/v1/jongeren/{jongere}/brieven", headers=bearer(tokens, who))
        ).json()["items"]
        assert [b["soort"] for b in letters if b["id"] in (wpg_brief, school_brief)] == [
            "halt_melding_school"
        ]
        pdf = await client.get(f"/api/v1/brieven/{wpg_brief}", headers=bearer(tokens, who))
        assert pdf.status_code == 404
        # The state without the measure, and no Halt step to take.
        zicht = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, who))).json()
        assert (zicht["status"], zicht["volgende_stappen"]) == ("in_behandeling_bij_boa", [])
    boa_letters = (
        await client.get(f"/api/v1/jongeren/{jongere}/brieven", headers=bearer(tokens, boa))
    ).json()["items"]
    assert {b["id"] for b in boa_letters} >= {wpg_brief, school_brief}
    copies = (await client.get("/api/v1/brieven", headers=bearer(tokens, case["school"]))).json()
    assert school_brief in [b["id"] for b in copies["items"]]
    assert wpg_brief not in [b["id"] for b in copies["items"]]
    # The functioneel beheerder's view of the outbox masks the proces-verbaal's number.
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    detail = await client.get(f"/api/v1/outbox/{message_id}", headers=bearer(tokens, beheerder))
    assert detail.status_code == 200, detail.text
    assert "PV-2026-7" not in detail.text
    assert detail.json()["inhoud"]["pv_nummer"] == "[afgeschermd]"


async def test_other_gemeente_and_other_roles_get_nothing(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    zaak = (
        await client.post(
            "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
        )
    ).json()["id"]
    zaanstad = await make_user(
        ZAANSTAD, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC", boa=True
    )
    assert (
        await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, zaanstad))
    ).status_code == 404
    assert (await step(client, tokens, zaanstad, zaak, "beoordelen")).status_code == 404
    assert (
        await client.post(
            "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, zaanstad)
        )
    ).status_code == 404
    assert (
        await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, case["school"]))
    ).status_code == 403
    medewerker = await make_user(AMSTERDAM, Role.ADMINISTRATIEF_MEDEWERKER)
    assert (await step(client, tokens, medewerker, zaak, "beoordelen")).status_code == 403
    assert (await step(client, tokens, lpa, zaak, "vliegen")).status_code == 422


async def test_halt_afdoening_is_applied_once_per_message_id(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    zaak, boa = await referred(client, tokens, case, make_user)
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    body = {
        "bericht_id": f"halt-{zaak}",
        "verwijzing_id": zaak,
        "uitkomst": "positief",
        "datum": VANDAAG.isoformat(),
    }
    first = await client.post(
        "/api/v1/partners/halt/afdoeningen", json=body, headers=bearer(tokens, halt)
    )
    assert first.status_code == 201, first.text
    again = await client.post(
        "/api/v1/partners/halt/afdoeningen", json=body, headers=bearer(tokens, halt)
    )
    assert again.status_code == 200
    assert again.json() == first.json()
    seen = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, boa))).json()
    assert seen["status"] == "afgesloten"
    assert [s["actie"] for s in seen["stappen"]].count("halt_afdoening_positief") == 1
    other = {**body, "bericht_id": "ander-bericht"}
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=other, headers=bearer(tokens, halt)
        )
    ).status_code == 409


async def test_negative_afdoening_returns_the_case_and_a_pv_then_needs_the_om(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    zaak, boa = await referred(client, tokens, case, make_user)
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    body = {
        "bericht_id": f"neg-{zaak}",
        "verwijzing_id": zaak,
        "uitkomst": "negatief",
        "datum": VANDAAG.isoformat(),
    }
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=body, headers=bearer(tokens, halt)
        )
    ).status_code == 201
    pv = {"verwijtbaar": True}
    unannounced = await step(client, tokens, boa, zaak, "proces_verbaal_opmaken", vaststellingen=pv)
    assert unannounced.status_code == 409
    assert "aangekondigd" in unannounced.json()["detail"]
    announced = await step(client, tokens, boa, zaak, "verhoor_aankondigen")
    assert announced.status_code == 200, announced.text
    without_om = await step(client, tokens, boa, zaak, "proces_verbaal_opmaken", vaststellingen=pv)
    assert without_om.status_code == 409
    assert "OM" in without_om.json()["detail"]
    with_om = await step(
        client,
        tokens,
        boa,
        zaak,
        "proces_verbaal_opmaken",
        vaststellingen={**pv, "om_geraadpleegd": True},
    )
    assert with_om.json()["status"] == "proces_verbaal"


async def test_halt_callback_for_unknown_or_foreign_referrals_and_wrong_roles(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    zaak, _ = await referred(client, tokens, case, make_user)
    body = {
        "bericht_id": f"x-{zaak}",
        "verwijzing_id": zaak,
        "uitkomst": "positief",
        "datum": VANDAAG.isoformat(),
    }
    zaanse_halt = await make_user(ZAANSTAD, Role.PARTNER_HALT)
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=body, headers=bearer(tokens, zaanse_halt)
        )
    ).status_code == 404
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    unknown = {**body, "verwijzing_id": "00000000-0000-0000-0000-000000000000"}
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=unknown, headers=bearer(tokens, halt)
        )
    ).status_code == 404
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=body, headers=bearer(tokens, lpa)
        )
    ).status_code == 403
    bad = {**body, "uitkomst": "misschien"}
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=bad, headers=bearer(tokens, halt)
        )
    ).status_code == 422


async def test_werkvoorraad_shows_the_teams_meldingen_with_deadlines_until_met(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    zuid = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    noord = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Noord")
    zaanstad = await make_user(ZAANSTAD, Role.TEAMMANAGER)

    async def werk(who: Principal) -> dict[str, Any]:
        items = (
            await client.get(
                "/api/v1/werkvoorraad", params={"limit": 500}, headers=bearer(tokens, who)
            )
        ).json()["items"]
        return {i["id"]: i for i in items}

    mine = (await werk(zuid))[case["melding"]]
    assert mine["soort"] == "melding"
    assert mine["naam"] == "Noa Zaak"
    assert mine["eerstvolgende_termijn"]["soort"] == "uitnodiging_gesprek"
    assert mine["eerstvolgende_termijn"]["artikel"] == "6.3"
    assert case["melding"] not in await werk(noord)
    assert case["melding"] not in await werk(zaanstad)
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            "UPDATE portal.termijnen SET uiterlijk = current_date - 1 WHERE melding_id = $1",
            case["melding"],
        )
    finally:
        await conn.close()
    assert (await werk(zuid))[case["melding"]]["eerstvolgende_termijn"]["verlopen"] is True
    zaak = (
        await client.post(
            "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, zuid)
        )
    ).json()["id"]
    await step(client, tokens, zuid, zaak, "beoordelen")
    await step(client, tokens, zuid, zaak, "uitnodigen")
    assert (await werk(zuid))[case["melding"]][
        "eerstvolgende_termijn"
    ] is None  # met by the invitation
    items = list((await werk(zuid)).values())
    dates = [
        i["eerstvolgende_termijn"]["uiterlijk"] if i["eerstvolgende_termijn"] else "9999-12-31"
        for i in items
    ]
    assert dates == sorted(dates)


async def test_werkvoorraad_pages_by_deadline_without_gaps_and_filters_overdue_work(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    tmp_path_factory: pytest.TempPathFactory,
    make_user: UserFactory,
) -> None:
    gemeld = await meldingen_reeks(
        db, client, tokens, make_user, tmp_path_factory.mktemp("werk"), 5,
        brins=["61JJ"], voornaam="Lid", achternaam="Werk",
    )  # fmt: skip
    ids = [g.melding for g in gemeld]
    conn = await asyncpg.connect(admin_dsn)
    try:  # deadlines 3 and 1 days overdue, one in a week, two met (no open deadline: last)
        for melding_id, delta in zip(ids, (-3, -1, 7), strict=False):
            await conn.execute(
                "UPDATE portal.termijnen SET uiterlijk = current_date + $2::int"
                " WHERE melding_id = $1",
                melding_id,
                delta,
            )
        await conn.execute(
            "UPDATE portal.termijnen SET voldaan_op = current_date WHERE melding_id = ANY ($1)",
            ids[3:],
        )
    finally:
        await conn.close()
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    zaak = (
        await client.post("/api/v1/zaken", json={"melding_id": ids[1]}, headers=bearer(tokens, lpa))
    ).json()["id"]

    async def page(cursor: str | None) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        answer = await client.get(
            "/api/v1/werkvoorraad", params=params, headers=bearer(tokens, lpa)
        )
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    paged: list[dict[str, Any]] = []
    cursor = None
    while True:
        body = await page(cursor)
        paged += body["items"]
        if not (cursor := body["next_cursor"]):
            break
    whole = (
        await client.get("/api/v1/werkvoorraad", params={"limit": 500}, headers=bearer(tokens, lpa))
    ).json()["items"]
    assert [i["id"] for i in paged] == [i["id"] for i in whole]
    assert len({i["id"] for i in paged}) == len(paged)
    mine = [i for i in whole if i["id"] in ids]
    # overdue first, then the week, then those without a deadline by id (a page ends between them)
    assert [i["id"] for i in mine] == ids[:3] + sorted(ids[3:], key=UUID)
    assert [i["eerstvolgende_termijn"] for i in mine[3:]] == [None, None]
    assert [i["naam"] for i in mine[:3]] == [f"Lid{n} Werk" for n in range(3)]
    assert [i["zaak_id"] for i in mine] == [None, zaak, None, None, None]

    overdue = await werkvoorraad(RequestContext(db, lpa, "t"), limit=50, verlopen_op=VANDAAG)
    assert {i.id for i in overdue.items} & set(map(UUID, ids)) == {UUID(ids[0]), UUID(ids[1])}
    assert all(i.eerstvolgende_termijn and i.eerstvolgende_termijn.verlopen for i in overdue.items)


async def test_svb_needs_summons_and_six_agreements_and_can_be_undone_after_acknowledgement(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    tmp_path_factory: pytest.TempPathFactory,
    make_user: UserFactory,
) -> None:
    from portal.domain.zaak import begin_kwartaal, kwartaal_na

    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path_factory.mktemp("svb"),
        brin="61KK",
        school="SVB College",
        onderwijssoort="mbo",
        voornaam="Tim",
        achternaam="Zestien",
        leeftijd=16,
        uren=24,
    )
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    zaak = await tot_gesprek(client, tokens, manager, gemeld.melding)
    afspraken = {
        "geconstateerd_verzuim": "24 uur in 4 weken",
        "ondernomen_acties": "gesprek, waarschuwing",
        "voorwaarden_ongedaan_maken": "4 weken volledig aanwezig",
        "evaluatiedatum": (VANDAAG + timedelta(days=42)).isoformat(),
    }
    basis = {"verwijtbaar": True}
    no_summons = await step(
        client,
        tokens,
        manager,
        zaak,
        "svb_melden",
        vaststellingen={**basis, "svb_afspraken": afspraken},
    )
    assert no_summons.status_code == 409
    assert "19.3" in no_summons.json()["detail"]
    no_agreements = await step(
        client,
        tokens,
        manager,
        zaak,
        "svb_melden",
        vaststellingen={**basis, "svb_oproep_gedaan": True},
    )
    assert "19.4" in no_agreements.json()["detail"]
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    not_manager = await step(
        client,
        tokens,
        lpa,
        zaak,
        "svb_melden",
        vaststellingen={**basis, "svb_oproep_gedaan": True, "svb_afspraken": afspraken},
    )
    assert "19.2" in not_manager.json()["detail"]
    done = await step(
        client,
        tokens,
        manager,
        zaak,
        "svb_melden",
        vaststellingen={**basis, "svb_oproep_gedaan": True, "svb_afspraken": afspraken},
    )
    assert done.status_code == 200, done.text
    (message_id,) = done.json()["berichten"]
    conn = await asyncpg.connect(admin_dsn)
    try:
        payload = await conn.fetchval("SELECT payload FROM portal.outbox WHERE id = $1", message_id)
        assert kwartaal_na(VANDAAG).isoformat() in str(payload)
        twice = await step(
            client,
            tokens,
            manager,
            zaak,
            "svb_melden",
            vaststellingen={**basis, "svb_oproep_gedaan": True, "svb_afspraken": afspraken},
        )
        assert twice.status_code == 409
        undo = {"voorwaarden_vervuld": True, "verzuim_gestopt": True}
        early = await step(client, tokens, manager, zaak, "svb_ongedaan_maken", vaststellingen=undo)
        assert early.status_code == 409  # SVB has not acknowledged the melding yet
        await conn.execute(
            "UPDATE portal.outbox SET status = 'delivered', partner_ref = 'SVB-77' WHERE id = $1",
            message_id,
        )
        undone = await step(
            client, tokens, manager, zaak, "svb_ongedaan_maken", vaststellingen=undo
        )
        assert undone.status_code == 200, undone.text
        (withdrawal,) = undone.json()["berichten"]
        row = await conn.fetchrow(
            "SELECT soort, payload FROM portal.outbox WHERE id = $1", withdrawal
        )
    finally:
        await conn.close()
    assert row["soort"] == "intrekking"
    assert "SVB-77" in str(row["payload"])
    assert begin_kwartaal(VANDAAG).isoformat() in str(row["payload"])


async def test_a_halt_referral_without_its_pv_number_is_refused_before_anything_is_written(
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    boa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)
    zaak = await tot_gesprek(client, tokens, boa, case["melding"])
    conn = await asyncpg.connect(admin_dsn)
    try:
        count = (
            "SELECT (SELECT count(*) FROM portal.zaakstappen WHERE zaak_id = $1::uuid),"
            " (SELECT count(*) FROM portal.audit_events), (SELECT count(*) FROM portal.outbox)"
        )
        before = tuple(await conn.fetchrow(count, zaak))
        refused = await step(
            client,
            tokens,
            boa,
            zaak,
            "halt_verwijzen",
            vaststellingen={"verwijtbaar": True, "toestemming_jongere": True,
                            "toestemming_ouders": True},
        )  # fmt: skip
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "vaststellingen.pv_nummer"
        assert tuple(await conn.fetchrow(count, zaak)) == before
    finally:
        await conn.close()
