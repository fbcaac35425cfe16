"""Soak: a mixed load of every role for a set time against `rmc-portal serve` and `rmc-portal
worker`, on a fresh database with the demo region. Reports requests, errors (any answer but the
expected one), p50/p99 per endpoint, and the memory of the server (with its letter workers) and
of the worker at the start and the end. Not a test; run by hand:

  .venv/bin/python -m tests.load.soak [--minuten 30] [--clients 8] [--jongeren 3000]

Uses DATABASE_URL when set, else the embedded PostgreSQL. Goal (issue 15): 0 errors, memory flat
(within 10%) between the end of the warm-up and the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx

from portal.db.pool import Database
from portal.demo import seed_demo_region, seed_demo_users
from portal.settings import load_settings
from tests.load import fresh

ROOT = Path(__file__).resolve().parents[2]
PORT = 8767


def rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (the letter workers), in kB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total


def serve_pid(port: int) -> int:
    """The pid of `rmc-portal serve --port <port>` (started by fresh.served)."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in args and str(port).encode() in args:
                return int(proc.name)
    raise SystemExit("soak: rmc-portal serve not found")


@dataclass
class Verzoek:
    naam: str
    methode: str
    pad: str
    wie: str
    verwacht: int = 200
    json: dict[str, object] | None = None


async def prepare(server_dsn: str) -> tuple[str, str, list[str]]:
    name, admin = await fresh.create(server_dsn)
    settings = load_settings(env={}, database_url=admin, data_dir=str(ROOT / ".rmc-data" / "bench"))
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    try:
        await seed_demo_users(admin)
        await seed_demo_region(db, say=lambda m: print(m, flush=True))
    finally:
        await db.close()
    conn = await asyncpg.connect(admin)
    try:
        rows = await conn.fetch(
            "SELECT j.bsn FROM portal.inschrijvingen i JOIN portal.jongeren j"
            " ON j.tenant_id = i.tenant_id AND j.id = i.jongere_id"
            " WHERE i.brin = '20AA' AND i.datum_uitschrijving IS NULL"
            " AND j.geboortedatum BETWEEN now() - interval '16 years' AND now() - interval '6 years'"
            " LIMIT 200"
        )
    finally:
        await conn.close()
    return name, admin, [r["bsn"] for r in rows]


def melding(bsn: str) -> dict[str, object]:
    vandaag = date.today()
    return {
        "bsn": bsn, "brin": "20AA", "vestiging": "00", "soort": "16_uur_in_4_weken",
        "periode_van": (vandaag - timedelta(days=20)).isoformat(),
        "periode_tot": vandaag.isoformat(), "verzuimde_uren": 18, "verzuimde_dagen": 3,
        "alle_lessen_gemist": False, "vermoedelijke_reden": "onbekend",
        "ondernomen_actie": "mentor belde", "actie_gemeente_gewenst": True, "toelichting": "",
        "melder": {"naam": "Soak", "functie": "verzuim", "telefoon": "020-1", "email": "s@x.nl"},
    }  # fmt: skip


def mix(leerlingen: list[str]) -> list[Verzoek]:
    return [
        Verzoek("GET /health", "GET", "/health", ""),
        Verzoek("werkvoorraad (lpa)", "GET", "/api/v1/werkvoorraad?limit=25", "lpa"),
        Verzoek("zoeken (lpa)", "GET", "/api/v1/jongeren?zoek=de", "lpa"),
        Verzoek("signalen (lpa)", "GET", "/api/v1/signalen?limit=25", "lpa"),
        Verzoek("taken (assistent)", "GET", "/api/v1/taken", "assistent"),
        Verzoek("cijfers (teammanager)", "GET", "/api/v1/cijfers", "teammanager"),
        Verzoek("werkvoorraad (teammanager)", "GET", "/api/v1/werkvoorraad", "teammanager"),
        Verzoek("gebruikers (beheerder)", "GET", "/api/v1/gebruikers", "beheerder"),
        Verzoek(
            "brief voorbeeld (beheerder)",
            "POST",
            "/api/v1/briefsjablonen/uitnodiging/voorbeeld",
            "beheerder",
            json={},
        ),
        Verzoek("outbox (beheerder)", "GET", "/api/v1/outbox?status=dead", "beheerder"),
        Verzoek("meldingen (school)", "GET", "/api/v1/meldingen", "school"),
        Verzoek("melding doen (school)", "POST", "/api/v1/meldingen", "school", 201),
        Verzoek("vsv-lijsten (regiogemeente)", "GET", "/api/v1/vsv-lijsten", "regio"),
        Verzoek("overdrachten (jongerenpunt)", "GET", "/api/v1/overdrachten", "jongerenpunt"),
        Verzoek("auditlog (privacy)", "GET", "/api/v1/auditlog?limit=20", "privacy"),
        Verzoek("vrijstellingen (lpa)", "GET", "/api/v1/vrijstellingen", "lpa"),
    ]


