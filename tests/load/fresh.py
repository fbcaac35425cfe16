"""A fresh, migrated database for one benchmark run, dropped afterwards, and `rmc-portal serve`
in its own process against it.

On the server of `DATABASE_URL`, or the embedded one in `.rmc-data/bench-pg`.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx

from portal.db.embedded import ensure_database, start_embedded, with_database
from portal.db.migrate import migrate
from portal.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def server() -> str:
    return os.environ.get("DATABASE_URL") or start_embedded(ROOT / ".rmc-data" / "bench-pg")


async def create(server_dsn: str) -> tuple[str, str]:
    """(name, admin DSN) of a new database with the current schema."""
    name = f"rmc_bench_{uuid.uuid4().hex[:6]}"
    await ensure_database(server_dsn, name)
    admin = with_database(server_dsn, name)
    await migrate(admin, load_settings(env={}).db_app_password)
    return name, admin


async def drop(server_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(server_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@contextmanager
def served(
    server_dsn: str, name: str, admin: str, port: int
) -> Iterator[tuple[str, Callable[[str], str]]]:
    """The portal serving the benchmark database: (base URL, a bearer token for an e-mail).
    Stops the server and drops the database afterwards."""
    data_dir = ROOT / ".rmc-data" / "bench"
    env = {
        **os.environ,
        "DATABASE_URL": admin,
        "RMC_DATA_DIR": data_dir.as_posix(),
        "RMC_LOG_LEVEL": "WARNING",
    }

    def token(email: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "portal", "token", "--email", email],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    server = subprocess.Popen(
        [sys.executable, "-m", "portal", "serve", "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/ready").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=10)
        asyncio.run(drop(server_dsn, name))
