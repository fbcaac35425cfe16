"""Row-level security with the application role: one tenant never sees or writes another's rows."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from portal.auth.principal import Role
from portal.db.pool import Database
from portal.settings import Settings
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory


async def test_tenant_reads_none_of_another_tenants_rows(
    db: Database, make_user: UserFactory
) -> None:
    zaanstad_user = await make_user(ZAANSTAD)
    amsterdam_user = await make_user(AMSTERDAM)
    async with db.tenant_tx(amsterdam_user) as tx:
        assert (
            await tx.conn.fetchval("SELECT count(*) FROM users WHERE tenant_id = $1", ZAANSTAD) == 0
        )
        assert (
            await tx.conn.fetchval("SELECT count(*) FROM teams WHERE tenant_id = $1", ZAANSTAD) == 0
        )
        assert (
            await tx.conn.fetchval(
                "SELECT count(*) FROM users WHERE id = $1", zaanstad_user.user_id
            )
            == 0
        )
        assert await tx.conn.fetchval("SELECT count(*) FROM teams") == 10  # Amsterdam's own teams
    async with db.tenant_tx(zaanstad_user) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM teams") == 1


async def test_tenant_cannot_insert_or_move_rows_into_another_tenant(
    db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(principal) as tx:
            await tx.conn.execute(
                "INSERT INTO teams (tenant_id, naam) VALUES ($1, 'Inbraak')", ZAANSTAD
            )
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(principal) as tx:
            await tx.conn.execute("UPDATE teams SET tenant_id = $1 WHERE naam = 'Zuid'", ZAANSTAD)
    async with db.tenant_tx(principal) as tx:
        moved = await tx.conn.execute("UPDATE teams SET naam = 'x' WHERE tenant_id = $1", ZAANSTAD)
        assert moved == "UPDATE 0"
        deleted = await tx.conn.execute("DELETE FROM teams WHERE tenant_id = $1", ZAANSTAD)
        assert deleted == "DELETE 0"


async def test_without_a_tenant_nothing_is_read_or_written(
    db: Database, make_user: UserFactory
) -> None:
    await make_user(AMSTERDAM)
    async with db.system_conn() as conn:
        assert await conn.fetchval("SELECT count(*) FROM users") == 0
        assert await conn.fetchval("SELECT count(*) FROM teams") == 0
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("INSERT INTO teams (tenant_id, naam) VALUES ($1, 'x')", AMSTERDAM)
        # The reference table of tenants is readable: it holds no personal data.
        assert await conn.fetchval("SELECT count(*) FROM tenants") == 6


async def test_application_role_cannot_switch_off_rls_or_become_owner(
    db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    for statement in (
        "ALTER TABLE users DISABLE ROW LEVEL SECURITY",
        "SET ROLE rmc_owner",
        "SET row_security = off; SELECT count(*) FROM users",
    ):
        with pytest.raises(asyncpg.PostgresError):
            async with db.tenant_tx(principal) as tx:
                await tx.conn.execute(statement)


async def test_pool_of_one_never_leaks_tenant_settings_between_requests(
    settings: Settings, admin_dsn: str, make_user: UserFactory
) -> None:
    amsterdam = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    single = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
    try:

        async def request(principal_index: int) -> tuple[str, set[str], str | None]:
            principal = (amsterdam, zaanstad)[principal_index % 2]
            async with single.tenant_tx(principal) as tx:
                tenants = {
                    r["tenant_id"] for r in await tx.conn.fetch("SELECT tenant_id FROM users")
                }
                await asyncio.sleep(0)  # let the other request queue on the single connection
                return principal.tenant_id, tenants, None

        results = await asyncio.gather(*(request(i) for i in range(40)))
        for expected, seen, _ in results:
            assert seen == {expected}
        async with single.system_conn() as conn:
            leftover = await conn.fetchval("SELECT current_setting('rmc.tenant_id', true)")
            assert leftover in (None, "")
            assert await conn.fetchval("SELECT count(*) FROM users") == 0
    finally:
        await single.close()
