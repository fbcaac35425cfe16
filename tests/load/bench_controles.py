"""Benchmark: the controls over the whole region (default 350,000 jongeren).

Generates and imports a synthetic region (untimed), then times `controles` for all six gemeenten
on one peildatum: the first run (finds and writes the signals) and a second run (finds nothing
new). The floor in the same run is a bare `SELECT count(*)` over the region's jongeren and
enrolments. Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_controles [--jongeren 350000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date
from pathlib import Path

import asyncpg

from portal.administratie.service import controles_uitvoeren, import_file
from portal.administratie.synthetic import tenant_counts, write_region
from portal.db.pool import Database
from portal.settings import load_settings
from tests.load import fresh

ROOT = Path(__file__).resolve().parents[2]
PEIL = date(2026, 11, 24)


async def run(jongeren: int) -> None:
    server_dsn = fresh.server()
    name, admin = await fresh.create(server_dsn)
    settings = load_settings(env={}, database_url=admin)
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    codes = list(tenant_counts(1))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            totals = write_region(folder, jongeren, seed=11, peildatum=PEIL)
            await import_file(db, "scholen", folder / "scholen.csv", tenant_id=None)
            for code in codes:
                for soort in ("brp", "inschrijvingen", "diplomas"):
                    await import_file(db, soort, folder / f"{soort}_{code}.csv", tenant_id=code)
        conn = await asyncpg.connect(admin)
        await conn.execute("ANALYZE")
        started = time.perf_counter()
        await conn.fetchval(
            "SELECT (SELECT count(*) FROM portal.jongeren) + (SELECT count(*) FROM portal.inschrijvingen)"
        )
        floor = time.perf_counter() - started
        await conn.close()
        timings = []
        found = []
        for _ in range(2):
            started = time.perf_counter()
            results = [await controles_uitvoeren(db, PEIL, tenant_id=code) for code in codes]
            timings.append(time.perf_counter() - started)
            found.append(
                sum(
                    r.vermoedens_absoluut_verzuim + r.uitschrijvingen_zonder_inschrijving
                    for r in results
                )
            )
    finally:
        await db.close()
        await fresh.drop(server_dsn, name)
    print(f"region: {totals['jongeren']:,} jongeren, {totals['inschrijvingen']:,} inschrijvingen")
    print(f"{'floor: count(*) over jongeren and inschrijvingen':52} {floor:6.2f} s")
    print(f"{'controls, first run (' + str(found[0]) + ' signals written)':52} {timings[0]:6.2f} s")
    print(f"{'controls, second run (' + str(found[1]) + ' new)':52} {timings[1]:6.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--jongeren", type=int, default=350_000)
    asyncio.run(run(parser.parse_args().jongeren))
