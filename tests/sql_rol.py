"""Plain SQL as the application role logs in, with a principal's settings: what the database
itself lets a user read, apart from every check in the application."""

from __future__ import annotations

from typing import Any

import asyncpg

from portal.auth.principal import Principal


async def als_app(admin_dsn: str, wie: Principal, sql: str, *args: Any) -> Any:
    """`fetchval` of `sql` as rmc_app with `wie`'s tenant, user, roles, BOA status and BRIN."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute("SET ROLE rmc_app; SET search_path = portal")
        async with conn.transaction():
            await conn.execute(
                "SELECT set_config('rmc.tenant_id', $1, true), set_config('rmc.user_id', $2, true),"
                " set_config('rmc.roles', $3, true), set_config('rmc.boa', $4, true),"
                " set_config('rmc.brin', $5, true), set_config('rmc.team_id', $6, true)",
                wie.tenant_id,
                str(wie.user_id),
                ",".join(sorted(r.value for r in wie.roles)),
                "true" if wie.boa else "false",
                wie.brin or "",
                str(wie.team_id or ""),
            )
            return await conn.fetchval(sql, *args)
    finally:
        await conn.close()
