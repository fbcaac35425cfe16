"""Fault test: workers in separate processes deliver the outbox to a simulator that fails 20% of
calls, hangs and drops answers, while workers are killed with SIGKILL again and again and the
database restarts once. Afterwards every message was processed exactly once and none is missing.

Short by default (CI); `RMC_FAULT_LONG=1` runs the long version (2,000 messages, 50+ kills).
Runs on an embedded PostgreSQL of its own, so that restarting it disturbs no other test.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import msgspec
import pytest

from portal.db.embedded import ensure_database, with_database
from portal.db.migrate import migrate
from portal.db.pool import Database
from portal.outbox import store
from portal.outbox.berichten import (
    ArbeidsinspectieMelding,
    InspectieSignaal,
    Persoon,
    ProcesVerbaal,
    RaadConsultatie,
    VeiligThuisMelding,
    Verdachte,
    WoongemeenteOverdracht,
)
from portal.settings import load_settings
from tests.conftest import ROOT

LONG = os.environ.get("RMC_FAULT_LONG") == "1"
MESSAGES = 2000 if LONG else 240
KILLS = 60 if LONG else 12
WORKERS = 2
TENANTS = ["0363", "0479", "0394", "0362", "0439", "0384"]
KANALEN = (
    "halt", "arbeidsinspectie", "om", "raad_kinderbescherming", "veilig_thuis", "inspectie",
    "gemeente",
)  # fmt: skip
"""The channels the messages go to, each its own simulator: Halt's and those of art. 3.9, 6.10,
15, 16-17, 18 and 20."""


class Verwijzing(msgspec.Struct):
    verwijzing_id: uuid.UUID
    gemeentecode: str
    jongere: dict[str, str]
    periode_van: str
    periode_tot: str
    verzuimde_uren: int
    pv_nummer: str
    toestemming_jongere: bool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_pg(pgdata: Path) -> str:
    import pgserver

    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return str(server.get_uri())


def pg_ctl(pgdata: Path, *args: str) -> None:
    """Stop or start the test's own server the way an operator would (pg_ctl)."""
    from pgserver import _commands

    user = "pgserver" if os.geteuid() == 0 else None  # pgserver runs the server as this user
    _commands.pg_ctl(list(args), pgdata=pgdata, user=user)


