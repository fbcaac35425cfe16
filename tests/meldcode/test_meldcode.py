"""The meldcode walked from step 1 to a melding at Veilig Thuis, with its 409s, the skipped gesprek
with and without a reason, and the anonymous adviesvraag without BSN or name; and who may read
it: the team and the behandelaar, nobody else, in the API and in plain SQL."""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg
import httpx
import msgspec

from integrations.http import PartnerHttp
from integrations.simulators import create_simulator
from integrations.veiligthuis import messages as vt_wire
from integrations.veiligthuis.adapter import veilig_thuis
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from portal.settings import PartnerConfig
from tests.conftest import AMSTERDAM, UserFactory, bearer

SIGNALEN = {"feiten": "Blauwe plekken op de armen, twee weken achter elkaar gezien.",
            "bronnen": ["mentor", "eigen waarneming"], "hypothesen": ["geweld thuis"],
            "andere_kinderen": True}  # fmt: skip
CONSULTATIE = {"met_wie": "collega leerplichtambtenaar", "aandachtsfunctionaris": "A. Aandacht",
               "adviesvraag_veilig_thuis": True,
               "vraag": "Noa Zaak vertelt over slaan thuis; wat raadt u aan?"}  # fmt: skip
WEGING = {"risico": "hoog", "aard": "lichamelijk geweld", "ernst": "ernstig",
          "aandachtsfunctionaris_geraadpleegd": True}  # fmt: skip
BESLUIT = {"melden_noodzakelijk": True, "hulpverlening_mogelijk": True,
           "besproken_met_jongere_en_ouders": True}  # fmt: skip


async def _stap(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, traject: str, stap: str,
    gegevens: dict[str, Any] | None = None,
) -> httpx.Response:  # fmt: skip
    return await client.post(
        f"/api/v1/meldcode/{traject}/stappen",
        json={"stap": stap, "gegevens": gegevens or {}},
        headers=bearer(tokens, who),
    )


async def _outbox(admin_dsn: str, ids: list[str]) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT partner, soort, payload FROM portal.outbox WHERE id = ANY($1::uuid[])", ids
        )
    finally:
        await conn.close()
    return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