async def drive(
    base: str, tokens: dict[str, str], leerlingen: list[str], seconden: float, clients: int
) -> tuple[dict[str, list[float]], dict[str, int], dict[str, str]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    voorbeeld: dict[str, str] = {}
    verzoeken = mix(leerlingen)
    deadline = time.perf_counter() + seconden
    rng = random.Random(2026)

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            v = rng.choice(verzoeken)
            headers = {"Authorization": f"Bearer {tokens[v.wie]}"} if v.wie else {}
            body = melding(rng.choice(leerlingen)) if v.verwacht == 201 else v.json
            started = time.perf_counter()
            try:
                r = await http.request(v.methode, base + v.pad, headers=headers, json=body)
                status, tekst = r.status_code, r.text[:200]
            except httpx.HTTPError as exc:
                status, tekst = 0, repr(exc)
            latencies[v.naam].append((time.perf_counter() - started) * 1000)
            if status != v.verwacht:
                errors[v.naam] += 1
                voorbeeld.setdefault(v.naam, f"{status}: {tekst}")

    async with httpx.AsyncClient(timeout=60) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies, errors, voorbeeld


def main(minuten: float, clients: int) -> None:
    server_dsn = fresh.server()
    name, admin, leerlingen = asyncio.run(prepare(server_dsn))
    if not leerlingen:
        raise SystemExit("soak: geen leerlingen van school 20AA in de demoregio")
    env = {**os.environ, "DATABASE_URL": admin, "RMC_DATA_DIR": str(ROOT / ".rmc-data" / "bench"),
           "RMC_LOG_LEVEL": "WARNING"}  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "portal", "worker"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        with fresh.served(server_dsn, name, admin, PORT) as (base, token):
            server_pid = serve_pid(PORT)
            tokens = {
                "lpa": token("fatima.elamrani@amsterdam.demo"),
                "assistent": token("sanne.bakker@amsterdam.demo"),
                "teammanager": token("marieke.visser@amsterdam.demo"),
                "beheerder": token("linda.smit@amsterdam.demo"),
                "school": token("administratie@zuiderlicht.demo"),
                "regio": token("rmc@zaanstad.demo"),
                "jongerenpunt": token("intake@jongerenpunt.demo"),
                "privacy": token("peter.mulder@amsterdam.demo"),
            }
            print(f"warm-up 60 s, then {minuten:.0f} min with {clients} clients", flush=True)
            asyncio.run(drive(base, tokens, leerlingen, 60, clients))
            start = (rss_kb(server_pid), rss_kb(worker.pid))
            began = time.perf_counter()
            latencies, errors, voorbeeld = asyncio.run(
                drive(base, tokens, leerlingen, minuten * 60, clients)
            )
            took = time.perf_counter() - began
            end = (rss_kb(server_pid), rss_kb(worker.pid))
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    total = sum(len(x) for x in latencies.values())
    print(f"\n{total:,} requests in {took / 60:.1f} min ({total / took:.0f} req/s), "
          f"errors {sum(errors.values())}")  # fmt: skip
    print(f"{'endpoint':34} {'n':>7} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for naam in sorted(latencies):
        xs = sorted(latencies[naam])
        p99 = xs[min(len(xs) - 1, int(len(xs) * 0.99))]
        print(f"{naam:34} {len(xs):7} {errors[naam]:6} {statistics.median(xs):8.1f} {p99:8.1f}")
    for naam, tekst in voorbeeld.items():
        print(f"  first error of {naam}: {tekst}")
    for wie, (a, b) in (("server (with letter workers)", (start[0], end[0])),
                        ("worker", (start[1], end[1]))):  # fmt: skip
        print(f"memory {wie}: {a / 1024:.0f} MB at start, {b / 1024:.0f} MB at end "
              f"({(b - a) / a * 100:+.1f}%)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--minuten", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    main(args.minuten, args.clients)
