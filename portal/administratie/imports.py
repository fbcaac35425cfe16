"""Streaming, set-based imports of `;`-separated files (API.md "Import files").

How a file goes in, in one transaction:
1. The header line is read here: its names say which field holds which column (any order, extra
   columns ignored).
2. The rest streams into a temporary table with COPY, one raw line per row, so a row with the wrong
   number of fields is a rejection of that row, not a failure of the whole COPY.
3. One statement splits the lines and gives each row its first failing rule (BSN elfproef,
   impossible date, unknown school, ...), set-based, including duplicates within the file.
4. One merge per target table: new rows inserted, changed rows updated, equal rows left alone,
   so a second import of the same file changes nothing.
Rejected rows are reported with their line number and reason; the valid rows are imported.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from portal.db.types import Conn

CHUNK = 1 << 20
_UNIT, _QUOTE = "\x01", "\x02"  # never in a text file: the whole line lands in one column
# Control bytes a line of text may not hold (tab and the line end itself are fine). A line is
# wrapped in _QUOTE for COPY, so nothing in it (not even a line "\." that ends CSV data) is read
# as anything but data; a control byte, which could break that, rejects its line here.
_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
_LEEG = b"\x02\x02\n"
_BLANCO = re.compile(rb"(?:^|\n)[ \t]*(?:\n|$)")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (missing columns, not UTF-8); nothing was written."""


class Afwijzing(msgspec.Struct, frozen=True):
    regel: int
    reden: str


class ImportReport(msgspec.Struct):
    soort: str
    gelezen: int = 0
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    afgewezen: list[Afwijzing] = msgspec.field(default_factory=list)
    extra: dict[str, int] = msgspec.field(default_factory=dict)


Merge = Callable[[Conn, ImportReport], Awaitable[None]]


@dataclass(frozen=True)
class ImportSpec:
    """One kind of import file: its columns, the rules a row must meet, and its merge."""

    soort: str
    kolommen: tuple[str, ...]
    verplicht: frozenset[str]
    regels: tuple[tuple[str, str], ...]
    """(SQL condition that must hold, reason when it does not), in order; first failure counts."""
    sleutel: tuple[str, ...]
    """Columns (or expressions over `s.`) that identify a row: a second such row is a duplicate."""
    merge: Merge
    joins: str = ""
    """Extra FROM clauses for the rules (e.g. LEFT JOIN jongeren to find the jongere)."""
    select_extra: tuple[str, ...] = field(default=())
    """Extra columns for import_rows, computed from the joins (e.g. jongere_id)."""


def read_header(path: Path) -> tuple[list[str], int]:
    """Column names of the first line, and its length in bytes (BOM included)."""
    with path.open("rb") as handle:
        first = handle.readline()
    if not first.strip():
        raise ImportFileError("het bestand is leeg of heeft geen kopregel")
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("de kopregel is geen geldige UTF-8") from None
    if "\r" in text.rstrip("\r\n"):
        raise ImportFileError(
            "de regels eindigen op een losse CR (oude Mac-opmaak): sla het bestand op met"
            " LF of CRLF als regeleinde"
        )
    names = [name.strip().lower() for name in text.rstrip("\r\n").split(";")]
    return names, len(first)


def _regel(line: bytes, nummer: int, vooraf: list[tuple[int, str]]) -> bytes:
    """One line for COPY, quoted whole; a line that is empty or holds a control byte becomes an
    empty row, and its reason is kept in `vooraf` (the line number stays its own)."""
    if line.endswith(b"\r"):
        line = line[:-1]  # CRLF and LF both end a line, also mixed in one file
    if not line.strip():
        vooraf.append((nummer, "lege regel"))
        return _LEEG
    if found := _CONTROL.search(line):
        byte = line[found.start()]
        vooraf.append(
            (
                nummer,
                "bevat een losse CR midden in de regel"
                if byte == 0x0D
                else f"bevat een stuurteken (0x{byte:02x}) dat in tekst niet mag",
            )
        )
        return _LEEG
    return b"\x02" + line + b"\x02\n"


