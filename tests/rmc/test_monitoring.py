"""JKP startset import (rows rejected with their reason, idempotent), the JKP monitoring list with
where each jongere is now, and the overstap list of art. 2.2; scoped to the gemeente and role."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import msgspec
import pytest

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import DIEMEN, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write

JAAR = "2025-2026"
JKP_HEADER = "bsn;schooljaar;herkomst;brin;uitstroomdatum;bestemming"


class Startset(msgspec.Struct):
    uit_beeld: str
    op_school: str
    met_diploma: str
    vmbo_zonder_school: str
    vmbo_naar_mbo: str


@pytest.fixture(scope="module")
async def startset(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Startset:
    folder = tmp_path_factory.mktemp("jkp")
    await import_file(
        db,
        "scholen",
        write(
            folder,
            "s.csv",
            "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
            "83XA;00;Diemer Praktijkschool;pro;0384;Leerplicht en RMC",
            "83XB;00;Diemer Vmbo;vmbo;0384;Leerplicht en RMC",
            "83XC;00;Diemer Mbo;mbo;0384;Leerplicht en RMC",
        ),
        tenant_id=None,
    )
    s = Startset(*(new_bsn() for _ in range(5)))
    born = (date.today() - timedelta(days=17 * 366)).isoformat()
    people = [s.uit_beeld, s.op_school, s.met_diploma, s.vmbo_zonder_school, s.vmbo_naar_mbo]
    await import_file(
        db,
        "brp",
        write(
            folder,
            "b.csv",
            BRP_HEADER,
            *(
                f"{b};Kai;;Kwetsbaar{n};{born};M;0384;1111AA;{n};Diemen;Leerplicht en RMC;;;;"
                for n, b in enumerate(people)
            ),
        ),
        tenant_id=DIEMEN,
    )
    await import_file(
        db,
        "inschrijvingen",
        write(
            folder,
            "i.csv",
            INS,
            f"{s.uit_beeld};83XA;00;pro;4;2021-08-01;2026-07-10",
            f"{s.op_school};83XA;00;pro;4;2021-08-01;2026-07-10",
            f"{s.op_school};83XC;00;mbo;1;2026-08-20;",
            f"{s.met_diploma};83XB;00;vmbo;4;2022-08-01;2026-07-10",
            f"{s.vmbo_zonder_school};83XB;00;vmbo;4;2022-08-01;2026-07-15",
            f"{s.vmbo_naar_mbo};83XB;00;vmbo;4;2022-08-01;2026-07-15",
            f"{s.vmbo_naar_mbo};83XC;00;mbo;1;2026-08-25;",
        ),
        tenant_id=DIEMEN,
    )
    await import_file(
        db,
        "diplomas",
        write(folder, "d.csv", "bsn;diploma;datum", f"{s.met_diploma};mbo2;2026-07-10"),
        tenant_id=DIEMEN,
    )
    report = await import_file(
        db,
        "jkp",
        write(
            folder,
            "k.csv",
            JKP_HEADER,
            f"{s.uit_beeld};{JAAR};pro;83XA;2026-07-10;onbekend",
            f"{s.op_school};{JAAR};pro;83XA;2026-07-10;entree",
            f"{s.met_diploma};{JAAR};vmbo_b;83XB;2026-07-10;mbo2",
            f"{new_bsn()};{JAAR};pro;;2026-07-10;",
            f"{s.uit_beeld};2025-2027;pro;;2026-07-10;",
            f"{s.op_school};{JAAR};havo;;2026-07-10;",
            f"{s.met_diploma};2024-2025;vso;;2099-01-01;",
        ),
        tenant_id=DIEMEN,
    )
    assert report.nieuw == 3
    reasons = sorted(r.reden for r in report.afgewezen)
    assert len(reasons) == 4
    assert any("niet bekend" in r for r in reasons)
    assert any("opeenvolgende" in r for r in reasons)
    assert any("herkomst" in r for r in reasons)
    assert any("toekomst" in r for r in reasons)
    return s


async def test_the_jkp_import_is_idempotent(
    db: Database, startset: Startset, tmp_path: Path
) -> None:
    folder = tmp_path
    again = await import_file(
        db,
        "jkp",
        write(
            folder, "k.csv", JKP_HEADER, f"{startset.uit_beeld};{JAAR};pro;83XA;2026-07-10;onbekend"
        ),
        tenant_id=DIEMEN,
    )
    assert (again.nieuw, again.bijgewerkt, again.ongewijzigd) == (0, 0, 1)


async def test_the_jkp_list_says_where_each_jongere_is_now(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, startset: Startset
) -> None:
    lpa = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    rows = (
        await client.get(f"/api/v1/rmc/jkp?schooljaar={JAAR}", headers=bearer(tokens, lpa))
    ).json()["items"]
    names = {r["naam"]: r for r in rows}
    assert names["Kai Kwetsbaar0"]["stand"] == "niet_in_beeld"
    assert (names["Kai Kwetsbaar1"]["stand"], names["Kai Kwetsbaar1"]["school"]) == (
        "ingeschreven",
        "Diemer Mbo",
    )
    assert names["Kai Kwetsbaar2"]["stand"] == "startkwalificatie"
    assert rows[0]["stand"] == "niet_in_beeld"
    bad = await client.get("/api/v1/rmc/jkp?schooljaar=2025-2027", headers=bearer(tokens, lpa))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "schooljaar"
    zaanstad = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.get(f"/api/v1/rmc/jkp?schooljaar={JAAR}", headers=bearer(tokens, zaanstad))
    ).json()["items"] == []
    for role in (Role.SCHOOL, Role.REGIOGEMEENTE, Role.JONGERENPUNT, Role.LEERPLICHTASSISTENT):
        other = await make_user(DIEMEN, role, brin="83XA" if role is Role.SCHOOL else None)
        response = await client.get(
            f"/api/v1/rmc/jkp?schooljaar={JAAR}", headers=bearer(tokens, other)
        )
        assert response.status_code == 403, role


async def test_the_overstap_list_holds_leavers_without_a_new_school(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, startset: Startset
) -> None:
    lpa = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC")
    rows = (
        await client.get(f"/api/v1/rmc/overstap?schooljaar={JAAR}", headers=bearer(tokens, lpa))
    ).json()["items"]
    names = {r["naam"] for r in rows}
    assert "Kai Kwetsbaar0" in names  # pro, no school since
    assert "Kai Kwetsbaar3" in names  # vmbo, no school since
    assert "Kai Kwetsbaar1" not in names  # went on to mbo
    assert "Kai Kwetsbaar4" not in names
    assert "Kai Kwetsbaar2" not in names  # startkwalificatie
    earlier = (
        await client.get("/api/v1/rmc/overstap?schooljaar=2024-2025", headers=bearer(tokens, lpa))
    ).json()["items"]
    assert "Kai Kwetsbaar0" not in {r["naam"] for r in earlier}
