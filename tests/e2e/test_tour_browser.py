"""A tour of every page each demo user can reach from the main menu: every page answers, passes
axe-core without a serious or critical violation, and is saved as a screenshot. What a user cannot
reach is checked by tests/test_page_guards.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from portal.demo import DEMO_USERS, seed_demo_users
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import login
from tests.e2e.test_login_browser import assert_accessible

# Amsterdam's users (every role) and one regiogemeente's; partners work through the API.
TOUR = [
    naam
    for code, _email, naam, rollen, *_ in DEMO_USERS
    if (code == "0363" or naam.endswith("Zaanstad")) and not rollen[0].startswith("partner_")
]


@pytest.fixture
async def demo_users(admin_dsn: str) -> None:
    await seed_demo_users(admin_dsn)


@pytest.mark.usefixtures("demo_users")
def test_every_menu_page_of_every_demo_user(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    assert len(TOUR) >= 10
    bezocht: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            for naam in TOUR:
                context = browser.new_context(locale="nl-NL")
                page = context.new_page()
                login(page, live_url, naam)
                menu = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
                paden = [menu.nth(i).get_attribute("href") or "" for i in range(menu.count())]
                bezocht[naam] = paden
                slug = naam.lower().replace(" ", "-")
                for pad in paden:
                    response = page.goto(f"{live_url}{pad}")
                    assert response is not None
                    assert response.status == 200, (naam, pad, response.status)
                    assert page.locator("h1").count() == 1, (naam, pad)
                    assert_accessible(page)
                    stap = pad.strip("/").replace("/", "-") or "start"
                    page.screenshot(path=str(artifacts / f"tour-{slug}-{stap}.png"), full_page=True)
                context.close()
        finally:
            browser.close()
    # Each user has a start page and at least one page of their own work.
    assert all(len(paden) >= 2 for paden in bezocht.values()), bezocht
