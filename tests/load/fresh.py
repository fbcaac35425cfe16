"""A fresh, migrated database for one benchmark run, dropped afterwards.

On the server of `DATABASE_URL`, or the embedded one in `.rmc-data/bench-pg`.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import asyncpg

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
