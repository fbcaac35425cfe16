"""Art. 20 through the API: advice, then a signal that waits for the teammanager's akkoord, then
a melding; each out of order a 409 with the article; the school sees what was sent about it and
nothing waiting; another gemeente and the wrong roles get nothing."""

from __future__ import annotations

import json
from typing import Any

import asyncpg
import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from tests.conftest import AMSTERDAM, UserFactory, bearer

BRIN = "60HH"
T = "inschrijving_te_laat"


async def test_advice_then_signal_after_akkoord_then_melding_and_the_schools_view(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Zuid")
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin=BRIN)
    url = f"/api/v1/scholen/{BRIN}/inspectie"

    async def nieuw(soort: str, **extra: str) -> httpx.Response:
        body = {
            "soort": soort,
            "tekortkoming": T,
            "feiten": "Drie inschrijvingen na 4 weken.",
            **extra,
        }
        return await client.post(url, json=body, headers=bearer(tokens, lpa))

    te_vroeg = await nieuw("signaal", handelwijze="gebeld")
    assert te_vroeg.status_code == 409
    assert "lid 1" in te_vroeg.json()["detail"]
    assert (await nieuw("melding", handelwijze="x")).status_code == 409
    zonder = await nieuw("advies")
    assert zonder.status_code == 422
    assert zonder.json()["errors"][0]["field"] == "advies"
    advies = await nieuw("advies", advies="Schrijf in binnen 7 dagen (Lpw art. 18).")
    assert advies.status_code == 201, advies.text
    signaal = await nieuw("signaal", handelwijze="Bij het tweede bezoek nog steeds te laat.")
    assert signaal.status_code == 201
    assert signaal.json()["status"] == "wacht_op_akkoord"
    assert signaal.json()["bericht_id"] is None
    assert (await nieuw("melding", handelwijze="x")).status_code == 409  # signal not sent yet

    eigen = (await client.get("/api/v1/school/inspectie", headers=bearer(tokens, school))).json()
    assert [v["soort"] for v in eigen["items"]] == ["advies"]  # not the waiting signal

    niet_lpa = await client.post(
        f"/api/v1/inspectie/{signaal.json()['id']}/akkoord",
        json={"akkoord": True},
        headers=bearer(tokens, lpa),
    )
    assert niet_lpa.status_code == 403
    akkoord = await client.post(
        f"/api/v1/inspectie/{signaal.json()['id']}/akkoord",
        json={"akkoord": True},
        headers=bearer(tokens, manager),
    )
    assert akkoord.status_code == 200, akkoord.text
    assert akkoord.json()["status"] == "verstuurd"
    conn = await asyncpg.connect(admin_dsn)
    try:
        r = await conn.fetchrow(
            "SELECT partner, soort, payload FROM portal.outbox WHERE id = $1",
            __import__("uuid").UUID(akkoord.json()["bericht_id"]),
        )
    finally:
        await conn.close()
    assert (r["partner"], r["soort"]) == ("inspectie", "signaal")
    payload = json.loads(r["payload"])
    assert (payload["soort"], payload["brin"]) == ("signaal", BRIN)
    import msgspec

    from integrations.inspectie.messages import SchoolSignaal

    msgspec.convert(payload, SchoolSignaal)  # the adapter's wire message, field for field
    melding = await nieuw("melding", handelwijze="Opnieuw te laat na het signaal.")
    assert melding.status_code == 201
    assert melding.json()["status"] == "verstuurd"
    eigen = (await client.get("/api/v1/school/inspectie", headers=bearer(tokens, school))).json()
    assert [v["soort"] for v in eigen["items"]] == ["advies", "signaal", "melding"]
    pagina = await client.get("/school", headers=bearer(tokens, school))
    assert "Adviezen en signalen aan de Inspectie over uw school" in pagina.text
    assert "Schrijf in binnen 7 dagen" in pagina.text
    ander = await make_user(AMSTERDAM, Role.SCHOOL, brin="61CC")
    assert (await client.get("/api/v1/school/inspectie", headers=bearer(tokens, ander))).json()[
        "items"
    ] == []
    zaans = await make_user("0479", Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    vreemd = await client.get(url, headers=bearer(tokens, zaans))
    assert vreemd.json()["items"] == []
    for rol in (Role.SCHOOL, Role.JONGERENPUNT, Role.FUNCTIONEEL_BEHEERDER):
        wie = await make_user(AMSTERDAM, rol, brin=BRIN if rol is Role.SCHOOL else None)
        assert (await client.get(url, headers=bearer(tokens, wie))).status_code == 403
