"""The embedded PostgreSQL (the `pgserver` wheel) for a machine that has no database server.

It keeps its files in the data folder, listens only on a unix socket inside it, and stops when the
process that started it exits.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

DATABASE = "rmc"


def start_embedded(data_dir: Path) -> str:
    """Start (or attach to) the embedded server; return an admin DSN for the portal's database."""
    import pgserver

    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    uri: str = server.get_uri(DATABASE)
    if DATABASE not in server.psql("SELECT datname FROM pg_database;"):
        server.psql(f"CREATE DATABASE {DATABASE};")
    return uri


def with_database(dsn: str, name: str) -> str:
    """The same server and login as `dsn`, another database (query options such as host kept)."""
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + name))


async def ensure_database(admin_dsn: str, name: str) -> None:
    """Create database `name` on the server of `admin_dsn` when it does not exist yet."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsafe database name: {name!r}")
    conn = await asyncpg.connect(admin_dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
