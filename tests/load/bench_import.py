"""Benchmark: importing inschrijvingen against the floor, a raw COPY of the same files.

Generates a synthetic region with about `--rows` enrolments (default 1,000,000), imports schools
and BRP first (untimed: the enrolments refer to them), then times
  floor   COPY of the inschrijvingen files into an unindexed table of text columns
  import  `import inschrijvingen` per gemeente: COPY into staging, validation, merge (all new)
  again   the same import a second time (all rows unchanged)
and a second floor: the resolved rows copied into a table with the target's indexes and foreign
keys (what writing them costs at least), on the same database server in the same run. Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_import [--rows 1000000]

Uses DATABASE_URL when set, else the embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date
from pathlib import Path

import asyncpg

from portal.administratie.service import import_file
from portal.administratie.synthetic import tenant_counts, write_region
from portal.db.pool import Database
from portal.settings import load_settings
from tests.load import fresh

ROOT = Path(__file__).resolve().parents[2]
ENROLMENTS_PER_JONGERE = 1.89  # measured on the generator


async def run(rows: int) -> None:
    server_dsn = fresh.server()
    name, admin = await fresh.create(server_dsn)
    settings = load_settings(env={}, database_url=admin)
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            totals = write_region(
                folder, int(rows / ENROLMENTS_PER_JONGERE), seed=7, peildatum=date(2026, 11, 24)
            )
            print(f"generated {totals} in {time.perf_counter() - started:.1f} s")
            codes = list(tenant_counts(1))
            await import_file(db, "scholen", folder / "scholen.csv", tenant_id=None)
            for code in codes:
                await import_file(db, "brp", folder / f"brp_{code}.csv", tenant_id=code)
            files = [folder / f"inschrijvingen_{code}.csv" for code in codes]
            size = sum(f.stat().st_size for f in files)
            n = totals["inschrijvingen"]

            conn = await asyncpg.connect(admin)
            await conn.execute(
                "CREATE UNLOGGED TABLE IF NOT EXISTS bench_raw (bsn text, brin text, vestiging text,"
                " onderwijssoort text, leerjaar text, datum_inschrijving text,"
                " datum_uitschrijving text)"
            )
            await conn.execute("CREATE TABLE bench_raw_logged (LIKE bench_raw)")
            started = time.perf_counter()
            for f in files:
                await conn.copy_to_table(
                    "bench_raw_logged", source=f, format="csv", delimiter=";", header=True
                )
            floor = time.perf_counter() - started
            await conn.close()

            started = time.perf_counter()
            for code, f in zip(codes, files, strict=True):
                report = await import_file(db, "inschrijvingen", f, tenant_id=code)
                assert not report.afgewezen, report.afgewezen[:3]
            first = time.perf_counter() - started
            started = time.perf_counter()
            for code, f in zip(codes, files, strict=True):
                report = await import_file(db, "inschrijvingen", f, tenant_id=code)
                assert report.nieuw == 0
                assert report.bijgewerkt == 0
            again = time.perf_counter() - started

            # Second floor: the same rows, already resolved to jongere ids, copied straight into a
            # table with the real one's indexes and foreign keys: what writing them costs at least.
            conn = await asyncpg.connect(admin)
            resolved = folder / "resolved.csv"
            await conn.copy_from_query(
                "SELECT tenant_id, gen_random_uuid(), jongere_id, brin, vestiging, onderwijssoort,"
                " leerjaar, datum_inschrijving, datum_uitschrijving FROM portal.inschrijvingen",
                output=str(resolved),
                format="csv",
            )
            await conn.execute(
                "CREATE TABLE portal.floor_inschrijvingen (LIKE portal.inschrijvingen INCLUDING ALL);"
                " ALTER TABLE portal.floor_inschrijvingen"
                "  ADD FOREIGN KEY (tenant_id, jongere_id) REFERENCES portal.jongeren (tenant_id, id),"
                "  ADD FOREIGN KEY (brin, vestiging) REFERENCES portal.scholen (brin, vestiging)"
            )
            started = time.perf_counter()
            await conn.copy_to_table(
                "floor_inschrijvingen",
                schema_name="portal",
                source=resolved,
                format="csv",
                columns=[
                    "tenant_id",
                    "id",
                    "jongere_id",
                    "brin",
                    "vestiging",
                    "onderwijssoort",
                    "leerjaar",
                    "datum_inschrijving",
                    "datum_uitschrijving",
                ],
            )
            constrained = time.perf_counter() - started
            await conn.close()
    finally:
        await db.close()
        await fresh.drop(server_dsn, name)
    print(f"{n:,} inschrijvingen, {size / 1e6:.0f} MB in {len(files)} files")
    rows = [
        ("floor: raw COPY, unindexed text table", floor),
        ("floor 2: COPY into the indexed, keyed table", constrained),
        ("import, all rows new", first),
        ("import again, all rows unchanged", again),
    ]
    for label, seconds in rows:
        print(
            f"{label:44} {seconds:6.2f} s {n / seconds:10,.0f} rows/s  ratio {floor / seconds:4.2f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    asyncio.run(run(parser.parse_args().rows))
