"""The audit log: append-only for the application, hash-chained per tenant, tamper shows."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from portal.audit.log import record, record_many
from portal.audit.verify import verify_chain
from portal.auth.principal import Role
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, DIEMEN, UserFactory


async def _events(admin_dsn: str, tenant: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        return await conn.fetch(
            "SELECT * FROM portal.audit_events WHERE tenant_id = $1 ORDER BY seq", tenant
        )
    finally:
        await conn.close()


async def test_record_writes_who_what_why_in_the_callers_tenant(
    db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    principal = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR)
    jongere = uuid.uuid4()
    async with db.tenant_tx(principal, request_id="req-audit-1", purpose="verzuimmelding") as tx:
        await record(tx, "read", "dossier", jongere, jongere_id=jongere, detail={"tab": "werklog"})
    event = (await _events(admin_dsn, DIEMEN))[-1]
    assert event["actor_user_id"] == principal.user_id
    assert event["actor_roles"] == ["leerplichtambtenaar"]
    assert event["action"] == "read"
    assert event["object_type"] == "dossier"
    assert event["jongere_id"] == jongere
    assert event["purpose"] == "verzuimmelding"
    assert event["request_id"] == "req-audit-1"
    assert event["occurred_at"] is not None


async def test_actor_and_chain_fields_cannot_be_forged_by_the_application(
    db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    principal = await make_user(DIEMEN)
    async with db.tenant_tx(principal) as tx:
        await tx.conn.execute(
            "INSERT INTO audit_events (action, object_type, purpose, actor_user_id, actor_roles,"
            " seq, prev_hash, hash) VALUES ('read', 'x', 'y', $1, '{teammanager}', 1, 'aa', 'bb')",
            uuid.uuid4(),
        )
    event = (await _events(admin_dsn, DIEMEN))[-1]
    assert event["actor_user_id"] == principal.user_id
    assert event["actor_roles"] == ["leerplichtambtenaar"]
    assert event["prev_hash"] != b"\xaa"
    conn = await asyncpg.connect(admin_dsn)
    try:
        assert (await verify_chain(conn, DIEMEN)).intact
    finally:
        await conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET purpose = 'niets'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "UPDATE audit_chain_heads SET last_seq = 0",
    ],
)
async def test_application_role_may_only_insert(
    db: Database, make_user: UserFactory, statement: str
) -> None:
    principal = await make_user(AMSTERDAM)
    async with db.tenant_tx(principal) as tx:
        await record(tx, "read", "test")
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(principal) as tx:
            await tx.conn.execute(statement)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PRIVACY_OFFICER])
async def test_only_the_privacy_officer_reads_the_log(
    db: Database, make_user: UserFactory, role: Role
) -> None:
    principal = await make_user(AMSTERDAM, role, brin="20AA" if role is Role.SCHOOL else None)
    async with db.tenant_tx(principal) as tx:
        await record(tx, "read", "test")
    async with db.tenant_tx(principal) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM audit_events") == 0
    officer = await make_user(AMSTERDAM, Role.PRIVACY_OFFICER)
    async with db.tenant_tx(officer) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM audit_events") > 0
        assert (
            await tx.conn.fetchval("SELECT count(*) FROM audit_events WHERE tenant_id <> '0363'")
            == 0
        )


async def test_cannot_write_audit_events_for_another_tenant(
    db: Database, make_user: UserFactory
) -> None:
    principal = await make_user(AMSTERDAM)
    with pytest.raises(asyncpg.PostgresError):
        async with db.tenant_tx(principal) as tx:
            await tx.conn.execute(
                "INSERT INTO audit_events (tenant_id, action, object_type, purpose, prev_hash, hash)"
                " VALUES ($1, 'read', 'x', 'y', '', '')",
                DIEMEN,
            )


async def test_audit_event_rolls_back_with_its_use_case(
    db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    principal = await make_user(DIEMEN)
    before = len(await _events(admin_dsn, DIEMEN))
    with pytest.raises(RuntimeError):
        async with db.tenant_tx(principal) as tx:
            await record(tx, "update", "dossier", "x")
            raise RuntimeError("use case failed after auditing")
    assert len(await _events(admin_dsn, DIEMEN)) == before


async def test_concurrent_appends_keep_one_gapless_chain(
    db: Database, admin_dsn: str, make_user: UserFactory
) -> None:
    principals = [await make_user(AMSTERDAM) for _ in range(3)]

    async def append(i: int) -> None:
        async with db.tenant_tx(principals[i % 3], request_id=f"c{i}") as tx:
            await record(tx, "read", "dossier", str(i))

    await asyncio.gather(*(append(i) for i in range(60)))
    async with db.tenant_tx(principals[0]) as tx:
        await record_many(tx, "read", "werkvoorraad", ["a", "b", "c"], [uuid.uuid4(), None, None])
    conn = await asyncpg.connect(admin_dsn)
    try:
        report = await verify_chain(conn, AMSTERDAM)
        assert report.intact, report
        assert report.checked == len(await _events(admin_dsn, AMSTERDAM))
        seqs = [e["seq"] for e in await _events(admin_dsn, AMSTERDAM)]
        assert seqs == list(range(1, len(seqs) + 1))
    finally:
        await conn.close()


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (
            "UPDATE portal.audit_events SET purpose = 'iets anders' WHERE tenant_id = $1 AND seq = 2",
            "content",
        ),
        (
            "UPDATE portal.audit_events SET occurred_at = occurred_at - interval '1 day' WHERE tenant_id = $1 AND seq = 2",
            "content",
        ),
        ("DELETE FROM portal.audit_events WHERE tenant_id = $1 AND seq = 2", "gap"),
        (
            "DELETE FROM portal.audit_events WHERE tenant_id = $1 AND seq = (SELECT max(seq) FROM portal.audit_events WHERE tenant_id = $1)",
            "head",
        ),
    ],
)
async def test_tampering_by_a_privileged_login_breaks_the_chain(
    server_dsn: str, tamper: str, reason: str
) -> None:
    """Each case on a database of its own, as a superuser could tamper with a real one."""
    from portal.db.embedded import ensure_database, with_database
    from portal.db.migrate import migrate
    from portal.settings import Settings, load_settings

    name = f"rmc_tamper_{uuid.uuid4().hex[:8]}"
    await ensure_database(server_dsn, name)
    dsn = with_database(server_dsn, name)
    try:
        await migrate(dsn, Settings().db_app_password)
        local = load_settings(env={}, database_url=dsn)
        db = await Database.connect(local, dsn, min_size=1, max_size=1)
        try:
            async with db.tenant_tx(None, tenant_id=DIEMEN) as tx:
                for i in range(4):
                    await record(tx, "read", "dossier", str(i))
        finally:
            await db.close()
        conn = await asyncpg.connect(dsn)
        try:
            assert (await verify_chain(conn, DIEMEN)).intact
            await conn.execute(tamper, DIEMEN)
            report = await verify_chain(conn, DIEMEN)
            assert not report.intact
            assert reason in (report.reason or "")
            assert (await verify_chain(conn, AMSTERDAM)).intact  # other tenants unaffected
        finally:
            await conn.close()
    finally:
        conn = await asyncpg.connect(server_dsn)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