async def test_the_meldcode_from_signalen_to_a_melding_at_veilig_thuis_in_order(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    jongere = opened.json()["jongere_id"]
    gestart = await client.post(
        f"/api/v1/jongeren/{jongere}/meldcode",
        json={"zaak_id": opened.json()["id"]},
        headers=bearer(tokens, lpa),
    )
    assert gestart.status_code == 201, gestart.text
    traject = gestart.json()["id"]
    assert gestart.json()["volgende"] == "signalen_in_kaart"

    te_vroeg = await _stap(client, tokens, lpa, traject, "besluit", BESLUIT)
    assert te_vroeg.status_code == 409
    assert "art. 17" in te_vroeg.json()["detail"]
    assert "eerst stap 1" in te_vroeg.json()["detail"]
    zonder_bron = await _stap(client, tokens, lpa, traject, "signalen_in_kaart",
                              {**SIGNALEN, "bronnen": []})  # fmt: skip
    assert zonder_bron.status_code == 422
    assert (
        await _stap(client, tokens, lpa, traject, "signalen_in_kaart", SIGNALEN)
    ).status_code == 200

    consultatie = await _stap(client, tokens, lpa, traject, "collegiale_consultatie", CONSULTATIE)
    assert consultatie.status_code == 200, consultatie.text
    [advies] = await _outbox(admin_dsn, consultatie.json()["berichten"])
    assert (advies["partner"], advies["soort"]) == ("veilig_thuis", "adviesvraag")
    tekst = str(advies["payload"])
    assert case["bsn"] not in tekst
    assert "Noa" not in tekst
    assert "Zaak" not in tekst
    assert advies["payload"]["leeftijd"] == 14
    # What the worker hands Veilig Thuis's adapter is its wire message, field for field.
    msgspec.convert(advies["payload"], vt_wire.Adviesvraag)

    overgeslagen = await _stap(client, tokens, lpa, traject, "gesprek", {"gevoerd": False})
    assert overgeslagen.status_code == 422
    assert "veiligheid" in overgeslagen.text
    met_reden = await _stap(client, tokens, lpa, traject, "gesprek",
                            {"gevoerd": False, "reden_overgeslagen": "veiligheid_jongere"})  # fmt: skip
    assert met_reden.status_code == 200, met_reden.text
    assert (await _stap(client, tokens, lpa, traject, "weging", WEGING)).status_code == 200
    besluit = await _stap(client, tokens, lpa, traject, "besluit", BESLUIT)
    assert besluit.status_code == 200, besluit.text
    assert besluit.json()["uitkomst"] == "melden_en_hulpverlening"
    assert besluit.json()["volgende"] is None
    [melding] = await _outbox(admin_dsn, besluit.json()["berichten"])
    assert (melding["partner"], melding["soort"]) == ("veilig_thuis", "melding")
    assert melding["payload"]["jongere"]["bsn"] == case["bsn"]
    assert any("Blauwe plekken" in s for s in melding["payload"]["signalen"])
    assert melding["payload"]["besproken_met_ouders"] is True
    msgspec.convert(melding["payload"], vt_wire.Melding)
    # Both messages reach Veilig Thuis's simulator through its adapter, as the worker sends them.
    http = PartnerHttp("veilig_thuis", PartnerConfig(base_url="http://vt", timeout_seconds=2))
    http.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_simulator("veilig_thuis")), base_url="http://vt"
    )
    try:
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            for bericht in (*consultatie.json()["berichten"], *besluit.json()["berichten"]):
                message = await store.get(tx.conn, uuid.UUID(bericht))
                assert message is not None
                sent = await veilig_thuis(http).deliver(message)
                assert sent.partner_ref.startswith("VT-")
    finally:
        await http.client.aclose()
    # Veilig Thuis answers with its kenmerk, once however often the message comes.
    vt = await make_user(AMSTERDAM, Role.PARTNER_VEILIG_THUIS)
    antwoord = {"bericht_id": f"vt-{uuid.uuid4()}", "melding_id": traject,
                "vt_referentie": "VT-2026-0042", "uitkomst": "ontvangen", "datum": "2026-12-01"}  # fmt: skip
    url = "/api/v1/partners/veilig-thuis/antwoorden"
    eerste = await client.post(url, json=antwoord, headers=bearer(tokens, vt))
    assert eerste.status_code == 201, eerste.text
    nog_eens = await client.post(url, json=antwoord, headers=bearer(tokens, vt))
    assert nog_eens.status_code == 200
    gelezen = await client.get(f"/api/v1/meldcode/{traject}", headers=bearer(tokens, lpa))
    assert (gelezen.json()["vt_referentie"], gelezen.json()["vt_uitkomst"]) == (
        "VT-2026-0042",
        "ontvangen",
    )
    zaans = await make_user("0479", Role.PARTNER_VEILIG_THUIS)
    vreemd = {**antwoord, "bericht_id": f"vt-{uuid.uuid4()}"}
    assert (await client.post(url, json=vreemd, headers=bearer(tokens, zaans))).status_code == 404
    assert (await client.post(url, json=vreemd, headers=bearer(tokens, lpa))).status_code == 403
    # The step is done: a second besluit is out of order; a new signal reopens step 5.
    assert (await _stap(client, tokens, lpa, traject, "besluit", BESLUIT)).status_code == 409
    heropend = await _stap(client, tokens, lpa, traject, "heropenen")
    assert heropend.json()["volgende"] == "besluit"
    lijst = await client.get(f"/api/v1/jongeren/{jongere}/meldcode", headers=bearer(tokens, lpa))
    assert [t["id"] for t in lijst.json()["items"]] == [traject]


