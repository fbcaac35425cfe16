"""A first-time visitor logs in as a demo user in a real browser and sees who they are.

Every page visited gets an axe-core check: no serious or critical violation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from portal.demo import seed_demo_users
from tests.e2e.conftest import CHROMIUM_ARGS


def assert_accessible(page: Page) -> None:
    result = Axe().run(page)
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], (page.url, serious)


@pytest.fixture
async def demo_users(admin_dsn: str) -> None:
    await seed_demo_users(admin_dsn)


@pytest.mark.usefixtures("demo_users")
def test_demo_login_logout_in_chromium(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            page.goto(f"{live_url}/")
            assert page.url.startswith(f"{live_url}/auth/login")  # not logged in: sent to login
            assert page.locator("html").get_attribute("lang") == "nl"
            assert page.get_by_role("heading", name="Inloggen", exact=True).is_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "login.png"), full_page=True)

            page.get_by_role("button", name="Inloggen als Fatima El Amrani").click()
            page.wait_for_url(f"{live_url}/")
            assert page.get_by_role("heading", name="Welkom, Fatima El Amrani").is_visible()
            facts = page.locator("dl.facts").inner_text()
            assert "Amsterdam (0363)" in facts
            assert "Leerplichtambtenaar" in facts
            assert "Zuid" in facts
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "start-leerplichtambtenaar.png"), full_page=True)

            page.keyboard.press("Tab")  # the skip link comes first for keyboard users
            assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"

            page.get_by_role("button", name="Uitloggen").click()
            page.wait_for_url(f"{live_url}/auth/login?uitgelogd=1")
            assert page.get_by_role("status").inner_text() == "U bent uitgelogd."
            page.goto(f"{live_url}/")
            assert page.url.startswith(f"{live_url}/auth/login")
        finally:
            browser.close()
