"""Benchmark: what authentication, tenant-scoped transactions and the audit chain cost per request.

Starts `rmc-portal serve` in its own process against a fresh database, then drives it over loopback
with a fixed number of concurrent clients for a fixed time per endpoint:

  floor          GET /health               no auth, no database
  authenticated  GET /api/v1/me            bearer JWT check, user lookup, one tenant transaction
  audited read   GET /api/v1/gebruikers/x  the above plus an audit event on the tenant's hash chain

Ratios to the floor are what to compare between machines. Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_api [--seconds 5] [--concurrency 16]

Uses DATABASE_URL when set, else the embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import asyncpg
import httpx

from portal.audit.verify import verify_chain
from portal.beheer.gebruikers import NewUser, add_user
from portal.db.pool import Database
from portal.settings import load_settings
from tests.load import fresh

ROOT = Path(__file__).resolve().parents[2]
PORT = 8765


async def drive(
    url: str, headers: dict[str, str], seconds: float, concurrency: int
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.get(url, headers=headers)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                errors += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "errors": errors,
    }


async def prepare(server_dsn: str, data_dir: Path) -> tuple[str, str, str]:
    """A fresh, migrated database with a functioneel beheerder and a user to read; returns
    (database name, admin DSN, id of the user to read)."""
    name, admin = await fresh.create(server_dsn)
    settings = load_settings(env={}, database_url=admin, data_dir=str(data_dir))
    db = await Database.connect(settings, admin, min_size=1, max_size=1)
    try:
        await add_user(
            db, NewUser(email="fb@bench.nl", tenant_id="0363", roles=("functioneel_beheerder",))
        )
        target = await add_user(
            db, NewUser(email="lpa@bench.nl", tenant_id="0363", roles=("leerplichtambtenaar",))
        )
    finally:
        await db.close()
    return name, admin, str(target)


async def measure(base: str, token: str, target: str, seconds: float, concurrency: int) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    cases = [
        ("floor: GET /health", f"{base}/health", {}),
        ("authenticated: GET /api/v1/me", f"{base}/api/v1/me", auth),
        ("audited read: GET /api/v1/gebruikers/{id}", f"{base}/api/v1/gebruikers/{target}", auth),
    ]
    print(f"{concurrency} concurrent clients, {seconds:.0f} s per endpoint, one machine")
    floor = 0.0
    for label, url, headers in cases:
        await drive(url, headers, 1.0, concurrency)  # warm-up
        result = await drive(url, headers, seconds, concurrency)
        floor = floor or result["rps"]
        print(
            f"{label:45} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.1f} ms  "
            f"p95 {result['p95_ms']:6.1f} ms  ratio to floor {result['rps'] / floor:5.2f}  "
            f"errors {result['errors']:.0f}"
        )


async def audit_summary(admin: str) -> str:
    conn = await asyncpg.connect(admin)
    try:
        events = await conn.fetchval("SELECT count(*) FROM portal.audit_events")
        intact = (await verify_chain(conn, "0363")).intact
    finally:
        await conn.close()
    return f"audit events written: {events}, chain intact: {intact}"


def main(seconds: float, concurrency: int) -> None:
    server_dsn = fresh.server()
    data_dir = ROOT / ".rmc-data" / "bench"
    name, admin, target = asyncio.run(prepare(server_dsn, data_dir))
    with fresh.served(server_dsn, name, admin, PORT) as (base, token):
        asyncio.run(measure(base, token("fb@bench.nl"), target, seconds, concurrency))
        print(asyncio.run(audit_summary(admin)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    main(args.seconds, args.concurrency)
