"""The functioneel beheerder's pages in a real browser: re-send a message that did not arrive (htmx
swaps its row), add a user (an inline reason first), switch a user off, add a school holiday, and
change a letter template (refused while it drops the bezwaar clause). Every page passes axe-core."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
import pytest
from playwright.sync_api import expect, sync_playwright

from portal.demo import seed_demo_users
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import login
from tests.e2e.test_login_browser import assert_accessible


@pytest.fixture
async def dood_bericht(admin_dsn: str) -> str:
    await seed_demo_users(admin_dsn)
    conn = await asyncpg.connect(admin_dsn)
    try:
        message_id: uuid.UUID = await conn.fetchval(
            "INSERT INTO portal.outbox (tenant_id, partner, soort, payload, status, attempts,"
            " last_error) VALUES ('0363', 'duo', 'proef', '{}', 'dead', 8,"
            " 'HTTP 503 van DUO') RETURNING id"
        )
    finally:
        await conn.close()
    return str(message_id)


def test_beheerder_resends_manages_users_holidays_and_letters(
    browser_executable: str, live_url: str, artifacts: Path, dood_bericht: str
) -> None:
    email = f"{uuid.uuid4().hex[:8]}@amsterdam.example.nl"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Linda Smit")
            page.get_by_role("link", name="Beheer", exact=True).click()
            row = page.locator(f"#bericht-{dood_bericht}")
            expect(row).to_contain_text("HTTP 503 van DUO")
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "beheer.png"), full_page=True)
            url_before = page.url
            row.get_by_role("button", name="Opnieuw versturen").click()
            expect(page.locator(f"#bericht-{dood_bericht}")).to_contain_text(
                "Staat weer in de wachtrij"
            )
            assert page.url == url_before  # htmx swapped the row, no page load

            page.get_by_role("link", name="Gebruikers en rollen").click()
            page.get_by_label("E-mailadres").fill(email)
            page.get_by_label("Naam").fill("Eva Proef")
            page.get_by_label("School", exact=True).check()
            page.get_by_role("button", name="Gebruiker toevoegen").click()
            expect(page.get_by_role("alert").first).to_contain_text("niet toegevoegd")
            expect(page.get_by_label("BRIN-nummer van de school")).to_have_attribute(
                "aria-invalid", "true"
            )
            expect(page.locator("#brin-fout")).to_contain_text("BRIN-nummer nodig")
            assert_accessible(page)
            page.get_by_label("School", exact=True).uncheck()
            page.get_by_label("Leerplichtassistent").check()
            page.get_by_role("combobox", name="Team").select_option("Zuid")
            page.get_by_role("button", name="Gebruiker toevoegen").click()
            expect(page.get_by_role("status").first).to_contain_text("toegevoegd")
            nieuw = page.locator("tr", has_text=email)
            expect(nieuw).to_contain_text("Leerplichtassistent")
            expect(nieuw).to_contain_text("Zuid")
            nieuw.get_by_role("button", name="Uitschakelen").click()
            expect(page.locator("tr", has_text=email)).to_contain_text("uitgeschakeld")
            expect(page.locator("tr", has_text=email).get_by_role("button")).to_contain_text(
                "Weer inschakelen"
            )
            # The beheerder's own row has no switch: nobody locks the gemeente out.
            expect(page.locator("tr", has_text="Linda Smit").get_by_role("button")).to_have_count(0)
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "beheer-gebruikers.png"), full_page=True)

            page.get_by_role("link", name="Eva Proef").click()
            page.get_by_label("Leerplichtambtenaar", exact=True).check()
            page.get_by_label("Beëdigd als BOA").check()
            page.get_by_role("button", name="Wijziging opslaan").click()
            expect(page.get_by_role("status").first).to_contain_text("opgeslagen")
            expect(page.locator("tr", has_text=email)).to_contain_text("(BOA)")

            page.get_by_role("link", name="Teams", exact=True).click()
            page.get_by_role("button", name="Team toevoegen").click()
            expect(page.locator("#naam-fout")).to_contain_text("1 tot 100 tekens")
            assert_accessible(page)
            page.get_by_label("Naam van het team").fill(f"Team {email[:6]}")
            page.get_by_role("button", name="Team toevoegen").click()
            expect(page.get_by_role("status")).to_contain_text("toegevoegd")
            expect(page.get_by_role("cell", name=f"Team {email[:6]}")).to_be_visible()
            assert_accessible(page)

            page.get_by_role("link", name="Schoolvakanties").click()
            page.get_by_label("Jaar").fill("2089")
            page.get_by_label("Eerste dag").fill("2089-07-20")
            page.get_by_label("Laatste dag").fill("2089-07-01")
            page.get_by_role("button", name="Vakantie opslaan").click()
            expect(page.locator("#tot-fout")).to_contain_text("eindigt voor zij begint")
            assert_accessible(page)
            page.get_by_label("Laatste dag").fill("2089-08-31")
            page.get_by_role("button", name="Vakantie opslaan").click()
            expect(page.get_by_role("status")).to_contain_text("opgeslagen")
            expect(page.locator("tr", has_text="20-07-2089")).to_contain_text("Zomervakantie")
            assert_accessible(page)

            page.get_by_role("link", name="Briefsjablonen").click()
            assert_accessible(page)
            # The sender on the letters: a line too long is named at its field, then saved.
            page.get_by_label("Postadres, regel 1").fill("Postbus 1840")
            page.get_by_label("Postadres, regel 2").fill("1000 BV  Amsterdam " + "x" * 120)
            page.get_by_role("button", name="Afzender opslaan").click()
            expect(page.locator("#postadres_2-fout")).to_contain_text("Ten hoogste 120 tekens")
            assert page.title().startswith("Fout:")
            assert_accessible(page)
            page.get_by_label("Postadres, regel 2").fill("1000 BV  Amsterdam")
            page.get_by_role("button", name="Afzender opslaan").click()
            expect(page.get_by_role("status")).to_contain_text("De afzender is opgeslagen")
            # An own logo: a file that is no SVG is refused at the field, an SVG kept.
            page.get_by_label("Eigen logo (SVG)").set_input_files(
                files=[{"name": "logo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n"}]
            )
            page.get_by_role("button", name="Logo opslaan").click()
            expect(page.locator("#logo-fout")).to_be_visible()
            assert_accessible(page)
            svg = (
                b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
                b'<rect width="40" height="40" fill="#004699"/></svg>'
            )
            page.get_by_label("Eigen logo (SVG)").set_input_files(
                files=[{"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": svg}]
            )
            page.get_by_role("button", name="Logo opslaan").click()
            expect(page.get_by_role("status")).to_contain_text("Het logo is opgeslagen")
            page.get_by_role("button", name="Standaardlogo gebruiken").click()
            page.get_by_role("link", name="Besluit op uw verlofaanvraag").click()
            tekst = page.get_by_role("textbox", name="Tekst van de brief")
            origineel = tekst.input_value()
            tekst.fill(origineel.replace('{% include "_bezwaar.html" %}', ""))
            page.get_by_role("button", name="Eigen versie opslaan").click()
            expect(page.locator("#inhoud-fout")).to_contain_text("'bezwaar'")
            assert_accessible(page)
            page.get_by_role("textbox", name="Tekst van de brief").fill(
                origineel.replace("Met vriendelijke groet", "Met hartelijke groet")
            )
            page.get_by_role("button", name="Eigen versie opslaan").click()
            expect(page.get_by_role("status")).to_contain_text("eigen versie is opgeslagen")
            page.screenshot(path=str(artifacts / "beheer-brief.png"), full_page=True)
            page.get_by_role("button", name="Terug naar de standaardtekst").click()
            expect(page.get_by_role("status")).to_contain_text("weer de standaardtekst")
        finally:
            browser.close()
