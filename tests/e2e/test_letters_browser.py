"""A leerplichtambtenaar finds the letter a case step sent on the dossier page and opens its PDF."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.demo import seed_demo_users
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_login_browser import assert_accessible
from tests.verzuim.helpers import leerling_met_melding


@pytest.fixture
async def letter_case(
    db: Database,
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    tmp_path: Path,
    make_user: UserFactory,
) -> str:
    await seed_demo_users(admin_dsn)
    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path,
        brin="70JJ",
        school="Brieven College",
        onderwijssoort="havo",
        voornaam="Mila",
        achternaam="Briefschrijver",
        leeftijd=13,
    )
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    zaak = (
        await client.post(
            "/api/v1/zaken", json={"melding_id": gemeld.melding}, headers=bearer(tokens, lpa)
        )
    ).json()["id"]
    for actie in ("beoordelen", "uitnodigen"):
        response = await client.post(
            f"/api/v1/zaken/{zaak}/stappen", json={"actie": actie}, headers=bearer(tokens, lpa)
        )
        assert response.status_code == 200, response.text
    return "Mila Briefschrijver"


def test_the_letter_of_a_step_is_on_the_dossier_page(
    browser_executable: str, live_url: str, artifacts: Path, letter_case: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            page.goto(f"{live_url}/auth/login")
            page.get_by_role("button", name="Inloggen als Fatima El Amrani").click()
            page.wait_for_url(f"{live_url}/")
            page.get_by_role("link", name="Jongeren zoeken").click()
            page.get_by_label("BSN of naam").fill("Briefschrijver")
            page.get_by_role("button", name="Zoeken").click()
            page.get_by_role("link", name=letter_case).click()
            expect(page.get_by_role("heading", name="Brieven")).to_be_visible()
            link = page.get_by_role("link", name="Uitnodiging voor een gesprek over verzuim")
            expect(link).to_be_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "dossier-brieven.png"), full_page=True)
            pdf = page.request.get(f"{live_url}{link.get_attribute('href')}")
            assert pdf.status == 200
            assert pdf.headers["content-type"] == "application/pdf"
            assert pdf.body().startswith(b"%PDF")
        finally:
            browser.close()
