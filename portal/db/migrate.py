"""Schema migrations: numbered SQL files applied in order, each in its own transaction.

Why not Alembic or yoyo: both want SQLAlchemy or a DB-API driver, while the portal speaks asyncpg
and writes plain SQL. What a migration tool must do here is small and security-relevant (create the
two database roles, run as the owner role, refuse an edited migration), so it is this one module.

The login in DATABASE_URL bootstraps two roles: `rmc_owner` (NOLOGIN) owns every object and runs the
migrations; `rmc_app` is what the application logs in as: not owner, not superuser, not BYPASSRLS.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import asyncpg

from portal.db.types import Conn

OWNER_ROLE = "rmc_owner"
APP_ROLE = "rmc_app"
SCHEMA = "portal"
_LOCK_KEY = 0x524D43  # "RMC": one migrator at a time per database


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def discover() -> list[Migration]:
    found: list[Migration] = []
    for entry in resources.files("portal.db").joinpath("migrations").iterdir():
        if not entry.name.endswith(".sql"):
            continue
        number, _, rest = entry.name.partition("_")
        found.append(Migration(int(number), rest.removesuffix(".sql"), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError("two migrations share a version number")
    return found


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


async def _bootstrap(conn: Conn, app_password: str) -> None:
    """Create the roles and the schema; idempotent, and safe when two databases migrate at once."""
    for role, options in ((OWNER_ROLE, "NOLOGIN"), (APP_ROLE, "LOGIN")):
        if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role):
            # another migrator (other database, same cluster) may create it first
            with contextlib.suppress(asyncpg.DuplicateObjectError, asyncpg.UniqueViolationError):
                await conn.execute(f"CREATE ROLE {role} {options}")
    await conn.execute(
        f"ALTER ROLE {APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
        f"PASSWORD {_literal(app_password)}"
    )
    is_super = await conn.fetchval("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not is_super:
        await conn.execute(f"GRANT {OWNER_ROLE} TO current_user")
    database = await conn.fetchval("SELECT current_database()")
    await conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {APP_ROLE}')
    await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA} AUTHORIZATION {OWNER_ROLE}")
    await conn.execute(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {APP_ROLE}")
    await conn.execute(f"REVOKE CREATE ON SCHEMA {SCHEMA} FROM PUBLIC")


async def migrate(
    admin_dsn: str, app_password: str, progress: Callable[[Migration], None] | None = None
) -> list[Migration]:
    """Bring the schema up to date; returns the migrations applied now."""
    conn = await asyncpg.connect(admin_dsn)
    applied_now: list[Migration] = []
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
        await _bootstrap(conn, app_password)
        await conn.execute(f"SET ROLE {OWNER_ROLE}")
        await conn.execute(f"SET search_path = {SCHEMA}, pg_catalog")
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version integer PRIMARY KEY,
                   name text NOT NULL,
                   checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        await conn.execute(f"GRANT SELECT ON schema_migrations TO {APP_ROLE}")
        applied = {
            r["version"]: r["checksum"]
            for r in await conn.fetch("SELECT version, checksum FROM schema_migrations")
        }
        for migration in discover():
            if migration.version in applied:
                if applied[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.version:04d}_{migration.name} was changed after it "
                        "was applied; add a new migration instead"
                    )
                continue
            if progress:
                progress(migration)
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    migration.checksum,
                )
            applied_now.append(migration)
    finally:
        await conn.execute("RESET ROLE")
        await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
        await conn.close()
    return applied_now


async def pending(conn: Conn) -> list[int]:
    """Versions on disk not yet applied (used by /ready)."""
    rows = await conn.fetch("SELECT version FROM portal.schema_migrations")
    done = {r["version"] for r in rows}
    return [m.version for m in discover() if m.version not in done]
