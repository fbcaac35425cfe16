"""A school's administration in a real browser: two verlofaanvragen for one pupil (the second goes
to the leerplichtambtenaar), the director's decision on the first, a verzuimmelding after an
inline field error, and a kennisgeving; every page passes axe-core."""

from __future__ import annotations

import random
from datetime import date, timedelta
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

INS = "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving"


@pytest.fixture
async def leerling(db: Database, admin_dsn: str, tmp_path: Path) -> str:
    await seed_demo_users(admin_dsn)
    number = bsn.generate(random.Random(880088))
    (tmp_path / "s.csv").write_text(
        "brin;vestiging;naam;onderwijssoort;gemeentecode;team\n"
        "20AA;00;Zuiderlicht College;vmbo;0363;Zuid\n",
        encoding="utf-8",
    )
    await import_file(db, "scholen", tmp_path / "s.csv", tenant_id=None)
    born = (date.today() - timedelta(days=13 * 366)).isoformat()
    (tmp_path / "b.csv").write_text(
        f"{BRP_HEADER}\n{number};Sara;;Schoolpad;{born};V;0363;1078AA;5;Amsterdam;Zuid;;;;\n",
        encoding="utf-8",
    )
    await import_file(db, "brp", tmp_path / "b.csv", tenant_id="0363")
    (tmp_path / "i.csv").write_text(
        f"{INS}\n{number};20AA;00;vmbo;1;2025-08-01;\n", encoding="utf-8"
    )
    await import_file(db, "inschrijvingen", tmp_path / "i.csv", tenant_id="0363")
    return number


def maandag_over(weken: int) -> date:
    dag = date.today() + timedelta(weeks=weken)
    return dag - timedelta(days=dag.weekday())


def test_a_school_files_verlof_decides_melds_and_notifies(
    browser_executable: str, live_url: str, artifacts: Path, leerling: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Administratie Zuiderlicht College")
            page.get_by_role("link", name="Mijn school").click()
            expect(
                page.get_by_role("heading", name="Meldingen, verlof en kennisgevingen")
            ).to_be_visible()
            assert_accessible(page)

            page.get_by_role("link", name="Verlof aanvragen").click()
            page.get_by_role("button", name="Aanvraag versturen").click()
            expect(page.get_by_role("alert")).to_contain_text("niet verstuurd")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "school-verlof-fouten.png"), full_page=True)

            def aanvraag(start: date, dagen: int) -> None:
                page.get_by_label("BSN van de leerling").fill(leerling)
                page.get_by_label("Reden").select_option("overig")
                page.get_by_label("Eerste dag").fill(start.isoformat())
                page.get_by_label("Laatste dag").fill(
                    (start + timedelta(days=dagen + 3)).isoformat()
                )
                page.get_by_label("Aantal schooldagen").fill(str(dagen))
                page.get_by_role("button", name="Aanvraag versturen").click()
                expect(page.get_by_role("status")).to_have_text("De verlofaanvraag is verstuurd.")

            aanvraag(maandag_over(3), 3)
            page.get_by_role("link", name="Verlof aanvragen").click()
            aanvraag(maandag_over(6), 9)
            expect(page.get_by_text("Beslist door: leerplichtambtenaar")).to_be_visible()
            eerste = page.get_by_role("listitem").filter(has_text="Beslist door: directeur")
            # The director sees whose application it is before deciding.
            expect(eerste).to_contain_text(f"Sara Schoolpad (BSN {leerling})")
            eerste.get_by_label("Verlenen").check()
            eerste.get_by_label("Motivering").fill("Gewichtige omstandigheid aangetoond")
            eerste.get_by_role("button", name="Besluit vastleggen").click()
            expect(page.get_by_role("status")).to_have_text("Het besluit is vastgelegd.")
            expect(page.get_by_text("Status: verleend")).to_be_visible()
            assert_accessible(page)

            page.get_by_role("link", name="Verzuim melden").click()
            page.get_by_label("BSN van de leerling").fill(leerling)
            page.get_by_label("Eerste dag van het verzuim").fill(
                (date.today() - timedelta(days=20)).isoformat()
            )
            page.get_by_label("Laatste dag van het verzuim").fill(
                (date.today() + timedelta(days=5)).isoformat()
            )
            page.get_by_label("Verzuimde uren").fill("18")
            page.get_by_label("Wat heeft de school al gedaan?").fill("Mentor belde moeder")
            page.get_by_label("Naam", exact=True).fill("J. Jansen")
            page.get_by_label("Functie").fill("verzuimcoördinator")
            page.get_by_label("Telefoon", exact=True).fill("020-1234567")
            page.get_by_label("E-mail").fill("verzuim@zuiderlicht.example")
            page.get_by_role("button", name="Melding versturen").click()
            expect(page.get_by_role("alert")).to_contain_text("niet verstuurd")
            expect(page.get_by_label("Laatste dag van het verzuim")).to_have_attribute(
                "aria-invalid", "true"
            )
            assert_accessible(page)
            page.get_by_label("Laatste dag van het verzuim").fill(date.today().isoformat())
            page.get_by_label("Naam ouder of verzorger 1").fill("M. de Moeder")
            page.get_by_role("button", name="Melding versturen").click()
            # A parent's name without a phone number is pointed out at the field itself.
            telefoon = page.get_by_label("Telefoon ouder of verzorger 1")
            expect(telefoon).to_have_attribute("aria-invalid", "true")
            expect(page.locator("#ouder1_telefoon-fout")).to_contain_text("telefoonnummer")
            telefoon.fill("06-11223344")
            page.get_by_role("button", name="Melding versturen").click()
            expect(page.get_by_role("status")).to_have_text("De melding is verstuurd.")

            page.get_by_role("link", name="Kennisgeving doen").click()
            page.get_by_label("BSN van de leerling").fill(leerling)
            page.get_by_label("Soort").select_option("voorgenomen_verwijdering")
            page.get_by_label("Datum").fill((date.today() + timedelta(days=10)).isoformat())
            page.get_by_label("Reden (verplicht bij verwijdering)").fill(
                "Herhaald ernstig wangedrag"
            )
            page.get_by_role("button", name="Kennisgeving versturen").click()
            expect(page.get_by_role("status")).to_have_text("De kennisgeving is verstuurd.")
            expect(page.get_by_role("cell", name="voorgenomen verwijdering")).to_be_visible()
            for kop in ("meldingen-kop", "kennisgevingen-kop"):
                expect(page.locator(f"section[aria-labelledby={kop}] tbody")).to_contain_text(
                    f"Sara Schoolpad (BSN {leerling})"
                )
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "school.png"), full_page=True)
            for breedte in (390, 320):
                assert_reflows(page, breedte)
            page.set_viewport_size({"width": 1280, "height": 900})
        finally:
            browser.close()
