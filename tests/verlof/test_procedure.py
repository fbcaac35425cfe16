"""The leerplichtambtenaar's verlof procedure through the API (art. 5): the issue's demo path — a
3-day then a 9-day request, the second goes to the leerplichtambtenaar, who confirms receipt,
hears the director, asks the parents' zienswijze, decides — with the letters for the parents and
the copies for the school, and every step out of order refused with its article."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx

from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verlof.test_verlofaanvragen import Leerlingen, leerlingen, post, verzoek

__all__ = ["leerlingen"]


async def stap(
    client: httpx.AsyncClient, tokens: TokenService, who: Principal, ident: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"/api/v1/verlof/{ident}/stappen", json=body, headers=bearer(tokens, who)
    )


async def test_from_request_to_decision_with_the_letters(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    number = leerlingen.eerste
    await post(client, tokens, school, verzoek(number, "overig", date(2027, 4, 5), 1))
    start = date.today() + timedelta(days=30)
    big = await post(client, tokens, school, verzoek(number, "ernstige_ziekte", start, 12))
    assert big.json()["beslisser"] == "leerplichtambtenaar"
    ident = big.json()["id"]
    queue = (await client.get("/api/v1/verlof", headers=bearer(tokens, lpa))).json()["items"]
    [item] = [q for q in queue if q["id"] == ident]
    assert item["begint_voor_besluit"] is True

    early = await stap(
        client, tokens, lpa, ident, actie="besluiten", besluit="geweigerd", motivering="x"
    )
    assert early.status_code == 409
    assert "5.1" in early.json()["detail"]
    receipt = await stap(client, tokens, lpa, ident, actie="ontvangst_bevestigen")
    assert receipt.status_code == 200, receipt.text
    assert len(receipt.json()["brieven"]) == 1
    unheard = await stap(
        client, tokens, lpa, ident, actie="besluiten", besluit="geweigerd", motivering="x"
    )
    assert unheard.json()["detail"].startswith("art. 5.3:")
    no_report = await stap(client, tokens, lpa, ident, actie="directeur_horen")
    assert no_report.status_code == 422
    assert (
        await stap(
            client,
            tokens,
            lpa,
            ident,
            actie="directeur_horen",
            verslag="Directeur: geen bezwaar tegen 5 dagen",
        )
    ).status_code == 200
    departing = await stap(
        client,
        tokens,
        lpa,
        ident,
        actie="besluiten",
        besluit="verleend",
        schooldagen=5,
        motivering="deels",
    )
    assert departing.json()["detail"].startswith("art. 5.4:")
    assert (
        await stap(
            client,
            tokens,
            lpa,
            ident,
            actie="zienswijze_vragen",
            verslag="Ouders: 5 dagen is genoeg",
        )
    ).status_code == 200
    decided = await stap(
        client,
        tokens,
        lpa,
        ident,
        actie="besluiten",
        besluit="verleend",
        schooldagen=5,
        motivering="ernstige ziekte grootvader; vijf dagen volstaan",
    )
    assert decided.json()["status"] == "verleend", decided.text
    assert decided.json()["stappen"] == [
        "ontvangst_bevestigen",
        "directeur_horen",
        "zienswijze_vragen",
        "besluiten",
    ]
    after = await stap(client, tokens, lpa, ident, actie="directeur_horen", verslag="nog iets")
    assert after.status_code == 409
    bezwaar = await stap(
        client,
        tokens,
        lpa,
        ident,
        actie="bezwaar_registreren",
        ontvangen_op=date.today().isoformat(),
        verslag="wil 12 dagen",
    )
    assert bezwaar.status_code == 200

    seen = (
        await client.get(f"/api/v1/verlofaanvragen/{ident}", headers=bearer(tokens, school))
    ).json()
    assert (seen["status"], seen["besluit_schooldagen"]) == ("verleend", 5)
    copies = (await client.get("/api/v1/brieven", headers=bearer(tokens, school))).json()["items"]
    soorten = [c["soort"] for c in copies]
    assert "ontvangstbevestiging_verlof" in soorten
    assert "verlofbesluit" in soorten
    pdf = await client.get(
        f"/api/v1/brieven/{next(c for c in copies if c['soort'] == 'verlofbesluit')['id']}",
        headers=bearer(tokens, school),
    )
    assert pdf.content.startswith(b"%PDF")


async def test_only_the_leerplichtambtenaar_takes_the_steps(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    big = await post(
        client, tokens, school, verzoek(leerlingen.tweede, "overig", date(2027, 5, 10), 11)
    )
    ident = big.json()["id"]
    assert (
        await stap(client, tokens, school, ident, actie="ontvangst_bevestigen")
    ).status_code == 403
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER)
    assert (
        await stap(client, tokens, manager, ident, actie="ontvangst_bevestigen")
    ).status_code == 403
    assert (await client.get("/api/v1/verlof", headers=bearer(tokens, school))).status_code == 403
    small = await post(
        client, tokens, school, verzoek(leerlingen.vakantie, "verhuizing", date(2027, 5, 10), 1)
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    directors = await stap(client, tokens, lpa, small.json()["id"], actie="ontvangst_bevestigen")
    assert directors.status_code == 404
    bad = await stap(
        client, tokens, lpa, ident, actie="herstel_vragen", verslag="trouwkaart", weken=4
    )
    assert bad.status_code == 422


async def test_the_director_may_ask_the_leerplichtambtenaars_advice(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    small = await post(
        client, tokens, school, verzoek(leerlingen.vakantie, "jubileum", date(2027, 6, 7), 1)
    )
    ident = small.json()["id"]
    asked = await client.post(
        f"/api/v1/verlofaanvragen/{ident}/advies",
        json={"vraag": "Is een 40-jarig huwelijksjubileum van grootouders een grond?"},
        headers=bearer(tokens, school),
    )
    assert asked.status_code == 200
    waiting = (await client.get("/api/v1/verlof/adviesvragen", headers=bearer(tokens, lpa))).json()[
        "items"
    ]
    assert ident in [w["id"] for w in waiting]
    answered = await client.post(
        f"/api/v1/verlof/{ident}/advies",
        json={"advies": "Ja: één dag bij een 12,5-, 25-, 40-, 50- of 60-jarig jubileum."},
        headers=bearer(tokens, lpa),
    )
    assert answered.status_code == 200
    seen = (
        await client.get(f"/api/v1/verlofaanvragen/{ident}", headers=bearer(tokens, school))
    ).json()
    assert seen["advies"].startswith("Ja")
    twice = await client.post(
        f"/api/v1/verlof/{ident}/advies", json={"advies": "nog eens"}, headers=bearer(tokens, lpa)
    )
    assert twice.status_code == 409


async def test_the_leerplichtambtenaar_reads_the_application_in_full(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, leerlingen: Leerlingen
) -> None:
    """School, the staff member who sent it, the family degree, abroad, and the grounds as the
    school and parents wrote them: on the API and on the page, in words."""
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    start = date.today() + timedelta(days=40)
    grond = "De grootmoeder in Marokko is ernstig ziek; de ouders sturen de verklaring van de arts."
    body = verzoek(
        leerlingen.eerste, "ernstige_ziekte", start, 12, buitenland=True, graad=2, toelichting=grond
    )
    ident = (await post(client, tokens, school, body)).json()["id"]
    [item] = [
        a
        for a in (await client.get("/api/v1/verlof", headers=bearer(tokens, lpa))).json()["items"]
        if a["id"] == ident
    ]
    assert item["toelichting"] == grond
    assert (item["brin"], item["buitenland"], item["graad"]) == ("86VA", True, 2)
    assert item["ingediend_door"] == school.naam
    page = await client.get(f"/verlof/{ident}", headers=bearer(tokens, lpa))
    assert page.status_code == 200
    for tekst in (grond, "(86VA)", f"door {school.naam}", "2e graad", "in het buitenland"):
        assert tekst in page.text, tekst
    assert "Status: In behandeling" in page.text
    assert "in_behandeling" not in page.text.split("<main", 1)[-1].split("</form>", 1)[0]
