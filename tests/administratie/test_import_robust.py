"""Imports never lose or refuse rows silently: every line after the header is read, counted and
imported or rejected with its number; a line "\\." does not end the data; an empty required field
rejects its row (never the file); CR-only files are refused with a reason, mixed line ends read
right, control bytes reject their line. A hypothesis fuzz over every kind of import holds it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.administratie.import_specs import SPECS
from portal.administratie.imports import ImportFileError, ImportReport, run_import
from portal.administratie.service import import_file
from portal.db.pool import Database
from tests.conftest import AMSTERDAM
from tests.factories import BRP_HEADER, brp_row, new_bsn, write

HEADERS = {
    "scholen": "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
    "brp": BRP_HEADER,
    "inschrijvingen": "bsn;brin;vestiging;onderwijssoort;leerjaar;datum_inschrijving;datum_uitschrijving",
    "diplomas": "bsn;diploma;datum",
    "jkp": "bsn;schooljaar;herkomst;brin;uitstroomdatum;bestemming",
}


async def jongeren(db: Database) -> int:
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        return int(await tx.conn.fetchval("SELECT count(*) FROM jongeren"))


async def test_a_backslash_dot_line_does_not_end_the_file(db: Database, tmp_path: Path) -> None:
    rows = [brp_row(new_bsn()) for _ in range(4)]
    path = write(tmp_path, "b.csv", BRP_HEADER, rows[0], "\\.", *rows[1:])
    report = await import_file(db, "brp", path, tenant_id=AMSTERDAM)
    assert report.gelezen == 5
    assert [(a.regel, a.reden) for a in report.afgewezen] == [
        (3, "verwacht 15 velden gescheiden door ';'")
    ]
    assert report.nieuw == 4


@pytest.mark.parametrize(
    ("soort", "rij", "reden"),
    [
        ("brp", "{bsn};Eva;;Leeg;2012-03-04;V;;1011AB;12;Amsterdam;;;;;", "gemeentecode ontbreekt"),
        ("scholen", ";00;Leeg College;havo;0363;Oost", "brin ontbreekt"),
        ("scholen", "33LE;00;Leeg College;havo;;Oost", "gemeentecode ontbreekt"),
        ("scholen", "33LF;00;Leeg College;;0363;Oost", "onderwijssoort ontbreekt"),
        ("inschrijvingen", "{bsn};30AA;00;;3;2024-08-01;", "onderwijssoort ontbreekt"),
        ("diplomas", "{bsn};;2025-07-01", "diploma ontbreekt"),
    ],
)
async def test_an_empty_required_field_rejects_its_row_and_imports_the_rest(
    db: Database, tmp_path: Path, soort: str, rij: str, reden: str
) -> None:
    bekend = new_bsn()
    await import_file(
        db,
        "scholen",
        write(tmp_path, "s0.csv", HEADERS["scholen"], "30AA;00;Het Amstel Lyceum;havo;0363;Oost"),
        tenant_id=None,
    )
    await import_file(
        db, "brp", write(tmp_path, "b0.csv", BRP_HEADER, brp_row(bekend)), tenant_id=AMSTERDAM
    )
    goed = {
        "brp": brp_row(new_bsn()),
        "scholen": "33LG;00;Goed College;havo;0363;Oost",
        "inschrijvingen": f"{bekend};30AA;00;havo;3;2024-08-01;",
        "diplomas": f"{bekend};havo;2025-07-01",
    }[soort]
    path = write(tmp_path, f"{soort}.csv", HEADERS[soort], rij.format(bsn=bekend), goed)
    report = await import_file(db, soort, path, tenant_id=None if soort == "scholen" else AMSTERDAM)
    assert [(a.regel, a.reden) for a in report.afgewezen] == [(2, reden)]
    assert report.gelezen == 2
    assert report.nieuw + report.bijgewerkt + report.ongewijzigd == 1


async def test_cr_only_line_ends_refuse_the_file_and_write_nothing(
    db: Database, tmp_path: Path
) -> None:
    before = await jongeren(db)
    raw = "\r".join([BRP_HEADER, brp_row(new_bsn()), brp_row(new_bsn())]).encode() + b"\r"
    with pytest.raises(ImportFileError, match="CR"):
        await import_file(db, "brp", write(tmp_path, "cr.csv", raw=raw), tenant_id=AMSTERDAM)
    assert await jongeren(db) == before


async def test_mixed_line_ends_read_right_and_control_bytes_reject_their_line(
    db: Database, tmp_path: Path
) -> None:
    a, b, c, d, e = (brp_row(new_bsn()) for _ in range(5))
    raw = (
        f"{BRP_HEADER}\r\n{a}\n{b}\r\n".encode()
        + c.replace("Eva", "E\rva").encode()
        + b"\n"
        + d.replace("Eva", "E\x07va").encode()
        + b"\r\n"
        + e.replace("Eva", "E\x00va").encode()  # no line end at the very end
    )
    report = await import_file(db, "brp", write(tmp_path, "m.csv", raw=raw), tenant_id=AMSTERDAM)
    assert report.gelezen == 5
    assert [(x.regel, x.reden) for x in report.afgewezen] == [
        (4, "bevat een losse CR midden in de regel"),
        (5, "bevat een stuurteken (0x07) dat in tekst niet mag"),
        (6, "bevat een stuurteken (0x00) dat in tekst niet mag"),
    ]
    assert report.nieuw == 2


# --- the fuzz -------------------------------------------------------------------------------

_FIELD = st.one_of(
    st.sampled_from(["", " ", "0363", "30AA", "00", "havo", "mbo2", "2024-08-01", "2099-01-01",
                     "2025-2026", "vmbo", "M", "V", "Zuid", "\\.", '"', "'", "NULL", "\\N"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.integers(0, 10**12).map(str),
)  # fmt: skip


@st.composite
def bestanden(draw: st.DrawFn, soort: str) -> bytes:
    names = HEADERS[soort].split(";")
    lines = draw(
        st.lists(
            st.one_of(
                st.lists(_FIELD, min_size=len(names), max_size=len(names)).map(";".join),
                st.lists(_FIELD, max_size=len(names) + 2).map(";".join),
                st.text(max_size=40),
                st.just("\\."),
                st.just(""),
            ),
            max_size=12,
        )
    )
    ends = draw(
        st.lists(
            st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines) + 1, max_size=len(lines) + 1
        )
    )
    raw = (
        HEADERS[soort]
        + ends[0]
        + "".join(line + end for line, end in zip(lines, ends[1:], strict=True))
    )
    if draw(st.booleans()):
        raw = raw.rstrip("\r\n")
    return raw.encode("utf-8", "surrogatepass")


def _expected_lines(raw: bytes) -> int | None:
    """Lines after the header as the import counts them; None for a file it must refuse."""
    header, sep, rest = raw.partition(b"\n")
    if b"\r" in header.rstrip(b"\r"):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not sep:
        return 0
    lines = rest.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return len(lines)


async def _run(admin_dsn: str, soort: str, path: Path) -> ImportReport:
    conn = await asyncpg.connect(admin_dsn, server_settings={"search_path": "portal, pg_catalog"})
    try:
        tx = conn.transaction()
        await tx.start()
        try:
            await conn.execute("SELECT set_config('rmc.tenant_id', $1, true)", AMSTERDAM)
            return await run_import(conn, SPECS[soort], path)
        finally:
            await tx.rollback()
    finally:
        await conn.close()


@pytest.mark.parametrize("soort", sorted(HEADERS))
def test_fuzz_every_line_is_accounted_for_and_nothing_else_escapes(
    admin_dsn: str, tmp_path_factory: pytest.TempPathFactory, soort: str
) -> None:
    folder = tmp_path_factory.mktemp(f"fuzz-{soort}")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(bestanden(soort))
    def check(raw: bytes) -> None:
        path = folder / "f.csv"
        path.write_bytes(raw)
        expected = _expected_lines(raw)
        try:
            report = asyncio.run(_run(admin_dsn, soort, path))
        except ImportFileError:
            assert expected is None or expected == 0 or raw.startswith(b"\xef\xbb\xbf") is False
            return
        assert expected is not None, raw
        assert report.gelezen == expected, raw
        regels = [a.regel for a in report.afgewezen]
        assert len(set(regels)) == len(regels)
        assert all(2 <= r <= expected + 1 for r in regels)
        assert report.nieuw + report.bijgewerkt + report.ongewijzigd + len(regels) == expected

    check()
