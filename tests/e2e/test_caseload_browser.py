"""The caseload in a real browser. A leerplichtambtenaar starts at Mijn zaken, is told of the team's
work nobody has taken, narrows it with a filter and takes it; puts an SVB-melding forward with a
motivation. The teammanager reads the motivation, declines with a reason, and gives three cases to
a colleague at once; the leerplichtambtenaar then reads the reason in the werkvoorraad. Every page
passes axe-core; screenshots at 1280 and 390 px go to the artifacts."""

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
from tests.e2e.test_zaak_browser import open_step

KINDEREN = ("Anna Bulkema", "Bram Bulkema", "Cas Bulkema")
ZESTIEN = "Svea Zestienhoven"
REDEN = "Eerst het zorgtraject van het wijkteam afwachten."


@pytest.fixture
async def signalen(db: Database, admin_dsn: str, tmp_path: Path) -> None:
    """Three children and a sixteen-year-old in Amsterdam-Zuid, enrolled nowhere: the controls
    give each a signal of absoluut verzuim for team Zuid."""
    await seed_demo_users(admin_dsn)
    rng = random.Random(737373)
    jaar = date.today().year
    regels = [
        f"{bsn.generate(rng)};{naam.split()[0]};;{naam.split()[1]};{jaar - 9 - n}-04-0{n + 1};V;0363;"
        f"1078A{n};{n + 1};Amsterdam;Zuid;;;;"
        for n, naam in enumerate(KINDEREN)
    ]
    regels.append(
        f"{bsn.generate(rng)};Svea;;Zestienhoven;{jaar - 17}-01-15;V;0363;1078BB;9;Amsterdam;Zuid;;;;"
    )
    path = tmp_path / "brp.csv"
    path.write_text(BRP_HEADER + "\n" + "\n".join(regels) + "\n", encoding="utf-8")
    await import_file(db, "brp", path, tenant_id="0363")
    await controles_uitvoeren(db, date.today(), tenant_id="0363")


def zaak_openen(page: Page, live_url: str, naam: str) -> None:
    page.goto(f"{live_url}/?toewijzing=niet_toegewezen&zoek={naam.split()[1]}")
    page.get_by_role("button", name=f"Zaak openen voor {naam}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(naam)


@pytest.mark.usefixtures("signalen")
def test_mijn_zaken_an_svb_request_declined_with_a_reason_and_three_cases_reassigned(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            expect(page.get_by_label("Zaken")).to_have_value("mijn")
            expect(page.get_by_text("nog geen behandelaar in uw team")).to_be_visible()
            page.get_by_role("link", name="Bekijk het werk zonder behandelaar").click()
            page.get_by_label("Naam of BSN").fill("Bulkema")
            page.get_by_role("button", name="Werk tonen").click()
            expect(page.locator("p.totaal")).to_contain_text("3 items zonder behandelaar")
            assert_accessible(page)
            for naam in KINDEREN:
                zaak_openen(page, live_url, naam)
            # Taken, they are hers: Mijn zaken with the same filter finds them with their next step.
            page.goto(f"{live_url}/?zoek=Bulkema")
            expect(page.locator("p.totaal")).to_contain_text("3 items in uw zaken")
            rij = page.get_by_role("row").filter(has_text=KINDEREN[0])
            expect(rij).to_contain_text("Administratieve controle vastleggen")
            expect(rij).to_contain_text("Fatima El Amrani")

            zaak_openen(page, live_url, ZESTIEN)
            page.get_by_role("button", name="Administratieve controle vastleggen").click()
            open_step(page, "Contact met ouders vastleggen en brief sturen")
            page.locator("#contact_ouders-verslag").fill("Moeder gebeld: Svea zit thuis.")
            page.get_by_role("button", name="Contact met ouders vastleggen en brief sturen").click()
            open_step(page, "Controle van het advies vastleggen")
            page.locator("#advies_controleren-verslag").fill("Niet ingeschreven, advies genegeerd.")
            page.get_by_role("button", name="Controle van het advies vastleggen").click()
            open_step(page, "SVB-melding voorleggen aan de teammanager")
            page.locator("#svb_voorleggen-verslag").fill("Ouders komen geen afspraak na.")
            page.get_by_role("button", name="SVB-melding voorleggen aan de teammanager").click()
            expect(page.get_by_role("status")).to_contain_text("SVB-melding voorleggen")
            expect(page.locator("p.stand, .stand").first).to_contain_text("Wacht op akkoord")
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "Marieke Visser")
            verzoek = page.get_by_role("listitem").filter(
                has_text=f"Voorgenomen SVB-melding: {ZESTIEN}"
            )
            expect(verzoek).to_contain_text("Motivering: Ouders komen geen afspraak na.")
            verzoek.get_by_role("link").click()
            open_step(page, "SVB-melding afwijzen")
            page.get_by_role("button", name="SVB-melding afwijzen").click()
            expect(page.get_by_role("alert")).to_contain_text("niet gezet")
            page.locator("#svb_afwijzen-verslag").fill(REDEN)
            page.get_by_role("button", name="SVB-melding afwijzen").click()
            expect(page.get_by_role("status")).to_contain_text("SVB-melding afwijzen")
            assert_accessible(page)

            page.goto(f"{live_url}/?zoek=Bulkema")
            for naam in KINDEREN:
                page.get_by_label(f"Zaak van {naam} kiezen").check()
            page.get_by_label("Gekozen zaken toewijzen aan").select_option(
                label=next(
                    o
                    for o in page.get_by_label("Gekozen zaken toewijzen aan")
                    .locator("option")
                    .all_inner_texts()
                    if o.startswith("Jeroen de Vries")
                )
            )
            page.get_by_role("button", name="Toewijzen", exact=True).click()
            expect(page.get_by_role("status")).to_have_text(
                "3 zaken toegewezen aan Jeroen de Vries."
            )
            for naam in KINDEREN:
                expect(page.get_by_role("row").filter(has_text=naam)).to_contain_text(
                    "Jeroen de Vries"
                )
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "werkvoorraad-teammanager.png"), full_page=True)
            page.get_by_role("link", name="Team en cijfers").click()
            caseload = page.get_by_role("table").filter(has_text="Open zaken")
            expect(caseload.get_by_role("row").filter(has_text="Fatima El Amrani")).to_be_visible()
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "Fatima El Amrani")
            afgewezen = page.get_by_role("region", name="Afgewezen door de teammanager")
            expect(afgewezen).to_contain_text(ZESTIEN)
            expect(afgewezen).to_contain_text(f"Reden: {REDEN}")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "werkvoorraad.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(artifacts / "werkvoorraad-390.png"), full_page=True)
            # On a phone nothing scrolls sideways but a wide table, inside its own box.
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            afgewezen.get_by_role("link").click()
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            page.get_by_role("link", name="Naar het dossier van de jongere").click()
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            # Search finds people: the surname in any case, the true number, who each one is.
            page.set_viewport_size({"width": 1280, "height": 900})
            page.get_by_role("link", name="Jongeren zoeken").click()
            page.get_by_label("BSN of naam, eventueel met de geboortedatum").fill("bulkema")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("status")).to_have_text("3 jongeren gevonden")
            expect(page.get_by_role("row").filter(has_text="Anna Bulkema")).to_contain_text(
                "zaak open"
            )
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "zoeken.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(artifacts / "zoeken-390.png"), full_page=True)
            assert_reflows(page, 320)
        finally:
            browser.close()


