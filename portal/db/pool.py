"""The application's connection pool and the one way to run a use case: a tenant-scoped transaction.

`tenant_tx` opens a transaction and sets tenant, user, roles and BOA status with
`set_config(..., true)` (transaction-local), so row-level security applies to every statement and
nothing survives into the next transaction on the same pooled connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import asyncpg
import msgspec

from portal.auth.principal import Principal
from portal.clock import Clock, SystemClock
from portal.db.migrate import APP_ROLE, SCHEMA
from portal.db.types import Conn
from portal.settings import Settings


@dataclass(frozen=True)
class Tx:
    """One use case's transaction: its connection and on whose behalf it runs."""

    conn: Conn
    principal: Principal | None
    tenant_id: str
    request_id: str | None = None
    purpose: str = "uitvoering wettelijke taak"
    extra: dict[str, Any] = field(default_factory=dict)
    nu: datetime = field(default_factory=lambda: SystemClock().nu())
    """The use case's moment, read once from the database's clock when the transaction opened."""

    @property
    def vandaag(self) -> date:
        """The use case's date in Amsterdam: the one date every rule and row of it uses."""
        return self.nu.date()


async def _init_connection(conn: Conn) -> None:
    for name in ("json", "jsonb"):
        await conn.set_type_codec(
            name,
            encoder=lambda v: v if isinstance(v, str) else _json_dumps(v),
            decoder=_json_loads,
            schema="pg_catalog",
        )


def _json_dumps(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _json_loads(value: str) -> Any:
    return msgspec.json.decode(value)


def app_connect_kwargs(settings: Settings, admin_dsn: str) -> dict[str, Any]:
    """Connection arguments for the application role, derived from the admin DSN unless given."""
    if settings.app_database_url:
        return {"dsn": settings.app_database_url}
    return {"dsn": admin_dsn, "user": APP_ROLE, "password": settings.db_app_password}


EIGEN_PLAN = "SET LOCAL plan_cache_mode = force_custom_plan"
"""For a transaction whose statement must be planned for its own values each time: PostgreSQL
switches a prepared statement to a generic plan after five runs, and for a list whose filters are
optional (`$n IS NULL OR …`) or whose rows an opaque function yields, that plan reads far more."""


class Database:
    """Owns the pool of application-role connections, and the clock its use cases read."""

    def __init__(self, pool: asyncpg.Pool, clock: Clock | None = None) -> None:
        self.pool = pool
        self.clock: Clock = clock or SystemClock()

    def met_klok(self, clock: Clock) -> Database:
        """The same pool with another clock (a simulation, a test that moves time)."""
        return Database(self.pool, clock)

    def vandaag(self) -> date:
        """Today for work that runs before or outside a transaction (a page's date fields)."""
        return self.clock.nu().date()

    @classmethod
    async def connect(
        cls,
        settings: Settings,
        admin_dsn: str,
        *,
        min_size: int | None = None,
        max_size: int | None = None,
    ) -> Database:
        pool = await asyncpg.create_pool(
            **app_connect_kwargs(settings, admin_dsn),
            min_size=settings.db_pool_min if min_size is None else min_size,
            max_size=settings.db_pool_max if max_size is None else max_size,
            server_settings={
                "search_path": f"{SCHEMA}, pg_catalog",
                "application_name": "rmc-portal",
            },
            init=_init_connection,
        )
        return cls(pool)

    async def close(self) -> None:
        await self.pool.close()

    @asynccontextmanager
    async def tenant_tx(
        self,
        principal: Principal | None,
        *,
        tenant_id: str | None = None,
        request_id: str | None = None,
        purpose: str = "uitvoering wettelijke taak",
        system_wpg: bool = False,
        nu: datetime | None = None,
    ) -> AsyncIterator[Tx]:
        """A transaction scoped to the principal's tenant (or an explicit one for system jobs).

        `system_wpg` lets a system action with no principal record Wpg-labelled data (a partner's
        answer to a BOA's referral); a principal's own BOA status is never overridden. `nu` is the
        moment a use case read from `clock` before it opened the transaction (to validate first)."""
        tenant = principal.tenant_id if principal else tenant_id
        if not tenant:
            raise ValueError("a tenant-scoped transaction needs a tenant")
        if principal and tenant_id and tenant_id != principal.tenant_id:
            raise ValueError("a principal cannot act for another tenant")
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "SELECT set_config('rmc.tenant_id', $1, true), set_config('rmc.user_id', $2, true),"
                " set_config('rmc.roles', $3, true), set_config('rmc.boa', $4, true),"
                " set_config('rmc.brin', $5, true), set_config('rmc.purpose', $6, true),"
                " set_config('rmc.team_id', $7, true)",
                tenant,
                str(principal.user_id) if principal else "",
                principal.roles_csv if principal else "",
                "true" if (principal.boa if principal else system_wpg) else "false",
                (principal.brin or "") if principal else "",
                purpose,
                str(principal.team_id) if principal and principal.team_id else "",
            )
            yield Tx(conn, principal, tenant, request_id, purpose, nu=nu or self.clock.nu())

    @asynccontextmanager
    async def system_conn(self) -> AsyncIterator[Conn]:
        """A connection with no tenant: it sees no tenant-owned row (authentication, health)."""
        async with self.pool.acquire() as conn:
            yield conn
