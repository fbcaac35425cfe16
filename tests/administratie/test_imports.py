"""Imports: rejections with line and reason while valid rows land, idempotent re-runs, tenant
isolation, the handover on a move out of the region, and files refused as a whole."""

from __future__ import annotations

import json
from pathlib import Path

import asyncpg
import pytest

from portal.administratie.imports import ImportFileError
from portal.administratie.service import import_file
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, DIEMEN, ZAANSTAD
from tests.factories import BRP_HEADER, brp_row, new_bsn, write


@pytest.fixture(scope="module")
async def schools(db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = write(
        tmp_path_factory.mktemp("scholen"),
        "scholen.csv",
        "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
        "30AA;00;Het Amstel Lyceum;havo;0363;Oost",
        "30AA;01;Het Amstel Lyceum, dependance;vwo;0363;Oost",
        "31BB;00;ROC Zaan;mbo;0479;Leerplicht en RMC",
    )
    await import_file(db, "scholen", path, tenant_id=None)


async def count(admin_dsn: str, sql: str, *args: object) -> int:
    conn = await asyncpg.connect(admin_dsn)
    try:
        return int(await conn.fetchval(sql, *args))
    finally:
        await conn.close()


async def test_brp_rejects_bad_rows_with_line_and_reason_and_imports_the_rest(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    good, other, parent = new_bsn(), new_bsn(), new_bsn()
    path = write(
        tmp_path,
        "brp.csv",
        BRP_HEADER,
        brp_row(good, team="Zuid"),
        brp_row("123456789"),  # elfproef
        brp_row(new_bsn(), geboren="2026-02-30"),  # no such date
        brp_row(new_bsn(), geboren="2099-01-01"),  # in the future
        brp_row(new_bsn(), gemeente="363"),  # not a gemeentecode
        brp_row(new_bsn(), team="Mars"),  # no such team in Amsterdam
        f"{new_bsn()};Te;;Weinig",  # too few fields
        brp_row(good, naam="Dubbel"),  # same BSN again in this file
        "",  # a blank line is accounted for too: rejected with its number
        f"{other};Noah;van;Dijk;2010-10-10;M;0363;1011AB;3;Amsterdam;;{parent};P. van Dijk;123456789;Fout",
        brp_row(new_bsn()).replace(";V;", ";X;"),
    )
    report = await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    reasons = {a.regel: a.reden for a in report.afgewezen}
    assert reasons == {
        3: "BSN voldoet niet aan de elfproef",
        4: "geboortedatum is geen bestaande datum (JJJJ-MM-DD)",
        5: "geboortedatum ligt in de toekomst",
        6: "onbekende gemeente: gemeentecode moet 4 cijfers zijn",
        7: "onbekend team voor deze gemeente",
        8: "verwacht 15 velden gescheiden door ';'",
        9: "komt eerder in dit bestand voor met dezelfde sleutel",
        10: "lege regel",
        11: "BSN van ouder 2 voldoet niet aan de elfproef",
        12: "geslacht moet M, V of O zijn",
    }
    assert (report.gelezen, report.nieuw, report.bijgewerkt) == (11, 1, 0)
    assert await count(admin_dsn, "SELECT count(*) FROM portal.jongeren WHERE bsn = $1", good) == 1
    assert (
        await count(
            admin_dsn,
            "SELECT count(*) FROM portal.jongeren j JOIN portal.teams t ON t.id = j.team_id"
            " WHERE j.bsn = $1 AND t.naam = 'Zuid'",
            good,
        )
        == 1
    )


async def test_reimport_changes_nothing_and_a_change_is_an_update(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    numbers = [new_bsn() for _ in range(5)]
    path = write(tmp_path, "brp.csv", BRP_HEADER, *(brp_row(n) for n in numbers))
    first = await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    assert (first.nieuw, first.bijgewerkt, first.ongewijzigd) == (5, 0, 0)
    stamp = await count(
        admin_dsn,
        "SELECT sum(extract(epoch FROM bijgewerkt_op))::bigint FROM portal.jongeren WHERE bsn = ANY($1)",
        numbers,
    )
    second = await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    assert (second.nieuw, second.bijgewerkt, second.ongewijzigd) == (0, 0, 5)
    assert stamp == await count(
        admin_dsn,
        "SELECT sum(extract(epoch FROM bijgewerkt_op))::bigint FROM portal.jongeren WHERE bsn = ANY($1)",
        numbers,
    )
    changed = write(
        tmp_path,
        "brp2.csv",
        BRP_HEADER,
        *(brp_row(n, naam="Bakker" if i == 0 else "Jansen") for i, n in enumerate(numbers)),
    )
    third = await import_file(db, "brp", changed, tenant_id=AMSTERDAM)
    assert (third.nieuw, third.bijgewerkt, third.ongewijzigd) == (0, 1, 4)


async def test_columns_in_any_order_extra_columns_bom_and_crlf(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    number = new_bsn()
    text = (
        "extra;geslachtsnaam;bsn;gemeentecode;voornamen;geboortedatum\r\n"
        f"negeer mij;Visser;{number};0363;Lot;2013-01-31\r\n"
    )
    path = write(tmp_path, "brp.csv", raw=b"\xef\xbb\xbf" + text.encode())
    report = await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    assert report.afgewezen == []
    assert report.nieuw == 1
    assert (
        await count(
            admin_dsn,
            "SELECT count(*) FROM portal.jongeren WHERE bsn = $1 AND geslachtsnaam = 'Visser'",
            number,
        )
        == 1
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"bsn;voornamen\n123456782;Jan\n", r"kolom\(men\) ontbreken"),
        (b"", "leeg"),
        (BRP_HEADER.encode() + b"\n" + b"123456782;J\xe9;;X;2012-01-01;M;0363;;;;;;;;\n", "UTF-8"),
    ],
)
async def test_a_file_refused_as_a_whole_writes_nothing(
    db: Database, admin_dsn: str, tmp_path: Path, content: bytes, message: str
) -> None:
    before = await count(admin_dsn, "SELECT count(*) FROM portal.jongeren")
    audits = await count(
        admin_dsn, "SELECT count(*) FROM portal.audit_events WHERE object_type = 'import'"
    )
    path = write(tmp_path, "fout.csv", raw=content)
    with pytest.raises(ImportFileError, match=message):
        await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    assert await count(admin_dsn, "SELECT count(*) FROM portal.jongeren") == before
    assert (
        await count(
            admin_dsn, "SELECT count(*) FROM portal.audit_events WHERE object_type = 'import'"
        )
        == audits
    )


@pytest.mark.usefixtures("schools")
async def test_inschrijvingen_need_a_known_jongere_and_school_of_the_same_tenant(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    amsterdammer, zaankanter = new_bsn(), new_bsn()
    await import_file(
        db, "brp", write(tmp_path, "a.csv", BRP_HEADER, brp_row(amsterdammer)), tenant_id=AMSTERDAM
    )
    await import_file(
        db,
        "brp",
        write(tmp_path, "z.csv", BRP_HEADER, brp_row(zaankanter, gemeente=ZAANSTAD)),
        tenant_id=ZAANSTAD,
    )
    path = write(
        tmp_path,
        "inschrijvingen.csv",
        "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving",
        f"{amsterdammer};30AA;00;havo;1;2024-08-01;2025-07-31",
        f"{amsterdammer};30AA;01;vwo;2;2025-08-01;",
        f"{zaankanter};31BB;00;mbo;1;2025-08-01;",  # a Zaanstad resident: unknown in Amsterdam
        f"{amsterdammer};99ZZ;00;havo;1;2025-08-01;",
        f"{amsterdammer};30AA;00;havo;13;2023-08-01;",
        f"{amsterdammer};30AA;00;havo;1;2022-08-01;2021-07-31",
        f"{amsterdammer};30AA;00;kleuter;1;2021-08-01;",
    )
    report = await import_file(db, "inschrijvingen", path, tenant_id=AMSTERDAM)
    assert {a.regel: a.reden for a in report.afgewezen} == {
        4: "jongere niet bekend in de BRP-administratie van deze gemeente",
        5: "onbekende school (BRIN en vestiging niet in de scholenlijst)",
        6: "leerjaar moet 0 tot en met 12 zijn",
        7: "datum_uitschrijving ligt voor datum_inschrijving",
        8: "onbekende onderwijssoort",
    }
    assert report.nieuw == 2
    again = await import_file(db, "inschrijvingen", path, tenant_id=AMSTERDAM)
    assert (again.nieuw, again.bijgewerkt, again.ongewijzigd) == (0, 0, 2)
    # The Zaanstad jongere is untouched and Zaanstad sees none of Amsterdam's rows.
    assert (
        await count(
            admin_dsn,
            "SELECT count(*) FROM portal.inschrijvingen i JOIN portal.jongeren j"
            " ON j.tenant_id = i.tenant_id AND j.id = i.jongere_id WHERE j.bsn = $1",
            zaankanter,
        )
        == 0
    )
    async with db.tenant_tx(None, tenant_id=ZAANSTAD) as tx:
        assert (
            await tx.conn.fetchval(
                "SELECT count(*) FROM inschrijvingen i JOIN jongeren j ON j.id = i.jongere_id"
                " WHERE j.bsn = $1",
                amsterdammer,
            )
            == 0
        )
        assert (
            await tx.conn.fetchval("SELECT count(*) FROM jongeren WHERE bsn = $1", amsterdammer)
            == 0
        )


async def test_diplomas(db: Database, tmp_path: Path) -> None:
    number = new_bsn()
    await import_file(
        db,
        "brp",
        write(tmp_path, "b.csv", BRP_HEADER, brp_row(number, gemeente=DIEMEN)),
        tenant_id=DIEMEN,
    )
    path = write(
        tmp_path,
        "diplomas.csv",
        "bsn;diploma;datum",
        f"{number};havo;2025-07-01",
        f"{number};mbo5;2025-07-01",
        f"{number};vwo;2099-07-01",
        f"{new_bsn()};vwo;2025-07-01",
    )
    report = await import_file(db, "diplomas", path, tenant_id=DIEMEN)
    assert [a.regel for a in report.afgewezen] == [3, 4, 5]
    assert report.nieuw == 1
    assert (await import_file(db, "diplomas", path, tenant_id=DIEMEN)).nieuw == 0


async def test_moving_out_of_the_region_records_one_handover(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    number = new_bsn()
    await import_file(
        db, "brp", write(tmp_path, "1.csv", BRP_HEADER, brp_row(number)), tenant_id=AMSTERDAM
    )
    moved = write(tmp_path, "2.csv", BRP_HEADER, brp_row(number, gemeente="0392"))  # Haarlem
    first = await import_file(db, "brp", moved, tenant_id=AMSTERDAM)
    assert first.extra["overdrachten_woongemeente"] == 1
    second = await import_file(db, "brp", moved, tenant_id=AMSTERDAM)
    assert second.extra["overdrachten_woongemeente"] == 0
    # Within the region too (handed to that gemeente's tenant); one that still lives here not.
    within = write(tmp_path, "3.csv", BRP_HEADER, brp_row(new_bsn(), gemeente=ZAANSTAD))
    assert (await import_file(db, "brp", within, tenant_id=AMSTERDAM)).extra[
        "overdrachten_woongemeente"
    ] == 1
    here = write(tmp_path, "4.csv", BRP_HEADER, brp_row(new_bsn()))
    assert (await import_file(db, "brp", here, tenant_id=AMSTERDAM)).extra[
        "overdrachten_woongemeente"
    ] == 0
    assert (
        await count(
            admin_dsn,
            "SELECT count(*) FROM portal.woongemeente_overdrachten o JOIN portal.jongeren j"
            " ON j.id = o.jongere_id WHERE j.bsn = $1 AND o.naar_gemeentecode = '0392'",
            number,
        )
        == 1
    )


async def test_import_is_audited_without_personal_data(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    number = new_bsn()
    await import_file(
        db,
        "brp",
        write(tmp_path, "brp.csv", BRP_HEADER, brp_row(number)),
        tenant_id=AMSTERDAM,
        request_id="imp-1",
    )
    conn = await asyncpg.connect(admin_dsn)
    try:
        event = await conn.fetchrow(
            "SELECT * FROM portal.audit_events WHERE request_id = 'imp-1' AND object_type = 'import'"
        )
    finally:
        await conn.close()
    assert event is not None
    assert json.loads(event["detail"])["nieuw"] == 1
    assert number not in str(dict(event))


async def test_wrong_tenant_arguments_are_refused(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", BRP_HEADER)
    with pytest.raises(ImportFileError, match="--tenant"):
        await import_file(db, "brp", path, tenant_id=None)
    with pytest.raises(ImportFileError, match="hoort niet bij de regio"):
        await import_file(db, "brp", path, tenant_id="0599")
    with pytest.raises(ImportFileError, match="geen --tenant"):
        await import_file(db, "scholen", path, tenant_id=AMSTERDAM)


async def test_the_street_columns_are_optional_and_a_move_without_them_forgets_the_street(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    """The brp file may carry straatnaam, huisletter and huisnummertoevoeging (API.md); an older
    file without them keeps the known street while the address stays, and forgets it on a move,
    so no letter goes to the old street at a new number."""
    number, ander = new_bsn(), new_bsn()
    straat = BRP_HEADER + ";straatnaam;huisletter;huisnummertoevoeging"
    met = write(
        tmp_path,
        "met.csv",
        straat,
        brp_row(number) + ";Kalverstraat;b;2",
        brp_row(ander) + ";Een straat met een naam van ruim tachtig tekens " + "x" * 40 + ";;",
        brp_row(new_bsn()) + ";Spui;bb;",
        brp_row(new_bsn()) + ";Spui;;12345",
    )
    eerste = await import_file(db, "brp", met, tenant_id=AMSTERDAM)
    assert [(a.regel, a.reden) for a in eerste.afgewezen] == [
        (3, "straatnaam is langer dan 80 tekens"),
        (4, "huisletter moet één letter zijn"),
        (5, "huisnummertoevoeging is ten hoogste 4 letters of cijfers"),
    ]

    async def adres() -> tuple[object, ...]:
        conn = await asyncpg.connect(admin_dsn)
        try:
            r = await conn.fetchrow(
                "SELECT straatnaam, huisnummer, huisletter, huisnummertoevoeging"
                " FROM portal.jongeren WHERE bsn = $1",
                number,
            )
        finally:
            await conn.close()
        return tuple(r.values())

    assert await adres() == ("Kalverstraat", "12", "B", "2")
    zonder = write(tmp_path, "zonder.csv", BRP_HEADER, brp_row(number))
    herhaald = await import_file(db, "brp", zonder, tenant_id=AMSTERDAM)
    assert (herhaald.bijgewerkt, herhaald.ongewijzigd) == (0, 1)
    assert await adres() == ("Kalverstraat", "12", "B", "2")
    verhuisd = write(tmp_path, "verhuisd.csv", BRP_HEADER, brp_row(number).replace(";12;", ";14;"))
    assert (await import_file(db, "brp", verhuisd, tenant_id=AMSTERDAM)).bijgewerkt == 1
    assert await adres() == (None, "14", None, None)