@pytest.mark.usefixtures("signalen")
def test_sorted_by_a_column_narrowed_by_age_and_the_menu_folded_on_a_phone(
    browser_executable: str, live_url: str, artifacts: Path
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.goto(f"{live_url}/?toewijzing=alle&zoek=Bulkema")
            page.get_by_role("link", name="Jongere (niet gesorteerd, sorteren)").click()
            kop = page.get_by_role("columnheader", name="Jongere")
            expect(kop).to_have_attribute("aria-sort", "ascending")
            rijen = page.locator("tbody tr")
            expect(rijen).to_have_count(3)
            volgorde = [rijen.nth(n).inner_text() for n in range(3)]
            assert [k for v in volgorde for k in KINDEREN if k in v] == list(KINDEREN)
            page.get_by_role("link", name="Jongere (gesorteerd oplopend, sorteren)").click()
            expect(kop).to_have_attribute("aria-sort", "descending")
            volgorde = [rijen.nth(n).inner_text() for n in range(3)]
            assert [k for v in volgorde for k in KINDEREN if k in v] == list(reversed(KINDEREN))
            # The order stays when a filter is chosen; an age group narrows by the birth date.
            page.get_by_label("Leeftijd").select_option(label="16 en 17 (kwalificatieplicht)")
            page.get_by_label("Naam of BSN").fill("Zestienhoven")
            page.get_by_role("button", name="Werk tonen").click()
            expect(page.locator("p.totaal")).to_contain_text("1 item")
            assert "sorteer=-naam" in page.url
            page.get_by_label("Leeftijd").select_option(label="Jonger dan 12")
            page.get_by_role("button", name="Werk tonen").click()
            expect(page.locator("p.totaal")).to_contain_text("0 items")
            assert_accessible(page)

            # On a phone the main menu is one button; it opens, and Escape folds it again.
            page.goto(f"{live_url}/")
            page.set_viewport_size({"width": 390, "height": 844})
            menu = page.get_by_role("button", name="Menu")
            expect(menu).to_be_visible()
            expect(menu).to_have_attribute("aria-expanded", "false")
            zoeken = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Jongeren zoeken"
            )
            expect(zoeken).to_be_hidden()
            page.screenshot(path=str(artifacts / "menu-390.png"))
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
            expect(zoeken).to_be_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "menu-390-open.png"))
            page.keyboard.press("Escape")
            expect(zoeken).to_be_hidden()
            expect(menu).to_be_focused()
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            # Wide again, the menu is a row of links and the button is gone.
            page.set_viewport_size({"width": 1280, "height": 900})
            expect(menu).to_be_hidden()
            expect(zoeken).to_be_visible()
        finally:
            browser.close()
