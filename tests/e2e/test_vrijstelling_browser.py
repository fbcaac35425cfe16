"""The leerplichtambtenaar's vrijstelling pages in a real browser: a kennisgeving registered (a bad
BSN refused on its field), a decision refused with its article while the deskundige's statement is
missing, the statement recorded, the vrijstelling granted. axe on every state."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from portal.administratie.service import import_file
from portal.db.pool import Database
from portal.demo import seed_demo_users
from portal.domain import bsn
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible


@pytest.fixture
async def kind(db: Database, admin_dsn: str, tmp_path: Path) -> str:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(848484))
    path = tmp_path / "brp.csv"
    path.write_text(
        f"{BRP_HEADER}\n{number};Vera;;Vrij;2015-06-06;V;0363;1011AD;4;Amsterdam;Zuid;;;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")
    return number


def besluit_geldig(page: Page, vandaag: date) -> None:
    """Decide the kennisgeving valid for a year, renewal two months before its end."""
    page.get_by_label("Is de kennisgeving geldig?").select_option("ja")
    page.get_by_label("Vrijstelling vanaf").fill(vandaag.isoformat())
    page.get_by_label("Vrijstelling tot en met").fill((vandaag + timedelta(days=364)).isoformat())
    page.get_by_label("Nieuwe kennisgeving nodig voor").fill(
        (vandaag + timedelta(days=300)).isoformat()
    )
    page.get_by_label("Motivering").fill("Verklaring GGD: ongeschikt voor onderwijs.")
    page.get_by_role("button", name="Besluit vastleggen").click()


def test_leerplichtambtenaar_registers_and_grants_a_vrijstelling(
    browser_executable: str, live_url: str, artifacts: Path, kind: str
) -> None:
    vandaag = date.today()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Vrijstellingen"
            ).click()
            page.get_by_label("BSN van de jongere").fill("12345678")
            page.get_by_label("Ontvangen op").fill(vandaag.isoformat())
            page.get_by_role("button", name="Kennisgeving registreren").click()
            expect(page.locator("#bsn-fout")).to_be_visible()
            assert_accessible(page)
            page.get_by_label("BSN van de jongere").fill(kind)
            page.get_by_label("Grond", exact=True).select_option("5a")
            page.get_by_label("De ouders gaven toestemming").check()
            page.get_by_role("button", name="Kennisgeving registreren").click()
            expect(page.get_by_role("status")).to_contain_text("geregistreerd")
            expect(page.get_by_role("heading", level=1)).to_contain_text("Vera Vrij")
            assert_accessible(page)

            besluit_geldig(page, vandaag)
            expect(page.get_by_role("alert").first).to_contain_text("art. 14")
            assert_accessible(page)

            page.get_by_label("Verklaring van de deskundige ontvangen op").fill(vandaag.isoformat())
            page.get_by_role("button", name="Gegevens vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("gegevens zijn vastgelegd")
            besluit_geldig(page, vandaag)
            expect(page.get_by_role("status")).to_contain_text("DUO krijgt de vrijstelling door")
            expect(page.locator(".status-box")).to_contain_text("Geldig: vrijstelling")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "vrijstelling.png"), full_page=True)
        finally:
            browser.close()
