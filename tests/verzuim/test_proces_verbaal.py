"""Art. 6.10: the proces-verbaal as a Wpg document in the dossier, sent to the officier van
justitie through the outbox with the document itself; the OM's answer on its callback, idempotent
and for BOAs only, in the API and in plain SQL. Art. 15: the Raad's consultation before it."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from typing import Any

import asyncpg
import httpx
import msgspec
import pypdf

from integrations.http import PartnerHttp
from integrations.om import messages as om_wire
from integrations.om.adapter import om
from integrations.raad_kinderbescherming import messages as raad_wire
from integrations.simulators import create_simulator
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from portal.settings import PartnerConfig
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.sql_rol import als_app
from tests.verzuim.helpers import VANDAAG, referred, step


async def _outbox(admin_dsn: str, ids: list[str]) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT id, partner, soort, payload FROM portal.outbox WHERE id = ANY($1::uuid[])",
            ids,
        )
    finally:
        await conn.close()
    return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


async def _tot_proces_verbaal(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> tuple[str, Principal, httpx.Response]:
    """Halt negative, the verhoor announced, the OM consulted: the proces-verbaal."""
    zaak, boa = await referred(client, tokens, case, make_user)
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    negatief = {"bericht_id": f"neg-{zaak}", "verwijzing_id": zaak, "uitkomst": "negatief",
                "datum": VANDAAG.isoformat()}  # fmt: skip
    assert (
        await client.post(
            "/api/v1/partners/halt/afdoeningen", json=negatief, headers=bearer(tokens, halt)
        )
    ).status_code == 201
    assert (await step(client, tokens, boa, zaak, "verhoor_aankondigen")).status_code == 200
    pv = await step(
        client, tokens, boa, zaak, "proces_verbaal_opmaken",
        vaststellingen={"verwijtbaar": True, "om_geraadpleegd": True},
    )  # fmt: skip
    return zaak, boa, pv


async def test_the_proces_verbaal_is_a_wpg_document_sent_to_the_om_with_itself(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
    db: Database,
) -> None:
    zaak, boa, pv = await _tot_proces_verbaal(client, tokens, case, make_user)
    assert pv.status_code == 200, pv.text
    assert pv.json()["status"] == "proces_verbaal"
    [brief] = pv.json()["brieven"]
    [bericht] = await _outbox(admin_dsn, pv.json()["berichten"])
    assert (bericht["partner"], bericht["soort"]) == ("om", "proces_verbaal")
    payload = bericht["payload"]
    wire = msgspec.convert(payload, om_wire.ProcesVerbaal)
    assert wire.proces_verbaal_id == uuid.UUID(zaak)
    assert wire.jongere.bsn == case["bsn"]
    assert "thuishield" in wire.bevindingen
    # Noa is 14: by default the ouders and the jongere are the suspects.
    assert {v.rol for v in wire.verdachten} == {"ouder", "jongere"}
    assert [s.stap for s in wire.stappen][-1] == "Verhoor aankondigen"
    assert wire.pv_nummer.startswith("PV-LP-")
    # The document sent is the one in the dossier, byte for byte.
    document = await client.get(f"/api/v1/brieven/{brief}", headers=bearer(tokens, boa))
    assert document.status_code == 200
    assert hashlib.sha256(document.content).hexdigest() == wire.document_sha256
    assert wire.document == document.content
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(wire.document)).pages)
    for zin in ("Proces-verbaal van bevindingen", wire.pv_nummer, "officier van justitie",
                "Verdachten", "Noa Zaak", "thuishield", "artikel 26"):  # fmt: skip
        assert zin in " ".join(tekst.split()), zin
    # A colleague without the BOA oath reads neither the document nor that it was sent.
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    assert (
        await client.get(f"/api/v1/brieven/{brief}", headers=bearer(tokens, collega))
    ).status_code == 404
    # The message reaches the OM's simulator through its adapter, as the worker sends it.
    http = PartnerHttp("om", PartnerConfig(base_url="http://om", timeout_seconds=2))
    http.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_simulator("om")), base_url="http://om"
    )
    try:
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            message = await store.get(tx.conn, bericht["id"])
            assert message is not None
            sent = await om(http).deliver(message)
            assert sent.partner_ref.startswith("OM-")
    finally:
        await http.client.aclose()


async def test_without_findings_there_is_no_proces_verbaal(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    zaak, boa = await referred(client, tokens, case, make_user)
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    await client.post(
        "/api/v1/partners/halt/afdoeningen",
        json={"bericht_id": f"n-{zaak}", "verwijzing_id": zaak, "uitkomst": "negatief",
              "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, halt),
    )  # fmt: skip
    await step(client, tokens, boa, zaak, "verhoor_aankondigen")
    leeg = await step(
        client, tokens, boa, zaak, "proces_verbaal_opmaken",
        vaststellingen={"verwijtbaar": True, "om_geraadpleegd": True, "verslag": "  "},
    )  # fmt: skip
    assert leeg.status_code == 422
    assert leeg.json()["errors"][0]["field"] == "vaststellingen.verslag"
    alleen_jongere = await step(
        client, tokens, boa, zaak, "proces_verbaal_opmaken",
        vaststellingen={"verwijtbaar": True, "om_geraadpleegd": True, "verdachten": "ouders"},
    )  # fmt: skip
    assert alleen_jongere.status_code == 200, alleen_jongere.text


async def test_the_oms_answer_is_recorded_once_and_read_by_a_boa_only(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    zaak, boa, pv = await _tot_proces_verbaal(client, tokens, case, make_user)
    assert pv.status_code == 200
    om_user = await make_user(AMSTERDAM, Role.PARTNER_OM)
    body = {"bericht_id": f"om-{zaak}-1", "proces_verbaal_id": zaak, "afdoening": "dagvaarding",
            "datum": VANDAAG.isoformat(), "parketnummer": "13/123456-26"}  # fmt: skip
    url = "/api/v1/partners/om/afdoeningen"
    first = await client.post(url, json=body, headers=bearer(tokens, om_user))
    assert first.status_code == 201, first.text
    again = await client.post(url, json=body, headers=bearer(tokens, om_user))
    assert again.status_code == 200
    zaak_boa = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, boa))).json()
    [afdoening] = zaak_boa["om_afdoeningen"]
    assert afdoening["afdoening"] == "dagvaarding"
    assert afdoening["parketnummer"] == "13/123456-26"
    page = await client.get(f"/zaken/{zaak}", headers=bearer(tokens, boa))
    assert "gedagvaard" in page.text
    assert "13/123456-26" in page.text
    # Not a case of this OM's gemeente, no proces-verbaal sent, another role, a bad answer.
    zaans_om = await make_user(ZAANSTAD, Role.PARTNER_OM)
    assert (await client.post(url, json={**body, "bericht_id": "z"},
                              headers=bearer(tokens, zaans_om))).status_code == 404  # fmt: skip
    zonder_pv = {**body, "bericht_id": "x", "proces_verbaal_id": str(uuid.uuid4())}
    assert (
        await client.post(url, json=zonder_pv, headers=bearer(tokens, om_user))
    ).status_code == 404
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    assert (await client.post(url, json=body, headers=bearer(tokens, halt))).status_code == 403
    fout = await client.post(
        url, json={**body, "afdoening": "misschien", "datum": "gisteren"},
        headers=bearer(tokens, om_user),
    )  # fmt: skip
    assert fout.status_code == 422
    # In plain SQL with the application role: the BOA reads it, a colleague and the OM do not.
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    teammanager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    assert await _in_sql(admin_dsn, boa, zaak) == (1, 1)
    for wie in (collega, teammanager, om_user, halt):
        assert await _in_sql(admin_dsn, wie, zaak) == (0, 0), wie.roles


async def _in_sql(admin_dsn: str, wie: Principal, zaak: str) -> tuple[int, int]:
    """The OM's answers on the case and Halt's stored afdoening, as the application role sees
    them with this principal's settings."""
    om_rijen = await als_app(
        admin_dsn, wie, "SELECT count(*) FROM om_afdoeningen WHERE zaak_id = $1::uuid", zaak
    )
    halt_rijen = await als_app(
        admin_dsn, wie,
        "SELECT count(*) FROM partnerberichten WHERE partner = 'halt'"
        " AND inhoud->>'verwijzing_id' = $1",
        zaak,
    )  # fmt: skip
    return int(om_rijen), int(halt_rijen)


async def test_the_raad_is_consulted_through_the_outbox_before_a_proces_verbaal(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    zaak, boa = await referred(client, tokens, case, make_user)
    halt = await make_user(AMSTERDAM, Role.PARTNER_HALT)
    await client.post(
        "/api/v1/partners/halt/afdoeningen",
        json={"bericht_id": f"r-{zaak}", "verwijzing_id": zaak, "uitkomst": "negatief",
              "datum": VANDAAG.isoformat()},
        headers=bearer(tokens, halt),
    )  # fmt: skip
    raad = await step(client, tokens, boa, zaak, "raad_kinderbescherming_raadplegen")
    assert raad.status_code == 200, raad.text
    [bericht] = await _outbox(admin_dsn, raad.json()["berichten"])
    assert (bericht["partner"], bericht["soort"]) == ("raad_kinderbescherming", "consultatie")
    wire = msgspec.convert(bericht["payload"], raad_wire.RaadConsultatie)
    assert wire.vraag.startswith("Welke route")
    assert wire.jongere.bsn == case["bsn"]
    assert "Verwijzen naar Halt" in [s.stap for s in wire.stappen]
