"""The leerplichtambtenaar's verlof pages in a real browser: an application of 12 schooldagen in
the list with its decision term, a decision refused with the article before the receipt, the
receipt, a step without its report refused on the field, the director heard. Every state passes
axe-core."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.demo import seed_demo_users
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import login
from tests.e2e.test_login_browser import assert_accessible
from tests.factories import BRP_HEADER, new_bsn, write
from tests.verlof.test_verlofaanvragen import verzoek


@pytest.fixture
async def aanvraag(
    db: Database,
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> str:
    await seed_demo_users(admin_dsn)
    await import_file(
        db,
        "scholen",
        write(
            tmp_path,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "86VA;00;Verlof Basisschool;po;0363;Zuid",
        ),
        tenant_id=None,
    )
    number = new_bsn()
    await import_file(
        db,
        "brp",
        write(
            tmp_path,
            "b.csv",
            BRP_HEADER,
            f"{number};Vince;;Verlofpagina;2016-04-04;M;0363;1011AA;8;Amsterdam;Zuid;;;;",
        ),
        tenant_id=AMSTERDAM,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            tmp_path,
            "i.csv",
            "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving",
            f"{number};86VA;00;po;4;2024-08-01;",
        ),
        tenant_id=AMSTERDAM,
    )
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="86VA")
    body = verzoek(number, "ernstige_ziekte", date.today() + timedelta(days=90), 12)
    created = await client.post(
        "/api/v1/verlofaanvragen", json=body, headers=bearer(tokens, school)
    )
    assert created.status_code == 201, created.text
    assert created.json()["beslisser"] == "leerplichtambtenaar"
    return "Vince Verlofpagina"


def test_leerplichtambtenaar_takes_verlof_steps(
    browser_executable: str, live_url: str, artifacts: Path, aanvraag: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            login(page, live_url, "Fatima El Amrani")
            page.get_by_role("link", name="Verlof", exact=True).click()
            assert_accessible(page)
            page.get_by_role("link", name=aanvraag).first.click()
            expect(page.get_by_role("heading", level=1)).to_contain_text(aanvraag)
            expect(page.locator(".status-box")).to_contain_text("Beslissen uiterlijk")

            page.get_by_label("Stap", exact=True).select_option("besluiten")
            page.get_by_role("combobox", name="Besluit").select_option("geweigerd")
            page.get_by_label("Motivering").fill("geen gewichtige omstandigheid")
            page.get_by_role("button", name="Stap vastleggen").click()
            expect(page.get_by_role("alert")).to_contain_text("5.1")
            assert_accessible(page)

            page.get_by_label("Stap", exact=True).select_option("ontvangst_bevestigen")
            page.get_by_role("button", name="Stap vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("De brief staat in het dossier")

            page.get_by_label("Stap", exact=True).select_option("directeur_horen")
            page.get_by_role("button", name="Stap vastleggen").click()
            expect(page.locator("#verslag-fout")).to_contain_text("leg vast wat er gezegd is")
            expect(page.get_by_label("Verslag")).to_have_attribute("aria-invalid", "true")
            assert_accessible(page)
            page.get_by_label("Verslag").fill("Directeur: de ziekte is bekend bij school.")
            page.get_by_role("button", name="Stap vastleggen").click()
            expect(page.get_by_role("status")).to_contain_text("directeur gehoord")
            expect(page.get_by_role("region", name="De behandeling")).to_contain_text(
                "Directeur gehoord"
            )
            page.screenshot(path=str(artifacts / "verlof-aanvraag.png"), full_page=True)
        finally:
            browser.close()
