"""Art. 18 under c: a jongere under 18 seen working against the rules is reported to the
Arbeidsinspectie from the dossier: the message through the outbox, the werklogboek entry; every
field's reason at once; not for 18+, not for another gemeente's jongere or another role."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import msgspec

from integrations.arbeidsinspectie import messages as wire
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.dossier.test_speciale_aanpak import _jongere
from tests.verzuim.helpers import VANDAAG


async def test_working_against_the_rules_goes_to_the_arbeidsinspectie(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    jongere = await _jongere(client, tokens, lpa, case["bsn"])
    url = f"/api/v1/jongeren/{jongere}/arbeidsinspectie"
    fout = await client.post(
        url,
        json={"waargenomen_op": (VANDAAG + timedelta(days=1)).isoformat(), "bevinding": " \t "},
        headers=bearer(tokens, lpa),
    )
    assert fout.status_code == 422
    assert {e["field"] for e in fout.json()["errors"]} == {"waargenomen_op", "bevinding"}, fout.text
    body = {"waargenomen_op": VANDAAG.isoformat(), "werkgever": "Bakkerij De Korst",
            "bevinding": "Noa stond onder schooltijd achter de toonbank."}  # fmt: skip
    gemeld = await client.post(url, json=body, headers=bearer(tokens, lpa))
    assert gemeld.status_code == 201, gemeld.text
    conn = await asyncpg.connect(admin_dsn)
    try:
        payload = await conn.fetchval(
            "SELECT payload FROM portal.outbox WHERE id = $1::uuid", gemeld.json()["bericht"]
        )
    finally:
        await conn.close()
    signaal = msgspec.convert(json.loads(payload), wire.ArbeidsinspectieSignaal)
    assert (signaal.jongere.bsn, signaal.leeftijd, signaal.werkgever) == (
        case["bsn"], 14, "Bakkerij De Korst"
    )  # fmt: skip
    dossier = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, lpa))).json()
    assert any("toonbank" in e["resultaat"] for e in dossier["werklogboek"])
    zaans = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    assert (await client.post(url, json=body, headers=bearer(tokens, zaans))).status_code == 404
    am = await make_user(AMSTERDAM, Role.ADMINISTRATIEF_MEDEWERKER)
    assert (await client.post(url, json=body, headers=bearer(tokens, am))).status_code == 403
    assert (
        await client.post(url, json=body, headers=bearer(tokens, case["school"]))
    ).status_code == 403


async def test_the_dossier_form_marks_both_empty_fields_at_once(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    jongere = await _jongere(client, tokens, lpa, case["bsn"])
    page = await client.get(f"/jongeren/{jongere}", headers=bearer(tokens, lpa))
    assert "melden aan de Arbeidsinspectie" in page.text
    csrf = page.text.split('name="_csrf" value="')[1].split('"')[0]
    sent = await client.post(
        f"/jongeren/{jongere}/arbeidsinspectie",
        data={"_csrf": csrf, "waargenomen_op": "", "bevinding": " ", "werkgever": ""},
        headers=bearer(tokens, lpa),
    )
    assert sent.status_code == 422
    assert "<title>Fout:" in sent.text
    assert 'href="#ai_waargenomen_op"' in sent.text
    assert 'href="#ai_bevinding"' in sent.text
