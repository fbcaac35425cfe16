"""A leerplichtambtenaar works a signal in a real browser: werkvoorraad, dossier, werklogboek
(with field errors first), search; an administratief medewerker runs the controls and sees the
dossier without case notes. Every page passes an axe-core check."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from portal.administratie.service import controles_uitvoeren, import_file
from portal.db.pool import Database
from portal.demo import seed_demo_users
from portal.domain import bsn
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_login_browser import assert_accessible

BRP_HEADER = (
    "bsn;voornamen;voorvoegsel;geslachtsnaam;geboortedatum;geslacht;gemeentecode;postcode;"
    "huisnummer;woonplaats;team;ouder1_bsn;ouder1_naam;ouder2_bsn;ouder2_naam"
)


@pytest.fixture
async def case(db: Database, admin_dsn: str, tmp_path: Path) -> str:
    """A ten-year-old in team Zuid who is not enrolled: the controls make a signal of it."""
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(424242))
    path = tmp_path / "brp.csv"
    path.write_text(
        f"{BRP_HEADER}\n{number};Daan;;Oosterhuis;2016-05-05;M;0363;1071AB;4;Amsterdam;Zuid;;;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")
    await controles_uitvoeren(db, date.today(), tenant_id="0363")
    return "Daan Oosterhuis"


def login(page: Page, live_url: str, naam: str) -> None:
    page.goto(f"{live_url}/auth/login")
    page.get_by_role("button", name=f"Inloggen als {naam}").click()
    page.wait_for_url(f"{live_url}/")


def test_leerplichtambtenaar_works_a_signal_and_medewerker_runs_controls(
    browser_executable: str, live_url: str, artifacts: Path, case: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
            # She starts at Mijn zaken, told of the team's work nobody has taken yet.
            page.get_by_role("link", name="Bekijk het werk zonder behandelaar").click()
            row = page.get_by_role("row").filter(has_text=case)
            expect(row).to_contain_text("Vermoeden absoluut verzuim")
            expect(row).to_contain_text("Controleren of er een administratieve fout is")
            assert_accessible(page)
            page.get_by_role("link", name="Toon alleen werk met een verlopen termijn").click()
            expect(page.get_by_text("Alleen werk met een verlopen termijn.")).to_be_visible()
            expect(page.get_by_role("row").filter(has_text=case)).to_have_count(0)  # not overdue
            assert_accessible(page)
            page.get_by_role("link", name="Toon al het open werk").click()
            expect(page.get_by_role("row").filter(has_text=case)).to_have_count(1)
            page.screenshot(path=str(artifacts / "werkvoorraad.png"), full_page=True)

            row.get_by_role("link", name=case).click()
            expect(page.get_by_role("heading", name=case, level=1)).to_be_visible()
            expect(page.get_by_role("heading", name="Leerplichtig")).to_be_visible()
            expect(page.get_by_text("Nog geen regels in het werklogboek.")).to_be_visible()
            assert_accessible(page)

            page.get_by_role("button", name="Regel opslaan").click()
            expect(page.get_by_role("alert")).to_contain_text("niet opgeslagen")
            expect(page.get_by_label("Datum van de actie")).to_have_attribute(
                "aria-invalid", "true"
            )
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "werklogboek-fouten.png"), full_page=True)

            page.get_by_label("Datum van de actie").fill(date.today().isoformat())
            page.get_by_label("Met wie of wat").fill("Telefoon met vader")
            page.get_by_label("Resultaat").fill(
                "Vader meldt dat Daan sinds de verhuizing geen school heeft."
            )
            page.get_by_label("Vervolgactie").fill("Contact met de vorige school")
            page.get_by_role("button", name="Regel opslaan").click()
            expect(page.get_by_role("status")).to_have_text("De regel is in het werklogboek gezet.")
            expect(page.get_by_text("Telefoon met vader")).to_be_visible()
            page.screenshot(path=str(artifacts / "dossier.png"), full_page=True)

            page.get_by_role("link", name="Jongeren zoeken").click()
            page.get_by_label("BSN of naam").fill("Ooster")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("link", name=case)).to_be_visible()
            assert_accessible(page)
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "Kees Jansen")
            expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
            page.get_by_role("link", name="Controles", exact=True).click()
            page.get_by_role("button", name="Controles nu uitvoeren").click()
            expect(page.get_by_role("status")).to_contain_text("Controles uitgevoerd")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "controles.png"), full_page=True)
            # Other tests' work shares the database (and Daan's deadline): find him by name.
            page.get_by_role("link", name="Jongeren zoeken").click()
            page.get_by_label("BSN of naam").fill("Oosterhuis")
            page.get_by_role("button", name="Zoeken").click()
            page.get_by_role("link", name=case).first.click()
            expect(page.get_by_role("heading", name=case, level=1)).to_be_visible()
            expect(page.get_by_role("heading", name="Werklogboek")).to_have_count(0)
            expect(page.get_by_text("Telefoon met vader")).to_have_count(0)
        finally:
            browser.close()
