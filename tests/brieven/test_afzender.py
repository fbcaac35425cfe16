"""The sender a gemeente's functioneel beheerder sets, and a letter from a real case: the kenmerk,
the leerplichtambtenaar's phone and function, the gemeente's return address, and, for a jongere
whose street the BRP file did not give, the mark that the address must be written by hand."""

from __future__ import annotations

import io
from typing import Any

import httpx
from pypdf import PdfReader

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, DIEMEN, UserFactory, bearer
from tests.verzuim.helpers import step


async def test_the_beheerder_sets_the_sender_every_bad_line_is_named_and_others_may_not(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    leeg = await client.get("/api/v1/briefafzender", headers=headers)
    assert leeg.json()["postadres"] == []
    body = {
        "afdeling": "Leerplicht",
        "postadres": ["Postbus 1", "1110 AA  Diemen"],
        "retouradres": "Retouradres: Postbus 1, 1110 AA Diemen",
    }
    gezet = await client.put("/api/v1/briefafzender", json=body, headers=headers)
    assert gezet.status_code == 200, gezet.text
    assert gezet.json()["postadres"] == ["Postbus 1", "1110 AA  Diemen"]
    fout = await client.put(
        "/api/v1/briefafzender",
        json={"afdeling": " ", "postadres": ["a\nb", ""], "retouradres": "x\ty"},
        headers=headers,
    )
    assert fout.status_code == 422
    assert {e["field"] for e in fout.json()["errors"]} == {
        "afdeling",
        "postadres.0",
        "postadres.1",
        "retouradres",
    }
    assert (await client.get("/api/v1/briefafzender", headers=headers)).json()["afdeling"] == (
        "Leerplicht"
    )
    lpa = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.get("/api/v1/briefafzender", headers=bearer(tokens, lpa))
    ).status_code == 403


async def test_a_case_letter_names_the_kenmerk_whom_to_call_and_marks_a_missing_street(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    assert (
        await client.patch(
            f"/api/v1/gebruikers/{lpa.user_id}",
            json={"telefoon": "020-552 3456", "functie": "leerplichtambtenaar"},
            headers=bearer(tokens, beheerder),
        )
    ).status_code == 200
    await client.put(
        "/api/v1/briefafzender",
        json={"postadres": ["Postbus 1840", "1000 BV  Amsterdam"]},
        headers=bearer(tokens, beheerder),
    )
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    zaak = opened.json()["id"]
    assert (await step(client, tokens, lpa, zaak, "beoordelen")).status_code == 200
    uitgenodigd = await step(client, tokens, lpa, zaak, "uitnodigen")
    [brief] = uitgenodigd.json()["brieven"]
    pdf = await client.get(f"/api/v1/brieven/{brief}", headers=bearer(tokens, lpa))
    tekst = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for nodig in (
        opened.json()["kenmerk"],
        "020-552 3456",
        "Test Gebruiker, leerplichtambtenaar",
        "Postbus 1840",
        "Noa Zaak",
        "Adres onbekend: vul het adres met de hand in.",
        "Ambtsinstructie Leerplicht en RMC, art. 6.3",
    ):
        assert nodig in tekst, nodig
    page = await client.get(f"/zaken/{zaak}", headers=bearer(tokens, lpa))
    assert "adres met de hand invullen" in page.text


async def test_the_beheer_page_sets_the_sender_and_shows_a_bad_line_at_its_field(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    page = await client.get("/beheer/brieven", headers=headers)
    assert "Afzender op de brieven" in page.text
    csrf = page.text.split('name="_csrf" value="', 1)[1].split('"', 1)[0]
    te_lang = await client.post(
        "/beheer/afzender",
        data={"_csrf": csrf, "afdeling": "Leerplicht", "postadres_2": "x" * 200},
        headers=headers,
    )
    assert te_lang.status_code == 422
    assert 'id="postadres_2-fout"' in te_lang.text
    assert te_lang.text.count("<title>Fout:") == 1
    goed = await client.post(
        "/beheer/afzender",
        data={"_csrf": csrf, "afdeling": "Leerplicht", "postadres_1": "Postbus 1"},
        headers=headers,
        follow_redirects=False,
    )
    assert goed.status_code == 303
    api = await client.get("/api/v1/briefafzender", headers=headers)
    assert api.json()["postadres"] == ["Postbus 1"]
