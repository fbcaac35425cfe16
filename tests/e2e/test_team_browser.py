"""The teammanager's page in a real browser: figures for the gemeente and one team, the intake
chart with its legend and table, a refused period, the filter swapping only the figures (htmx).
Every state passes axe-core."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from portal.administratie.service import controles_uitvoeren, import_file
from portal.db.pool import Database
from portal.demo import seed_demo_users
from portal.domain import bsn
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible


@pytest.fixture
async def signaal(db: Database, admin_dsn: str, tmp_path: Path) -> None:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(626262))
    path = tmp_path / "brp.csv"
    path.write_text(
        f"{BRP_HEADER}\n{number};Tess;;Teller;2013-03-03;V;0363;1077XY;7;Amsterdam;Zuid;;;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")
    await controles_uitvoeren(db, date.today(), tenant_id="0363")


@pytest.mark.usefixtures("signaal")
def test_teammanager_sees_figures_and_charts(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    maand = f"{date.today():%Y-%m}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Marieke Visser")
            page.get_by_role("link", name="Team en cijfers").click()
            expect(page.get_by_role("heading", name="Team en cijfers", level=1)).to_be_visible()
            grafiek = page.get_by_role("figure", name="Instroom per maand")
            expect(grafiek.get_by_role("img")).to_be_visible()
            expect(grafiek.get_by_role("listitem")).to_contain_text(["Signaal uit de controles"])
            page.get_by_text("Tabel: instroom per maand").click()
            expect(
                page.locator("details.cijfertabel").first.get_by_role("row").last
            ).to_be_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "team.png"), full_page=True)

            url = page.url
            page.get_by_label("Team", exact=True).select_option(label="Zuid")
            page.get_by_label("Van maand").fill("2026-10")
            page.get_by_label("Tot en met maand").fill("2026-01")
            page.get_by_role("button", name="Cijfers tonen").click()
            expect(page.locator("#cijfers")).to_contain_text("Team Zuid")
            # htmx swapped the figures only; the address now holds the filter.
            expect(page.get_by_role("alert")).to_contain_text("de eerste maand ligt na de laatste")
            assert "team=" in page.url
            assert page.url != url
            page.reload()  # the address holds the filter
            expect(page.get_by_role("alert")).to_contain_text("de eerste maand ligt na de laatste")
            expect(page.get_by_label("Team", exact=True).locator("option:checked")).to_have_text(
                "Zuid"
            )
            assert_accessible(page)
            page.get_by_label("Van maand").fill(maand)
            page.get_by_label("Tot en met maand").fill(maand)
            page.get_by_role("button", name="Cijfers tonen").click()
            expect(page.locator("#cijfers")).to_contain_text(f"{maand} tot en met {maand}")
            assert_accessible(page)
            # The session ends (here: its cookie is gone): the next htmx request goes to the
            # login page instead of swapping it into the figures.
            page.context.clear_cookies()
            page.get_by_role("button", name="Cijfers tonen").click()
            page.wait_for_url(f"{live_url}/auth/login**")
            expect(page.get_by_role("heading", level=1)).to_contain_text("Inloggen")
        finally:
            browser.close()