async def test_only_the_team_and_the_behandelaar_read_it_in_the_api_and_in_sql(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    jongere = opened.json()["jongere_id"]
    traject = (
        await client.post(
            f"/api/v1/jongeren/{jongere}/meldcode", json={}, headers=bearer(tokens, lpa)
        )
    ).json()["id"]
    assert (
        await _stap(client, tokens, lpa, traject, "signalen_in_kaart", SIGNALEN)
    ).status_code == 200
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    for wie in (collega, manager):
        r = await client.get(f"/api/v1/meldcode/{traject}", headers=bearer(tokens, wie))
        assert r.status_code == 200, (wie.roles, r.text)
    buiten = [
        await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Noord"),
        await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Noord"),
        await make_user("0479", Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC"),
    ]
    for wie in buiten:
        r = await client.get(f"/api/v1/meldcode/{traject}", headers=bearer(tokens, wie))
        assert r.status_code == 404, (wie.tenant_id, wie.roles)
        assert (await _stap(client, tokens, wie, traject, "collegiale_consultatie",
                            CONSULTATIE)).status_code == 404  # fmt: skip
    for rol, extra in (
        (Role.SCHOOL, {"brin": "60HH"}), (Role.FUNCTIONEEL_BEHEERDER, {}),
        (Role.JONGERENPUNT, {}), (Role.PRIVACY_OFFICER, {}), (Role.PARTNER_VEILIG_THUIS, {}),
        (Role.LEERPLICHTASSISTENT, {"team": "Zuid"}),
    ):  # fmt: skip
        wie = await make_user(AMSTERDAM, rol, **extra)
        r = await client.get(f"/api/v1/meldcode/{traject}", headers=bearer(tokens, wie))
        assert r.status_code in (403, 404), rol
        assert await _in_sql(admin_dsn, wie, traject) == (0, 0), rol
    for wie in buiten:
        assert await _in_sql(admin_dsn, wie, traject) == (0, 0)
    assert await _in_sql(admin_dsn, collega, traject) == (1, 1)


async def _in_sql(admin_dsn: str, wie: Principal, traject: str) -> tuple[int, int]:
    """What the application role sees of the traject with this principal's settings."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute("SET ROLE rmc_app")
        async with conn.transaction():
            await conn.execute(
                "SELECT set_config('rmc.tenant_id', $1, true), set_config('rmc.user_id', $2, true),"
                " set_config('rmc.roles', $3, true), set_config('rmc.team_id', $4, true),"
                " set_config('rmc.brin', $5, true)",
                wie.tenant_id,
                str(wie.user_id),
                ",".join(sorted(r.value for r in wie.roles)),
                str(wie.team_id or ""),
                wie.brin or "",
            )
            t = await conn.fetchval(
                "SELECT count(*) FROM portal.meldcode_trajecten WHERE id = $1", uuid.UUID(traject)
            )
            s = await conn.fetchval(
                "SELECT count(*) FROM portal.meldcode_stappen WHERE traject_id = $1",
                uuid.UUID(traject),
            )
    finally:
        await conn.close()
    return int(t), int(s)


async def test_the_privacy_officers_inzage_says_a_traject_exists_and_nothing_of_it(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    jongere = opened.json()["jongere_id"]
    traject = (
        await client.post(
            f"/api/v1/jongeren/{jongere}/meldcode", json={}, headers=bearer(tokens, lpa)
        )
    ).json()["id"]
    assert (
        await _stap(client, tokens, lpa, traject, "signalen_in_kaart", SIGNALEN)
    ).status_code == 200
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    inzage = await client.get(f"/api/v1/jongeren/{jongere}/inzage", headers=bearer(tokens, officer))
    assert inzage.status_code == 200, inzage.text
    secties = {s["titel"]: s for s in inzage.json()["secties"]}
    rij = secties["Meldcode huiselijk geweld en kindermishandeling"]["rijen"][0]
    assert int(rij[1]) >= 1
    assert "Blauwe plekken" not in inzage.text


async def test_abuse_by_a_professional_goes_to_the_teammanager_not_to_veilig_thuis(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    jongere = opened.json()["jongere_id"]
    traject = (
        await client.post(
            f"/api/v1/jongeren/{jongere}/meldcode",
            json={"zaak_id": opened.json()["id"]},
            headers=bearer(tokens, lpa),
        )
    ).json()["id"]
    for stap, gegevens in (
        ("signalen_in_kaart", SIGNALEN),
        ("collegiale_consultatie", {**CONSULTATIE, "adviesvraag_veilig_thuis": False}),
        ("gesprek", {"gevoerd": True, "verslag": "moeder vertelt", "jongere_gesproken": True}),
        ("weging", WEGING),
    ):
        assert (await _stap(client, tokens, lpa, traject, stap, gegevens)).status_code == 200
    besluit = await _stap(client, tokens, lpa, traject, "besluit",
                          {"melden_noodzakelijk": True, "dader_professional": True})  # fmt: skip
    assert besluit.status_code == 200, besluit.text
    assert besluit.json()["uitkomst"] == "teammanager"
    assert besluit.json()["berichten"] == []  # nothing to Veilig Thuis
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    lijst = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, manager))).json()
    assert traject in [p["traject_id"] for p in lijst["meldcode_professional"]]
    noord = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Noord")
    ander = (await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, noord))).json()
    assert traject not in [p["traject_id"] for p in ander["meldcode_professional"]]
