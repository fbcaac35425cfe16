"""The sender a gemeente's functioneel beheerder sets, and a letter from a real case: the kenmerk,
the leerplichtambtenaar's phone and function, the gemeente's return address, and, for a jongere
whose street the BRP file did not give, the mark that the address must be written by hand."""

from __future__ import annotations

import io
import uuid
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


async def test_the_letter_is_previewed_with_own_words_and_nothing_is_written_until_sent(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    """The preview runs the step whole and rolls it back: the same letter (with the own words),
    no letter, message, step or status kept; its reading audited; then the step sends that text."""
    import asyncpg

    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    zaak = opened.json()["id"]
    assert (await step(client, tokens, lpa, zaak, "beoordelen")).status_code == 200
    nul = await client.post(
        f"/api/v1/zaken/{zaak}/stappen/voorbeeld",
        json={"actie": "uitnodigen", "brief_toelichting": "a\x00b"},
        headers=bearer(tokens, lpa),
    )
    assert nul.status_code == 422
    assert nul.json()["errors"][0]["field"] == "brief_toelichting"
    eigen = "Op dinsdag ben ik niet bereikbaar;\x07\x1b bel gerust op maandag of woensdag."
    body = {"actie": "uitnodigen", "brief_toelichting": eigen}

    async def tellen() -> tuple[int, int, str]:
        conn = await asyncpg.connect(admin_dsn)
        try:
            r = await conn.fetchrow(
                "SELECT (SELECT count(*) FROM portal.brieven WHERE zaak_id = $1) AS brieven,"
                " (SELECT count(*) FROM portal.zaakstappen WHERE zaak_id = $1) AS stappen,"
                " (SELECT status FROM portal.zaken WHERE id = $1) AS status",
                uuid.UUID(zaak),
            )
        finally:
            await conn.close()
        return r["brieven"], r["stappen"], r["status"]

    voor = await tellen()
    voorbeeld = await client.post(
        f"/api/v1/zaken/{zaak}/stappen/voorbeeld", json=body, headers=bearer(tokens, lpa)
    )
    assert voorbeeld.status_code == 200, voorbeeld.text
    assert voorbeeld.headers["content-type"] == "application/pdf"
    tekst = " ".join(
        " ".join(
            p.extract_text() or "" for p in PdfReader(io.BytesIO(voorbeeld.content)).pages
        ).split()
    )
    assert "bel gerust op maandag of woensdag" in tekst
    assert "\x07" not in tekst
    assert "\x1b" not in tekst
    assert await tellen() == voor  # nothing of the step was kept
    conn = await asyncpg.connect(admin_dsn)
    try:
        gelezen = await conn.fetchval(
            "SELECT count(*) FROM portal.audit_events WHERE object_type = 'briefvoorbeeld'"
            " AND object_id = $1",
            zaak,
        )
    finally:
        await conn.close()
    assert gelezen == 1
    # A step that sends no letter has no preview; another team's case is not found.
    geen = await client.post(
        f"/api/v1/zaken/{zaak}/stappen/voorbeeld",
        json={"actie": "contact_school", "vaststellingen": {"verslag": "x"}},
        headers=bearer(tokens, lpa),
    )
    assert geen.status_code in (404, 409)
    noord = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Noord")
    anders = await client.post(
        f"/api/v1/zaken/{zaak}/stappen/voorbeeld", json=body, headers=bearer(tokens, noord)
    )
    assert anders.status_code == 404
    gezet = await client.post(
        f"/api/v1/zaken/{zaak}/stappen", json=body, headers=bearer(tokens, lpa)
    )
    assert gezet.status_code == 200, gezet.text
    [brief] = gezet.json()["brieven"]
    pdf = await client.get(f"/api/v1/brieven/{brief}", headers=bearer(tokens, lpa))
    assert "bel gerust op maandag" in " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )


async def test_the_case_page_offers_the_preview_and_own_words_on_a_step_that_sends_a_letter(
    client: httpx.AsyncClient, tokens: TokenService, case: dict[str, Any], make_user: UserFactory
) -> None:
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    zaak = opened.json()["id"]
    assert (await step(client, tokens, lpa, zaak, "beoordelen")).status_code == 200
    page = await client.get(f"/zaken/{zaak}", headers=bearer(tokens, lpa))
    assert 'formaction="/zaken/' in page.text
    assert "Eigen tekst in de brief" in page.text
    csrf = page.text.split('name="_csrf" value="', 1)[1].split('"', 1)[0]
    pdf = await client.post(
        f"/zaken/{zaak}/voorbeeld",
        data={"_csrf": csrf, "actie": "uitnodigen", "brief_toelichting": "Tot ziens op school."},
        headers=bearer(tokens, lpa),
    )
    assert pdf.status_code == 200, pdf.text[:300]
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Tot ziens op school." in " ".join(
        PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split()
    )
    nog = (await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, lpa))).json()
    assert nog["status"] == "beoordeeld"  # the preview took no step


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    '<rect width="40" height="40" fill="#004699"/><text x="8" y="28" fill="#fff">D</text></svg>'
)


async def test_the_gemeentes_own_logo_is_tried_on_a_letter_before_it_is_kept(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    for fout, reden in (
        ("<html>geen logo</html>", "SVG"),
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "ENTITY"),
        ("<svg " + "x" * 250_000 + "/>", "200 kB"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="oops"', "opgemaakt"),
    ):
        r = await client.put("/api/v1/briefafzender/logo", json={"svg": fout}, headers=headers)
        assert r.status_code == 422, (fout[:30], r.text)
        assert r.json()["errors"][0]["field"] == "logo"
        assert reden in r.json()["errors"][0]["message"], r.text
    assert (await client.get("/api/v1/briefafzender", headers=headers)).json()[
        "eigen_logo"
    ] is False
    goed = await client.put("/api/v1/briefafzender/logo", json={"svg": LOGO}, headers=headers)
    assert goed.status_code == 200, goed.text
    assert goed.json()["eigen_logo"] is True
    terug = await client.put("/api/v1/briefafzender/logo", json={"svg": None}, headers=headers)
    assert terug.json()["eigen_logo"] is False


async def test_a_sender_with_characters_a_letter_cannot_print_is_refused_at_its_field(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory
) -> None:
    beheerder = await make_user(DIEMEN, Role.FUNCTIONEEL_BEHEERDER)
    r = await client.put(
        "/api/v1/briefafzender",
        json={"afdeling": "Leerplicht \U00055e76", "postadres": ["Postbus 1", "\u4e2d"]},
        headers=bearer(tokens, beheerder),
    )
    assert r.status_code == 422
    velden = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert set(velden) == {"afdeling", "postadres.1"}
    assert "U+55E76" in velden["afdeling"]
