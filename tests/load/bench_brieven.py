"""Benchmark: does making letters leave the server free? `/health` latency, alone and while ten
letter previews that run into the time limit (and one that would build 100 M characters) are
being made, against `rmc-portal serve` in its own process. Goal (issue 15): p99 under 100 ms.

Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_brieven [--seconds 10]

Uses DATABASE_URL when set, else the embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import httpx

from tests.load import fresh
from tests.load.bench_api import prepare

ROOT = Path(__file__).resolve().parents[2]
PORT = 8766
TRAAG = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
GROOT = "{{ 'a' * 100000000 }}"


async def health(base: str, seconds: float) -> list[float]:
    """One client asking /health in a loop; its latencies in ms."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=30) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.get(f"{base}/health")
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            await asyncio.sleep(0.01)
    return latencies


def summary(label: str, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(
        f"{label:44} n={len(ordered):5}  p50 {statistics.median(ordered):6.1f} ms"
        f"  p99 {p99:6.1f} ms  max {ordered[-1]:6.1f} ms"
    )


async def measure(base: str, token: str, seconds: float) -> None:
    summary("floor: /health, nothing else running", await health(base, seconds))
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{base}/api/v1/briefsjablonen/uitnodiging/voorbeeld"
    async with httpx.AsyncClient(timeout=120) as client:
        started = time.perf_counter()
        previews = [
            asyncio.create_task(client.post(url, json={"inhoud": body}, headers=headers))
            for body in [TRAAG] * 10 + [GROOT]
        ]
        under_load = await health(base, seconds)
        answers = await asyncio.gather(*previews)
        took = time.perf_counter() - started
    summary("/health while 11 previews are being made", under_load)
    codes = sorted({a.status_code for a in answers})
    print(f"previews answered {codes} in {took:.1f} s; e.g. {answers[0].json()['errors'][0]}")


def main(seconds: float) -> None:
    server_dsn = fresh.server()
    name, admin, _ = asyncio.run(prepare(server_dsn, ROOT / ".rmc-data" / "bench"))
    with fresh.served(server_dsn, name, admin, PORT) as (base, token):
        asyncio.run(measure(base, token("fb@bench.nl"), seconds))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    main(parser.parse_args().seconds)
