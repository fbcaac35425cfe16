"""The RMC pages in a real browser: the coördinator builds a month's VSV list and sees the regional
overview; Zaanstad's regiogemeente opens the month and downloads its CSV with Zaanstad's rows only;
the Jongerenpunt accepts an overdracht and reports "in bemiddeling". Every page passes axe-core."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.db.pool import Database
from portal.db.request_context import RequestContext
from portal.demo import seed_demo_users
from portal.domain import bsn
from portal.rmc.overdrachten import Aanbod, aanbieden
from tests.conftest import UserFactory
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.test_casework_browser import BRP_HEADER, login
from tests.e2e.test_login_browser import assert_accessible

INS = "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving"
MAAND = "2026-10"


@pytest.fixture
async def regio(db: Database, admin_dsn: str, tmp_path: Path, make_user: UserFactory) -> str:
    await seed_demo_users(admin_dsn)
    rng = random.Random(777001)
    zaans, amsterdams = bsn.generate(rng), bsn.generate(rng)
    (tmp_path / "s.csv").write_text(
        "brin;vestiging;naam;onderwijssoort;gemeentecode;team\n"
        "85ZA;00;Zaans Vakcollege;mbo;0479;Leerplicht en RMC\n"
        "85ZB;00;Amsterdams Vakcollege;mbo;0363;Zuid\n",
        encoding="utf-8",
    )
    await import_file(db, "scholen", tmp_path / "s.csv", tenant_id=None)
    born = (date.today() - timedelta(days=19 * 366)).isoformat()
    for tenant, number, naam, brin, team, plaats in (
        ("0479", zaans, "Zara;;Zaanse", "85ZA", "Leerplicht en RMC", "Zaandam"),
        ("0363", amsterdams, "Adam;;Amstel", "85ZB", "Zuid", "Amsterdam"),
    ):
        (tmp_path / f"b{tenant}.csv").write_text(
            f"{BRP_HEADER}\n{number};{naam};{born};V;{tenant};1500AB;3;{plaats};{team};;;;\n",
            encoding="utf-8",
        )
        await import_file(db, "brp", tmp_path / f"b{tenant}.csv", tenant_id=tenant)
        (tmp_path / f"i{tenant}.csv").write_text(
            f"{INS}\n{number};{brin};00;mbo;1;2024-08-01;2026-09-15\n", encoding="utf-8"
        )
        await import_file(db, "inschrijvingen", tmp_path / f"i{tenant}.csv", tenant_id=tenant)
    lpa = await make_user("0363", Role.LEERPLICHTAMBTENAAR, team="Zuid")
    await aanbieden(
        RequestContext(db, lpa, "e2e"), Aanbod(bsn=amsterdams, reden="geen school, geen werk")
    )
    return "Adam Amstel"


def test_vsv_list_download_and_jongerenpunt_inbox(
    browser_executable: str, live_url: str, artifacts: Path, regio: str
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="nl-NL", accept_downloads=True)
            login(page, live_url, "Ahmed Yilmaz")
            page.get_by_role("link", name="VSV-lijsten", exact=True).click()
            page.get_by_role("textbox", name="Maand").fill("2026-13")
            page.get_by_role("button", name="Lijst opbouwen en versturen").click()
            expect(page.get_by_role("alert")).to_contain_text("niet opgebouwd")
            expect(page.get_by_role("textbox", name="Maand")).to_have_attribute(
                "aria-invalid", "true"
            )
            assert_accessible(page)
            page.get_by_role("textbox", name="Maand").fill(MAAND)
            page.get_by_role("button", name="Lijst opbouwen en versturen").click()
            expect(page.get_by_role("status")).to_contain_text(f"De lijst van {MAAND} is opgebouwd")
            expect(page.get_by_role("heading", name="Regionaal overzicht")).to_be_visible()
            overview = page.get_by_role("table").filter(has_text="Terug naar school")
            expect(overview.get_by_role("row").filter(has_text="Zaanstad").first).to_be_visible()
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "vsv-coordinator.png"), full_page=True)
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "RMC-contact Zaanstad")
            page.get_by_role("link", name="VSV-lijsten", exact=True).click()
            expect(page.get_by_text("alleen de inwoners van uw gemeente")).to_be_visible()
            page.get_by_role("link", name=MAAND, exact=True).click()
            expect(page.get_by_role("heading", name=f"VSV-lijst {MAAND}")).to_be_visible()
            expect(page.get_by_role("cell", name="Zara Zaanse")).to_be_visible()
            expect(page.get_by_role("cell", name=regio)).to_have_count(0)
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "vsv-regiogemeente.png"), full_page=True)
            with page.expect_download() as download_info:
                page.get_by_role("link", name="Download als CSV").click()
            content = Path(download_info.value.path()).read_text(encoding="utf-8")
            rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
            assert rows
            assert {row["woongemeente"] for row in rows} == {"0479"}
            page.get_by_role("button", name="Uitloggen").click()

            login(page, live_url, "Jongerenpunt Amsterdam")
            page.get_by_role("link", name="Overdrachten", exact=True).click()
            item = page.get_by_role("listitem").filter(has_text=regio)
            expect(item).to_contain_text("geen school, geen werk")
            assert_accessible(page)
            item.get_by_label("Accepteren").check()
            item.get_by_role("button", name="Besluit vastleggen").click()
            expect(page.get_by_role("status")).to_have_text("Het besluit is vastgelegd.")
            item = page.get_by_role("listitem").filter(has_text=regio)
            item.get_by_label("Bemiddeling").select_option("in_bemiddeling")
            item.get_by_role("button", name="Bemiddeling vastleggen").click()
            expect(page.get_by_role("status")).to_have_text("De bemiddeling is vastgelegd.")
            expect(page.get_by_role("listitem").filter(has_text=regio)).to_contain_text(
                "in bemiddeling"
            )
            assert_accessible(page)
            page.screenshot(path=str(artifacts / "overdrachten.png"), full_page=True)
        finally:
            browser.close()
