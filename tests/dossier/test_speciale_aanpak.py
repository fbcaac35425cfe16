"""The "speciale aanpak" flag (Privacyreglement 2016, 3.10): set with only a contact's name and
phone, every field's reason at once, lifted again; the werklogboek names neither; other
gemeenten, schools and the beheerder get nothing, in the API and in plain SQL."""

from __future__ import annotations

from typing import Any

import httpx

from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.sql_rol import als_app


async def _jongere(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, bsn: str
) -> str:
    found = await client.get("/api/v1/jongeren", params={"zoek": bsn}, headers=bearer(tokens, who))
    [item] = found.json()["items"]
    return str(item["id"])


async def test_set_shown_and_lifted_with_only_name_and_phone(
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    jongere = await _jongere(client, tokens, lpa, case["bsn"])
    url = f"/api/v1/jongeren/{jongere}/speciale-aanpak"
    fout = await client.put(
        url,
        json={"contact_naam": " \t", "contact_telefoon": "bel mij"},
        headers=bearer(tokens, lpa),
    )
    assert fout.status_code == 422
    assert {e["field"] for e in fout.json()["errors"]} == {"contact_naam", "contact_telefoon"}
    body = {"contact_naam": "  Ria  de Wit ", "contact_telefoon": "06-1234 5678"}
    gezet = await client.put(url, json=body, headers=bearer(tokens, lpa))
    assert gezet.status_code == 200, gezet.text
    assert gezet.json()["contact_naam"] == "Ria de Wit"
    dossier = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, lpa))).json()
    assert dossier["speciale_aanpak"]["contact_telefoon"] == "06-1234 5678"
    assert not any("Ria" in e["resultaat"] for e in dossier["werklogboek"])
    page = await client.get(f"/jongeren/{jongere}", headers=bearer(tokens, lpa))
    assert "valt onder een speciale aanpak" in page.text
    # Another gemeente, a school, the beheerder: nothing.
    zaans = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    assert (await client.put(url, json=body, headers=bearer(tokens, zaans))).status_code == 404
    school = case["school"]
    assert (await client.put(url, json=body, headers=bearer(tokens, school))).status_code == 403
    beheerder = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    assert await _in_sql(admin_dsn, lpa, jongere) == 1
    for wie in (school, beheerder, zaans):
        assert await _in_sql(admin_dsn, wie, jongere) == 0, wie.roles
    # Lifted: once, then there is nothing to lift.
    assert (await client.delete(url, headers=bearer(tokens, lpa))).status_code == 204
    assert (await client.delete(url, headers=bearer(tokens, lpa))).status_code == 404
    dossier = (await client.get(f"/api/v1/jongeren/{jongere}", headers=bearer(tokens, lpa))).json()
    assert dossier["speciale_aanpak"] is None


async def test_the_page_form_marks_each_field_and_says_fout_in_the_title(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    jongere = await _jongere(client, tokens, lpa, case["bsn"])
    page = await client.get(f"/jongeren/{jongere}", headers=bearer(tokens, lpa))
    csrf = page.text.split('name="_csrf" value="')[1].split('"')[0]
    sent = await client.post(
        f"/jongeren/{jongere}/speciale-aanpak",
        data={"_csrf": csrf, "contact_naam": "", "contact_telefoon": "12"},
        headers=bearer(tokens, lpa),
    )
    assert sent.status_code == 422
    assert "<title>Fout:" in sent.text
    assert 'href="#contact_naam"' in sent.text
    assert 'href="#contact_telefoon"' in sent.text
    assert sent.text.count('aria-invalid="true"') == 2


async def _in_sql(admin_dsn: str, wie: Principal, jongere: str) -> int:
    return int(
        await als_app(
            admin_dsn, wie, "SELECT count(*) FROM speciale_aanpak WHERE jongere_id = $1::uuid",
            jongere,
        )
    )  # fmt: skip
