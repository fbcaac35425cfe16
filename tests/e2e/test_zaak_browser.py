"""Case work in a real browser: a leerplichtambtenaar (BOA) opens a case of absoluut verzuim from
the werkvoorraad, takes the method's steps with their forms (a missing verslag is a field error, a
step the law forbids shows the rule), sends a letter and gives a deurbezoek, which the team's
leerplichtassistent reports on. Every page passes axe-core; screenshots go to the artifacts."""

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
from tests.e2e.conftest import CHROMIUM_ARGS, assert_reflows
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible

NAAM = "Ravi Zonderschool"


@pytest.fixture
async def signaal(db: Database, admin_dsn: str, tmp_path: Path) -> str:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(515151))
    path = tmp_path / "brp.csv"
    path.write_text(
        f"{BRP_HEADER}\n{number};Ravi;;Zonderschool;2014-02-02;M;0363;1077XX;9;Amsterdam;Zuid;"
        ";;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", path, tenant_id="0363")
    await controles_uitvoeren(db, date.today(), tenant_id="0363")
    return NAAM


def open_step(page: Page, label: str) -> None:
    """Open a step's form (the advised step's is open already)."""
    summary = page.locator("summary", has_text=label).first
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


def test_a_case_of_absoluut_verzuim_from_werkvoorraad_to_deurbezoek(
    browser_executable: str, live_url: str, artifacts: Path, signaal: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.get_by_role("link", name="Bekijk het werk zonder behandelaar").click()
            row = page.get_by_role("row").filter(has_text=signaal)
            row.get_by_role("button", name=f"Zaak openen voor {signaal}").click()
            expect(
                page.get_by_role("heading", name="Zaak absoluut verzuim", level=1)
            ).to_be_visible()
            termijnen = page.get_by_role("table").filter(has_text="Uiterlijk")
            expect(termijnen.get_by_role("row")).to_have_count(4)
            expect(
                page.get_by_role("heading", name="Volgende stap volgens de methode")
            ).to_be_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "zaak-geopend.png"), full_page=True)

            open_step(page, "Administratieve controle vastleggen")
            page.get_by_role("button", name="Administratieve controle vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("Administratieve controle")
            status = page.locator("dt", has_text="Status").locator("xpath=following-sibling::dd[1]")
            expect(status).to_have_text("Administratief gecontroleerd")

            open_step(page, "Contact met ouders vastleggen en brief sturen")
            page.get_by_role("button", name="Contact met ouders vastleggen en brief sturen").click()
            expect(page.get_by_role("alert")).to_contain_text("niet gezet")
            verslag = page.locator("#contact_ouders-verslag")
            expect(verslag).to_have_attribute("aria-invalid", "true")
            assert_accessible(page)
            verslag.fill(
                "Moeder gesproken: gezin is verhuisd; advies: inschrijven bij de buurtschool."
            )
            page.get_by_role("button", name="Contact met ouders vastleggen en brief sturen").click()
            expect(page.get_by_role("link", name="Uw kind staat niet ingeschreven")).to_be_visible()

            # What the law rules out on the facts known now is shown, with its article, by the
            # same rule that would refuse the step: a 12-year-old is not reported to the SVB.
            page.locator("summary", has_text="Stappen die de wet nu niet toelaat").click()
            verboden = page.locator("details", has_text="Stappen die de wet nu niet toelaat")
            expect(
                verboden.get_by_role("listitem").filter(has_text="Melden bij de SVB")
            ).to_contain_text("art. 19.1")
            expect(
                verboden.get_by_role("listitem").filter(has_text="Proces-verbaal opmaken")
            ).to_contain_text("aangekondigd")
            # A departure from the method is one control: choose the step, then say why.
            page.get_by_label("Welke stap wilt u zetten?").select_option(
                label="Verhoor aankondigen"
            )
            page.get_by_role("button", name="Deze stap kiezen").click()
            page.get_by_role("button", name="Verhoor aankondigen").click()
            expect(page.get_by_role("alert")).to_contain_text("art. 2.7")
            page.locator("#verhoor_aankondigen-uitleg").fill("Ouders weigeren elk contact")
            page.get_by_role("button", name="Verhoor aankondigen").click()
            expect(page.get_by_role("status")).to_contain_text("Verhoor aankondigen")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "zaak-regel.png"), full_page=True)

            open_step(page, "Deurbezoek uitzetten")
            page.locator("#deurbezoek_uitzetten-deurbezoek_opdracht").fill(
                "Aanbellen en vragen naar de nieuwe school"
            )
            page.get_by_role("button", name="Deurbezoek uitzetten").click()
            expect(page.get_by_role("status")).to_contain_text("Deurbezoek uitzetten")
            expect(page.get_by_role("heading", name="Verloop")).to_be_visible()
            page.screenshot(path=str(artifacts / "zaak.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(artifacts / "zaak-390.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            page.get_by_role("link", name="Naar het dossier van de jongere").click()
            expect(page.get_by_role("heading", name="Zaken")).to_be_visible()
            page.get_by_role("link", name="Absoluut verzuim, geopend").click()
            expect(page.get_by_role("heading", name="Zaak absoluut verzuim")).to_be_visible()
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "Sanne Bakker")
            page.get_by_role("link", name="Deurbezoeken", exact=True).first.click()
            taak = page.get_by_role("listitem").filter(has_text=signaal)
            expect(taak).to_contain_text("1077XX 9 Amsterdam")
            expect(taak).to_contain_text("vragen naar de nieuwe school")
            assert_accessible(page)
            taak.get_by_role("button", name="Bezoek afronden").click()
            expect(page.get_by_role("alert")).to_contain_text("niet opgeslagen")
            page.get_by_role("listitem").filter(has_text=signaal).get_by_label(
                "Verslag van het bezoek"
            ).fill("Niemand thuis; kaartje achtergelaten.")
            page.get_by_role("listitem").filter(has_text=signaal).get_by_role(
                "button", name="Bezoek afronden"
            ).click()
            expect(page.get_by_role("status")).to_have_text("Het verslag staat in het dossier.")
            page.screenshot(path=str(artifacts / "deurbezoeken.png"), full_page=True)
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            page.set_viewport_size({"width": 1280, "height": 900})
        finally:
            browser.close()