async def _stream(
    path: Path,
    skip: int,
    progress: Callable[[int], None] | None,
    vooraf: list[tuple[int, str]],
) -> AsyncIterator[bytes]:
    """The file after its header, line by line (numbered from 2), as COPY rows."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rest = b""
    nummer = 2
    with path.open("rb") as handle:
        handle.seek(skip)
        while chunk := handle.read(CHUNK):
            try:
                decoder.decode(chunk)  # fail early and clearly on bytes that are not UTF-8
            except UnicodeDecodeError as exc:
                offset = handle.tell() - len(chunk) + exc.start
                raise ImportFileError(
                    f"het bestand is geen geldige UTF-8 (rond byte {offset})"
                ) from None
            if progress:
                progress(len(chunk))
            block = rest + chunk
            cut = block.rfind(b"\n")
            if cut < 0:
                rest = block
                continue
            body, rest = block[:cut], block[cut + 1 :]
            schoon = body.replace(b"\r\n", b"\n")
            if schoon.endswith(b"\r"):
                schoon = schoon[:-1]
            if _CONTROL.search(schoon) is None and _BLANCO.search(schoon) is None:
                # The common case, a chunk of plain lines: quoted whole at C speed.
                yield b"\x02" + schoon.replace(b"\n", b"\x02\n\x02") + b"\x02\n"
                nummer += body.count(b"\n") + 1
                continue
            out = bytearray()
            for line in body.split(b"\n"):
                out += _regel(line, nummer, vooraf)
                nummer += 1
            yield bytes(out)
    if rest:
        yield _regel(rest, nummer, vooraf)


async def run_import(
    conn: Conn,
    spec: ImportSpec,
    path: Path,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import `path` on `conn`, inside the caller's transaction (and tenant, for tenant data)."""
    names, header_bytes = read_header(path)
    missing = [c for c in spec.kolommen if c in spec.verplicht and c not in names]
    if missing:
        raise ImportFileError(f"kolom(men) ontbreken in de kopregel: {', '.join(missing)}")
    position = {name: names.index(name) + 1 for name in spec.kolommen if name in names}
    # Which of the spec's columns the file has: a merge may keep what an older file layout
    # without an optional column cannot say (the BRP's street).
    await conn.execute("CREATE TEMP TABLE import_kolommen (naam text) ON COMMIT DROP")
    await conn.executemany(
        "INSERT INTO import_kolommen VALUES ($1)", [(c,) for c in spec.kolommen if c in position]
    )
    await conn.execute(
        "CREATE TEMP TABLE import_raw"
        " (regel bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 2), line text)"
        " ON COMMIT DROP"
    )
    vooraf: list[tuple[int, str]] = []
    await conn.copy_to_table(
        "import_raw",
        source=_stream(path, header_bytes, progress, vooraf),
        columns=["line"],
        format="csv",
        delimiter=_UNIT,
        quote=_QUOTE,
        encoding="UTF8",
    )
    await conn.execute(
        "CREATE TEMP TABLE import_vooraf (regel bigint PRIMARY KEY, reden text) ON COMMIT DROP"
    )
    if vooraf:
        await conn.copy_records_to_table("import_vooraf", records=vooraf)
    fields = ", ".join(
        f"nullif(btrim(f[{position[c]}]), '') AS {c}" if c in position else f"NULL::text AS {c}"
        for c in spec.kolommen
    )
    expected = len(names)
    checks = [
        (f"velden = {expected}", f"verwacht {expected} velden gescheiden door ';'"),
        *((f"{c} IS NOT NULL", f"{c} ontbreekt") for c in spec.kolommen if c in spec.verplicht),
        *spec.regels,
    ]
    # A rule that comes out NULL (an empty field in a comparison) rejects its row too: it must
    # never let a row through to fail on a constraint of the target table.
    reason = (
        "CASE WHEN vooraf IS NOT NULL THEN vooraf "
        + " ".join(f"WHEN ({cond}) IS NOT TRUE THEN {_literal(why)}" for cond, why in checks)
        + " END"
    )
    extra = "".join(f", {e}" for e in spec.select_extra)
    key = ", ".join(f"x.{k}" if k.isidentifier() else k.replace("s.", "x.") for k in spec.sleutel)
    dubbel = _literal("komt eerder in dit bestand voor met dezelfde sleutel")
    # Sorting for duplicates and hashing for the joins stay in memory for a million rows.
    await conn.execute("SET LOCAL work_mem = '128MB'")
    # OFFSET 0 keeps each subquery from being flattened: the line is split once, not per field.
    await conn.execute(
        # A duplicate is counted among the rows that pass every other rule, so that a rejected
        # row never makes the valid one with its key a "duplicate".
        f"""CREATE TEMP TABLE import_rows ON COMMIT DROP AS
            SELECT y.*, coalesce(y.voor, CASE WHEN y.dubbel > 1 THEN {dubbel} END) AS reden
            FROM (SELECT x.*, row_number() OVER (PARTITION BY {key}
                                                 ORDER BY x.voor IS NOT NULL, x.regel) AS dubbel
                  FROM (SELECT z.*, {reason} AS voor
                        FROM (SELECT s.*{extra}
                              FROM (SELECT regel, vooraf, cardinality(f) AS velden, {fields}
                                    FROM (SELECT r.regel, v.reden AS vooraf,
                                                 string_to_array(coalesce(r.line, ''), ';') AS f
                                          FROM import_raw r
                                          LEFT JOIN import_vooraf v USING (regel)
                                          OFFSET 0) AS raw
                                    OFFSET 0) AS s
                              {spec.joins}) AS z
                        OFFSET 0) AS x) AS y"""
    )
    # A temporary table has no statistics until analysed: without them the planner takes the
    # staging table for tiny and joins it in nested loops (minutes for a region's file).
    await conn.execute("ANALYZE import_rows")
    report = ImportReport(soort=spec.soort)
    report.gelezen = await conn.fetchval("SELECT count(*) FROM import_rows")
    report.afgewezen = [
        Afwijzing(r["regel"], r["reden"])
        for r in await conn.fetch(
            "SELECT regel, reden FROM import_rows WHERE reden IS NOT NULL ORDER BY regel"
        )
    ]
    await spec.merge(conn, report)
    return report


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


async def merge_counts(conn: Conn, sql: str, *args: object) -> tuple[int, int]:
    """Run an upsert written as `WITH m AS (INSERT ... RETURNING (xmax = 0) AS nieuw)` and count."""
    row = await conn.fetchrow(
        f"{sql} SELECT count(*) FILTER (WHERE nieuw) AS nieuw,"
        " count(*) FILTER (WHERE NOT nieuw) AS bijgewerkt FROM m",
        *args,
    )
    assert row is not None
    return row["nieuw"], row["bijgewerkt"]
