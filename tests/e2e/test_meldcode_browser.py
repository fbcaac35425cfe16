"""The meldcode in a real browser: from the dossier, the five steps in order as forms, a skipped
gesprek refused without a reason, the besluit to melden; axe on each page, and the page at 390 px.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from portal.administratie.service import import_file
from portal.db.pool import Database
from portal.demo import seed_demo_users
from portal.domain import bsn
from tests.e2e.conftest import CHROMIUM_ARGS, assert_reflows
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible

NAAM = "Lotte Meldcodestraat"


@pytest.fixture
async def jongere(db: Database, admin_dsn: str, tmp_path: Path) -> None:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(171717))
    path = tmp_path / "brp.csv"
    geboren = date(date.today().year - 13, 3, 3).isoformat()
    path.write_text(
        f"{BRP_HEADER}\n{number};Lotte;;Meldcodestraat;{geboren};V;0363;1078AB;7;Amsterdam;Zuid;"
        ";;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")


@pytest.mark.usefixtures("jongere")
def test_the_meldcode_in_order_from_the_dossier(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.goto(f"{live_url}/jongeren?zoek=Meldcodestraat")
            page.get_by_role("link", name=NAAM).first.click()
            expect(page.get_by_role("heading", level=1)).to_contain_text(NAAM)
            page.get_by_role("button", name="Meldcode starten").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Meldcode huiselijk geweld en kindermishandeling"
            )
            assert_accessible(page)
            page.get_by_label("Feiten: wat is gezien of gehoord").fill("Blauwe plekken gezien.")
            page.get_by_label("Bronnen van de feiten (één per regel)").fill("mentor\nzelf gezien")
            page.get_by_label("Kindcheck: er zijn andere kinderen in het gezin").check()
            page.get_by_role("button", name="Signalen in kaart brengen vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("signalen in kaart brengen")
            page.get_by_label("Met wie is overlegd").fill("collega")
            page.get_by_label("Aandachtsfunctionaris", exact=True).fill("A. Aandacht")
            page.get_by_role("button", name="Collegiale consultatie vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("collegiale consultatie")
            # The gesprek skipped without a reason is refused, with the rule.
            page.get_by_role(
                "button", name="Gesprek met de jongere en de ouders vastleggen"
            ).click()
            expect(page.get_by_role("alert")).to_contain_text("veiligheid")
            assert page.title().startswith("Fout:")
            assert_accessible(page)
            page.get_by_label("Reden om het gesprek over te slaan").select_option(
                label="De veiligheid van de jongere"
            )
            page.get_by_role(
                "button", name="Gesprek met de jongere en de ouders vastleggen"
            ).click()
            page.get_by_role("textbox", name="Risico").fill("hoog")
            page.get_by_role("textbox", name="Aard", exact=True).fill("lichamelijk")
            page.get_by_role("textbox", name="Ernst").fill("ernstig")
            page.get_by_label("De aandachtsfunctionaris is geraadpleegd").check()
            page.get_by_role("button", name="Weging van risico, aard en ernst vastleggen").click()
            page.get_by_label("Afweging 1: melden bij Veilig Thuis is noodzakelijk").check()
            page.get_by_label("De melding is besproken met de jongere en de ouders").check()
            page.get_by_role("button", name="Besluit met het afwegingskader vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("Veilig Thuis")
            expect(page.locator(".stand")).to_contain_text("Melden bij Veilig Thuis")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "meldcode.png"), full_page=True)
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            page.screenshot(path=str(artifacts / "meldcode-390.png"), full_page=True)
        finally:
            browser.close()


@pytest.mark.usefixtures("jongere")
def test_the_speciale_aanpak_from_the_dossier_with_errors_at_their_fields(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.goto(f"{live_url}/jongeren?zoek=Meldcodestraat")
            page.get_by_role("link", name=NAAM).first.click()
            page.locator("summary", has_text="Speciale aanpak vastleggen").click()
            page.get_by_label("Telefoonnummer contactpersoon").fill("12")
            page.get_by_role("button", name="Speciale aanpak vastleggen").click()
            assert page.title().startswith("Fout:")
            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("naam van de contactpersoon")
            expect(alert).to_contain_text("telefoonnummer")
            assert_accessible(page)
            page.get_by_label("Naam contactpersoon").fill("Ria de Wit")
            page.get_by_label("Telefoonnummer contactpersoon").fill("06-1234 5678")
            page.get_by_role("button", name="Speciale aanpak vastleggen").click()
            expect(page.locator("#aanpak-kop")).to_be_visible()
            expect(page.get_by_text("valt onder een speciale aanpak")).to_contain_text("Ria de Wit")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "speciale-aanpak.png"))
            assert_reflows(page, 390)
            page.screenshot(path=str(artifacts / "speciale-aanpak-390.png"))
            page.get_by_role("button", name="Speciale aanpak opheffen").click()
            expect(page.locator("#aanpak-kop")).to_have_count(0)
            # Art. 18 under c from the same dossier: both empty fields marked at once.
            page.locator("summary", has_text="melden aan de Arbeidsinspectie").click()
            page.get_by_role("button", name="Melden aan de Arbeidsinspectie").click()
            assert page.title().startswith("Fout:")
            expect(page.locator("[aria-invalid=true]")).to_have_count(2)
            assert_accessible(page)
            page.get_by_label("Gezien op").fill(date.today().isoformat())
            page.get_by_label("Wat zag u").fill("Achter de kassa van de supermarkt, 10 uur.")
            page.get_by_role("button", name="Melden aan de Arbeidsinspectie").click()
            expect(page.get_by_role("status")).to_contain_text("Arbeidsinspectie")
            page.screenshot(path=str(artifacts / "arbeidsinspectie.png"), full_page=True)
        finally:
            browser.close()
