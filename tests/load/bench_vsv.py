"""Benchmark: building the region's monthly VSV list (default 350,000 jongeren).

Generates and imports a synthetic region (untimed), then times `POST /rmc/vsv-lijsten`'s use case
for one month twice (the second replaces the first). Two floors in the same run: a bare
`SELECT count(*)` over the region's jongeren and enrolments (the scan the selection cannot avoid),
and a raw COPY of the built rows into an unindexed table (the write it cannot avoid). The build
also writes an audit event per row on the hash chain and the outbox message with every row. Not a
test; run by hand:

  .venv/bin/python -m tests.load.bench_vsv [--jongeren 350000]
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
from portal.auth.principal import Principal, Role
from portal.beheer.gebruikers import NewUser, add_user
from portal.db.pool import Database
from portal.db.request_context import RequestContext
from portal.rmc.vsv import bouwen
from portal.settings import load_settings
from tests.load import fresh

MAAND = "2026-10"


async def run(jongeren: int) -> None:
    server_dsn = fresh.server()
    name, admin = await fresh.create(server_dsn)
    settings = load_settings(env={}, database_url=admin)
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            totals = write_region(folder, jongeren, seed=11, peildatum=date(2026, 11, 24))
            await import_file(db, "scholen", folder / "scholen.csv", tenant_id=None)
            for code in tenant_counts(1):
                for soort in ("brp", "inschrijvingen", "diplomas"):
                    await import_file(db, soort, folder / f"{soort}_{code}.csv", tenant_id=code)
        email = "rmc@bench.example.nl"
        user_id = await add_user(
            db, NewUser(email=email, tenant_id="0363", roles=("rmc_coordinator",), naam="Bench")
        )
        coordinator = Principal(
            user_id=user_id,
            tenant_id="0363",
            email=email,
            naam="Bench",
            roles=frozenset({Role.RMC_COORDINATOR}),
        )
        conn = await asyncpg.connect(admin)
        await conn.execute("ANALYZE")
        started = time.perf_counter()
        await conn.fetchval(
            "SELECT (SELECT count(*) FROM portal.jongeren)"
            " + (SELECT count(*) FROM portal.inschrijvingen)"
        )
        scan_floor = time.perf_counter() - started
        timings, counts = [], []
        for _ in range(2):
            started = time.perf_counter()
            built = await bouwen(RequestContext(db, coordinator, "bench"), MAAND)
            timings.append(time.perf_counter() - started)
            counts.append(built.aantal)
        rows = await conn.fetch(
            "SELECT tenant_id, maand, woongemeente, bsn, jongere_id, voornamen, voorvoegsel,"
            " geslachtsnaam, geboortedatum, laatste_brin, laatste_vestiging, laatste_school,"
            " datum_uitschrijving, inkomen FROM portal.vsv_regels WHERE maand = $1",
            MAAND,
        )
        await conn.execute(
            "CREATE UNLOGGED TABLE public.copy_floor (LIKE portal.vsv_regels INCLUDING DEFAULTS)"
        )
        started = time.perf_counter()
        await conn.copy_records_to_table(
            "copy_floor", records=[tuple(r) for r in rows], schema_name="public"
        )
        copy_floor = time.perf_counter() - started
        await conn.close()
    finally:
        await db.close()
        await fresh.drop(server_dsn, name)
    build = min(timings)
    print(f"region: {totals['jongeren']:,} jongeren, {totals['inschrijvingen']:,} inschrijvingen")
    print(f"{'floor: count(*) over jongeren and inschrijvingen':56} {scan_floor:6.2f} s")
    print(f"{'floor: raw COPY of the ' + str(counts[0]) + ' rows':56} {copy_floor:6.2f} s")
    print(f"{'build ' + MAAND + ', first (' + str(counts[0]) + ' VSV-ers)':56} {timings[0]:6.2f} s")
    print(f"{'build ' + MAAND + ', rebuild (replaces the month)':56} {timings[1]:6.2f} s")
    print(f"ratio (scan floor + copy floor) / build: {(scan_floor + copy_floor) / build:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--jongeren", type=int, default=350_000)
    asyncio.run(run(parser.parse_args().jongeren))
