"""The privacy officer's pages in a real browser: a wrong BSN refused on the field, a jongere's
audit log naming who read the dossier, and the printable inzage overview. axe on every state."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.db.pool import Database
from portal.db.request_context import RequestContext
from portal.demo import seed_demo_users
from portal.domain import bsn
from portal.dossier.service import lees_dossier
from tests.conftest import UserFactory
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible


@pytest.fixture
async def gelezen(db: Database, admin_dsn: str, tmp_path: Path, make_user: UserFactory) -> str:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(737373))
    path = tmp_path / "brp.csv"
    path.write_text(
        f"{BRP_HEADER}\n{number};Iris;;Inzicht;2012-05-05;V;0363;1011AC;3;Amsterdam;Zuid;"
        ";J. Inzicht;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")
    lpa = await make_user("0363", Role.LEERPLICHTAMBTENAAR, team="Zuid")
    async with db.tenant_tx(None, tenant_id="0363") as tx:
        ident = await tx.conn.fetchval("SELECT id FROM jongeren WHERE bsn = $1", number)
    assert await lees_dossier(RequestContext(db, lpa, "e2e-privacy"), ident) is not None
    return number


def test_privacy_officer_finds_who_read_and_draws_up_inzage(
    browser_executable: str, live_url: str, artifacts: Path, gelezen: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Peter Mulder")
            page.get_by_role("link", name="Privacy en inzage").click()
            assert_accessible(page)
            page.get_by_label("BSN van de jongere").fill("123456789")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("alert")).to_contain_text("elfproef")
            expect(page.get_by_label("BSN van de jongere")).to_have_attribute(
                "aria-invalid", "true"
            )
            assert_accessible(page)
            page.get_by_label("BSN van de jongere").fill(gelezen)
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("heading", name="Iris Inzicht", exact=True)).to_be_visible()
            gelezen_door = page.locator("tr", has_text="Test Gebruiker")
            expect(gelezen_door.first).to_contain_text("Leerplichtambtenaar")
            expect(gelezen_door.first).to_contain_text("ingezien")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "privacy.png"), full_page=True)
            page.get_by_role("link", name="Inzage-overzicht opstellen").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Iris Inzicht")
            expect(page.get_by_role("heading", name="Wie de gegevens gebruikte")).to_be_visible()
            expect(page.locator("body")).to_contain_text("Wet politiegegevens")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "inzage.png"), full_page=True)
        finally:
            browser.close()
