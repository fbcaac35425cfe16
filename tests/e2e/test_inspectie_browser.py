"""The Inspectie path in a real browser: advice, then a signal, refused until the teammanager
agrees; a melding before a signal refused with the article; axe on each page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from portal.db.pool import Database
from portal.demo import seed_demo_users
from tests.e2e.conftest import CHROMIUM_ARGS, assert_reflows
from tests.e2e.test_casework_browser import login
from tests.e2e.test_login_browser import assert_accessible

BRIN = "62IN"


@pytest.fixture
async def demo(db: Database, admin_dsn: str) -> None:
    await seed_demo_users(admin_dsn)


@pytest.mark.usefixtures("demo")
def test_advice_signal_akkoord_and_the_order_refused(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.goto(f"{live_url}/scholen/{BRIN}/inspectie")
            assert_accessible(page)
            page.get_by_label("Wat", exact=True).select_option(
                label="Melding aan de Inspectie (lid 5)"
            )
            page.get_by_label("Wat is vastgesteld").fill("Drie leerlingen te laat ingeschreven.")
            page.get_by_label("Hoe u hebt gehandeld").fill("Gebeld met de administratie.")
            page.get_by_role("button", name="Vastleggen").click()
            expect(page.get_by_role("alert")).to_contain_text("lid 5")
            assert page.title().startswith("Fout:")
            page.get_by_label("Wat", exact=True).select_option(label="Advies aan de school (lid 1)")
            page.get_by_label("Wat is vastgesteld").fill("Drie leerlingen te laat ingeschreven.")
            page.get_by_label("Het advies aan de school").fill("Schrijf binnen 7 dagen in.")
            page.get_by_role("button", name="Vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("advies is vastgelegd")
            page.get_by_label("Wat", exact=True).select_option(
                label="Schriftelijk signaal aan de Inspectie"
            )
            page.get_by_label("Wat is vastgesteld").fill(
                "Bij het tweede bezoek nog steeds te laat."
            )
            page.get_by_label("Hoe u hebt gehandeld").fill("Opnieuw gewezen op de wet.")
            page.get_by_role("button", name="Vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("wacht op akkoord")
            page.get_by_role("button", name="Uitloggen").click()
            login(page, live_url, "Marieke Visser")
            page.goto(f"{live_url}/scholen/{BRIN}/inspectie")
            page.get_by_role("button", name="Akkoord: naar de Inspectie").click()
            expect(page.get_by_role("status")).to_contain_text("naar de Inspectie")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "inspectie.png"), full_page=True)
            assert_reflows(page, 390)
        finally:
            browser.close()