def ports_free(base: int, count: int) -> bool:
    for port in range(base + 1, base + count + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def start_simulator(
    python: list[str], env: dict[str, str], log: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """Start the simulators on a run of free ports (one per partner; halt is the first) and wait
    until they answer. Another process may take one of the ports between the check and the
    simulator's bind, so a simulator that exits while starting is tried again on other ports."""
    from integrations.simulators import SIMULATED

    for _ in range(5):
        base = free_port() - 1
        if base + len(SIMULATED) > 65535 or not ports_free(base, len(SIMULATED)):
            continue
        with log.open("ab") as out:
            process = subprocess.Popen(
                [
                    *python, "simulators", "--port-base", str(base),
                    "--fail", "0.2", "--hang", "0.05", "--drop", "0.05", "--hang-seconds", "2",
                ],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out,
            )  # fmt: skip
        url = f"http://127.0.0.1:{base + 1}/_sim/stats"
        for _ in range(600):
            if process.poll() is not None:
                break
            try:
                httpx.get(url, timeout=1)
                return process, base
            except httpx.HTTPError:
                time.sleep(0.1)
        process.kill()
        process.wait()
    raise AssertionError("simulator did not start: " + log.read_text()[-2000:])


PERSOON = Persoon(
    bsn="123456782", voornamen="Sem", geslachtsnaam="Vries", geboortedatum=date(2010, 5, 1)
)


def bericht(kanaal: str, i: int, tenant: str) -> tuple[str, msgspec.Struct]:
    """Message `i` to `kanaal` in the portal's own message for it: (kind, message)."""
    dag = date(2026, 12, 1)
    if kanaal == "halt":
        return "verwijzing", Verwijzing(
            uuid.uuid4(), tenant, {"bsn": "123456782", "voornamen": "Sem",
            "geslachtsnaam": "Vries", "geboortedatum": "2011-05-01"},
            "2026-09-01", "2026-10-15", 20, f"PV-{i}", True,
        )  # fmt: skip
    if kanaal == "arbeidsinspectie":
        return "melding", ArbeidsinspectieMelding(
            melding_id=uuid.uuid4(), gemeentecode=tenant, jongere=PERSOON,
            reden="vervangende_leerplicht", grond="3b", van=dag,
        )  # fmt: skip
    if kanaal == "om":
        return "proces_verbaal", ProcesVerbaal(
            proces_verbaal_id=uuid.uuid4(), pv_nummer=f"PV-{i}", gemeentecode=tenant,
            verbalisant="F. El Amrani", opgemaakt_op=dag, jongere=PERSOON,
            verdachten=[Verdachte(rol="ouder", naam="R. Vries")], periode_van=dag,
            periode_tot=dag, verzuimde_uren=40, stappen=[], bevindingen="Het verzuim ging door.",
            document_sha256="0" * 64, document=b"%PDF-1.7",
        )  # fmt: skip
    if kanaal == "raad_kinderbescherming":
        return "consultatie", RaadConsultatie(
            consultatie_id=uuid.uuid4(), gemeentecode=tenant, jongere=PERSOON, ouders=[],
            periode_van=dag, periode_tot=dag, verzuimde_uren=40, stappen=[], vraag="Welke route?",
        )  # fmt: skip
    if kanaal == "gemeente":
        return "overdracht", WoongemeenteOverdracht(
            overdracht_id=uuid.uuid4(), van_gemeentecode=tenant, naar_gemeentecode="0599",
            jongere=PERSOON, inschrijvingen=[], meldingen=[], vrijstellingen=[],
            contactpersoon="F. El Amrani", document_sha256="0" * 64, document=b"%PDF-1.7",
        )  # fmt: skip
    if kanaal == "veilig_thuis":
        return "melding", VeiligThuisMelding(
            melding_id=uuid.uuid4(), gemeentecode=tenant, jongere=PERSOON, signalen=["feit"],
            besproken_met_ouders=True, afweging="melden noodzakelijk",
        )  # fmt: skip
    return "signaal", InspectieSignaal(
        signaal_id=uuid.uuid4(), soort="signaal", gemeentecode=tenant, brin="50EE",
        vestiging="00", feiten="Te late uitschrijvingen.", ondernomen_door_leerplichtambtenaar=
        "Advies gegeven.", school_geinformeerd_op=dag,
    )  # fmt: skip


async def enqueue_all(admin: str, settings_password: str) -> list[str]:
    settings = load_settings(env={}, database_url=admin)
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    ids: list[str] = []
    try:
        for i in range(MESSAGES):
            tenant = TENANTS[i % len(TENANTS)]
            kanaal = KANALEN[(i // len(TENANTS)) % len(KANALEN)]
            soort, inhoud = bericht(kanaal, i, tenant)
            async with db.tenant_tx(None, tenant_id=tenant) as tx:
                ids.append(str(await store.enqueue(tx, kanaal, soort, inhoud)))
    finally:
        await db.close()
    return ids


async def resend_dead(admin: str) -> int:
    conn = await asyncpg.connect(admin)
    try:
        ids = [
            r["id"] for r in await conn.fetch("SELECT id FROM portal.outbox WHERE status = 'dead'")
        ]
        for message_id in ids:
            await conn.execute(
                "UPDATE portal.outbox SET status = 'pending', attempts = 0, next_attempt_at = now()"
                " WHERE id = $1 AND status = 'dead'",
                message_id,
            )
    finally:
        await conn.close()
    return len(ids)


async def outbox_state(admin: str) -> dict[str, int]:
    conn = await asyncpg.connect(admin)
    try:
        rows = await conn.fetch(
            "SELECT status, count(*) AS n, sum(attempts) AS attempts FROM portal.outbox GROUP BY status"
        )
    finally:
        await conn.close()
    state = {r["status"]: r["n"] for r in rows}
    state["attempts"] = sum(r["attempts"] for r in rows)
    return state


@pytest.fixture
def pgdata() -> Iterator[Path]:
    """The test's own data directory, outside pytest's private (0700) temp tree: as root the
    server runs as the `pgserver` user, which must reach it, and another pytest run on the same
    machine may reset that tree's permissions while this one runs."""
    base = Path(tempfile.mkdtemp(prefix="rmc-fault-"))
    base.chmod(0o755)
    try:
        yield base / "pg"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_exactly_once_through_kills_faults_and_a_database_restart(
    tmp_path: Path, pgdata: Path
) -> None:
    server_dsn = start_pg(pgdata)
    asyncio.run(ensure_database(server_dsn, "rmc_fault"))
    admin = with_database(server_dsn, "rmc_fault")
    asyncio.run(migrate(admin, load_settings(env={}).db_app_password))
    ids = asyncio.run(enqueue_all(admin, ""))

    env = {k: v for k, v in os.environ.items() if not k.startswith("RMC_") and k != "DATABASE_URL"}
    env.update(
        {
            "DATABASE_URL": admin,
            "RMC_DATA_DIR": str(tmp_path / "data"),
            "RMC_LOG_LEVEL": "ERROR",
            "RMC_OUTBOX_LEASE_SECONDS": "3",
            "RMC_OUTBOX_BACKOFF_BASE_SECONDS": "0.2",
            "RMC_WORKER_POLL_SECONDS": "0.2",
            "RMC_OUTBOX_MAX_ATTEMPTS": "8",  # low on purpose: the re-send of dead messages runs too
        }
    )
    python = [sys.executable, "-m", "portal"]
    simulator, sim_base = start_simulator(python, env, tmp_path / "simulator.log")
    from integrations.simulators import SIMULATED

    poorten = {p: sim_base + 1 + SIMULATED.index(p) for p in KANALEN}
    env["RMC_PARTNERS"] = json.dumps(
        {p: {"base_url": f"http://127.0.0.1:{poort}", "timeout_seconds": 0.8}
         for p, poort in poorten.items()}
    )  # fmt: skip
    workers: list[subprocess.Popen[bytes]] = []
    rng = random.Random(7)
    kills = 0
    resent_total = 0
    restarted_db = False
    started = time.monotonic()
    try:

        def spawn() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [*python, "worker"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        workers = [spawn() for _ in range(WORKERS)]
        deadline = started + (900 if LONG else 240)
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(0.4, 1.0))
            if kills < KILLS:
                victim = rng.randrange(WORKERS)
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                workers[victim] = spawn()
                kills += 1
            if not restarted_db and kills >= KILLS // 2:
                # Stop (dropping every worker's connections) and start again as pgserver does.
                pg_ctl(pgdata, "-w", "-m", "fast", "stop")
                time.sleep(1.0)
                socket_dir = parse_qs(urlsplit(server_dsn).query)["host"][0]
                pg_ctl(
                    pgdata, "-w", "-o", '-h ""', "-o", f"-k {socket_dir}",
                    "-l", str(pgdata / "log"), "start",
                )  # fmt: skip
                restarted_db = True
            state = asyncio.run(outbox_state(admin))
            settled = state.get("delivered", 0) + state.get("dead", 0) == MESSAGES
            if kills >= KILLS and restarted_db and settled:
                # What a functioneel beheerder does with dead messages: send them again.
                resent = asyncio.run(resend_dead(admin))
                resent_total += resent
                if not resent:
                    break
        assert simulator.poll() is None, (tmp_path / "simulator.log").read_text()[-2000:]
        per_kanaal = [
            httpx.get(f"http://127.0.0.1:{poort}/_sim/stats", timeout=5).json()
            for poort in poorten.values()
        ]
        stats = {
            k: sum(st[k] for st in per_kanaal)
            for k in ("processed", "duplicates", "failed", "hung", "dropped")
        }
        keys = [key for st in per_kanaal for key in st["keys"]]
        state = asyncio.run(outbox_state(admin))
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        simulator.terminate()
        simulator.wait(timeout=10)
        with contextlib.suppress(Exception):
            pg_ctl(pgdata, "-w", "-m", "fast", "stop")
    elapsed = time.monotonic() - started
    report = (
        f"fault test: {MESSAGES} messages to {', '.join(KANALEN)}, {kills} SIGKILLs of {WORKERS} workers, database restarted "
        f"{int(restarted_db)}x, {elapsed:.0f} s; simulator processed {stats['processed']}, "
        f"duplicates absorbed {stats['duplicates']}, injected 503s {stats['failed']}, hangs "
        f"{stats['hung']}, dropped answers {stats['dropped']}; delivery attempts {state['attempts']}; "
        f"dead messages re-sent {resent_total}"
    )
    print(report)
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    (ROOT / "tests" / "artifacts" / "fault-test.txt").write_text(report + "\n")
    assert kills >= KILLS
    assert restarted_db
    assert state.get("dead", 0) == 0, state
    assert state.get("delivered", 0) == MESSAGES, state
    assert stats["processed"] == MESSAGES  # exactly once: every message, no message twice
    assert sorted(keys) == sorted(ids)  # none missing, none foreign, on every channel
