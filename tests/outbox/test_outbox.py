"""The outbox against the real database: transactional enqueue, disjoint claims under
concurrency, leases, retries with backoff until dead, re-send, tenant isolation."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import timedelta

import asyncpg
import httpx
import msgspec
import pytest
import respx

from integrations.registry import build_registry
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import backoff, store
from portal.outbox.delivery import deliver_due
from portal.outbox.ports import Registry
from portal.settings import PartnerConfig, Settings
from tests.conftest import AMSTERDAM, DIEMEN, ZAANSTAD, UserFactory

BASE = "https://halt.example"
TENANT = "0439"  # Purmerend: no other test writes its outbox


class Payload(msgspec.Struct):
    verwijzing_id: uuid.UUID
    gemeentecode: str
    jongere: dict[str, str]
    periode_van: str
    periode_tot: str
    verzuimde_uren: int
    pv_nummer: str
    toestemming_jongere: bool


def payload() -> Payload:
    return Payload(
        uuid.uuid4(),
        TENANT,
        {
            "bsn": "123456782",
            "voornamen": "Sem",
            "geslachtsnaam": "Vries",
            "geboortedatum": "2011-05-01",
        },
        "2026-09-01",
        "2026-10-15",
        24,
        "PV-1",
        True,
    )


@pytest.fixture
async def clean(db: Database, admin_dsn: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute("DELETE FROM portal.outbox WHERE tenant_id = $1", TENANT)
    finally:
        await conn.close()


def registry() -> Registry:
    reg, _ = build_registry(
        Settings(partners={"halt": PartnerConfig(base_url=BASE, timeout_seconds=0.5)})
    )
    return reg


async def statuses(db: Database) -> dict[str, int]:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        rows = await tx.conn.fetch("SELECT status, count(*) AS n FROM outbox GROUP BY status")
    return {r["status"]: r["n"] for r in rows}


@pytest.mark.usefixtures("clean")
async def test_a_message_commits_with_its_change_or_not_at_all(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.tenant_tx(None, tenant_id=TENANT) as tx:
            await store.enqueue(tx, "halt", "verwijzing", payload())
            raise RuntimeError("the use case fails after queueing")
    assert await statuses(db) == {}
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        await store.enqueue(tx, "halt", "verwijzing", payload())
    assert await statuses(db) == {"pending": 1}


@pytest.mark.usefixtures("clean")
async def test_concurrent_claims_never_share_a_message(db: Database) -> None:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        for _ in range(30):
            await store.enqueue(tx, "halt", "verwijzing", payload())

    async def claimer() -> list[uuid.UUID]:
        async with db.tenant_tx(None, tenant_id=TENANT) as tx:
            await asyncio.sleep(0)
            return [m.id for m in await store.claim(tx.conn, 12, timedelta(seconds=60))]

    batches = await asyncio.gather(claimer(), claimer(), claimer())
    claimed = [i for b in batches for i in b]
    assert len(claimed) == len(set(claimed)) == 30
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:  # all leased: nothing more to take
        assert await store.claim(tx.conn, 10, timedelta(seconds=60)) == []


@pytest.mark.usefixtures("clean")
async def test_an_expired_lease_gives_the_message_back(db: Database, admin_dsn: str) -> None:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        message_id = await store.enqueue(tx, "halt", "verwijzing", payload())
        (first,) = await store.claim(tx.conn, 5, timedelta(seconds=60))
    conn = await asyncpg.connect(admin_dsn)
    await conn.execute(
        "UPDATE portal.outbox SET leased_until = now() - interval '1 second' WHERE id = $1",
        message_id,
    )
    await conn.close()
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        (again,) = await store.claim(tx.conn, 5, timedelta(seconds=60))
    assert again.id == first.id == message_id
    assert again.attempts == 2


@pytest.mark.usefixtures("clean")
async def test_delivery_marks_delivered_with_the_partner_reference(db: Database) -> None:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        message_id = await store.enqueue(tx, "halt", "verwijzing", payload())
    with respx.mock() as mock:
        route = mock.post(f"{BASE}/verwijzingen").respond(
            201, json={"halt_zaaknummer": "H-1", "status": "ontvangen"}
        )
        stats = await deliver_due(db, registry(), [TENANT])
    assert (stats.claimed, stats.delivered) == (1, 1)
    assert route.calls.last.request.headers["Idempotency-Key"] == str(message_id)
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        delivered = await store.get(tx.conn, message_id)
    assert delivered is not None
    assert (delivered.status, delivered.partner_ref) == ("delivered", "H-1")


@pytest.mark.usefixtures("clean")
async def test_failures_retry_with_backoff_until_dead_then_resend(
    db: Database, admin_dsn: str
) -> None:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        message_id = await store.enqueue(tx, "halt", "verwijzing", payload())
    conn = await asyncpg.connect(admin_dsn)
    try:
        with respx.mock() as mock:
            mock.post(f"{BASE}/verwijzingen").respond(503)
            for attempt in range(1, backoff.MAX_ATTEMPTS + 1):
                stats = await deliver_due(db, registry(), [TENANT], rng=random.Random(attempt))
                row = await conn.fetchrow("SELECT * FROM portal.outbox WHERE id = $1", message_id)
                assert row["attempts"] == attempt
                if attempt < backoff.MAX_ATTEMPTS:
                    assert stats.retried == 1
                    assert row["status"] == "pending"
                    wait = (row["next_attempt_at"] - row["created_at"]).total_seconds()
                    step = min(backoff.CAP_SECONDS, backoff.BASE_SECONDS * 2 ** (attempt - 1))
                    assert wait >= step * 0.5 - 1
                    await conn.execute(
                        "UPDATE portal.outbox SET next_attempt_at = now() WHERE id = $1", message_id
                    )
                else:
                    assert stats.dead == 1
                    assert row["status"] == "dead"
                    assert row["last_error"] == "halt: HTTP 503"
        async with db.tenant_tx(None, tenant_id=TENANT) as tx:
            assert await store.resend(tx.conn, message_id)
            assert not await store.resend(tx.conn, message_id)  # only a dead message can be re-sent
        with respx.mock() as mock:
            mock.post(f"{BASE}/verwijzingen").respond(
                201, json={"halt_zaaknummer": "H-2", "status": "ontvangen"}
            )
            assert (await deliver_due(db, registry(), [TENANT])).delivered == 1
    finally:
        await conn.close()


@pytest.mark.usefixtures("clean")
async def test_a_refused_message_goes_dead_at_once_and_an_unconfigured_partner_waits(
    db: Database,
) -> None:
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        refused = await store.enqueue(tx, "halt", "verwijzing", payload())
        waiting = await store.enqueue(tx, "duo", "status", payload())
    with respx.mock() as mock:
        mock.post(f"{BASE}/verwijzingen").respond(422)
        stats = await deliver_due(db, registry(), [TENANT])
    assert (stats.dead, stats.retried) == (1, 1)
    async with db.tenant_tx(None, tenant_id=TENANT) as tx:
        assert (await store.get(tx.conn, refused)).status == "dead"  # type: ignore[union-attr]
        # Refused, not merely undelivered: the case's behandelaar is told so (werkvoorraad).
        assert await tx.conn.fetchval("SELECT geweigerd FROM outbox WHERE id = $1", refused)
        later = await store.get(tx.conn, waiting)
    assert later is not None
    assert later.status == "pending"
    assert "niet ingesteld" in (later.last_error or "")


async def test_outbox_is_tenant_isolated(db: Database) -> None:
    async with db.tenant_tx(None, tenant_id=ZAANSTAD) as tx:
        zaanstad = await store.enqueue(tx, "halt", "verwijzing", payload())
    async with db.tenant_tx(None, tenant_id=DIEMEN) as tx:
        assert await store.get(tx.conn, zaanstad) is None
        assert not await store.resend(tx.conn, zaanstad)
        assert all(
            m.tenant_id == DIEMEN for m in await store.claim(tx.conn, 100, timedelta(seconds=1))
        )
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            await tx.conn.execute(
                "INSERT INTO outbox (tenant_id, partner, soort, payload) VALUES ($1, 'halt', 'x', '{}')",
                ZAANSTAD,
            )


def test_backoff_grows_with_jitter_and_a_cap() -> None:
    rng = random.Random(1)
    delays = [backoff.next_delay(n, rng).total_seconds() for n in range(1, 20)]
    for n, d in enumerate(delays, start=1):
        step = min(backoff.CAP_SECONDS, backoff.BASE_SECONDS * 2 ** (n - 1))
        assert step / 2 <= d <= step
    assert max(delays) <= backoff.CAP_SECONDS


async def test_functioneel_beheerder_lists_inspects_masked_and_resends(
    db: Database,
    admin_dsn: str,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
) -> None:
    from tests.conftest import bearer

    async with db.tenant_tx(None, tenant_id=ZAANSTAD) as tx:
        message_id = await store.enqueue(tx, "halt", "verwijzing", payload())
        await store.claim(tx.conn, 100, timedelta(seconds=1))
        await store.dead(tx.conn, message_id, "halt: bericht geweigerd met HTTP 422")
    beheerder = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, beheerder)
    listed = await client.get("/api/v1/outbox", params={"status": "dead"}, headers=headers)
    assert str(message_id) in [m["id"] for m in listed.json()["items"]]
    detail = await client.get(f"/api/v1/outbox/{message_id}", headers=headers)
    assert detail.status_code == 200
    body = detail.json()
    assert body["laatste_fout"] == "halt: bericht geweigerd met HTTP 422"
    assert body["inhoud"]["jongere"]["bsn"] == "[afgeschermd]"
    assert body["inhoud"]["pv_nummer"] == "[afgeschermd]"  # Wpg: the beheerder is no BOA
    assert "123456782" not in detail.text
    resent = await client.post(f"/api/v1/outbox/{message_id}/opnieuw", headers=headers)
    assert resent.status_code == 200
    assert resent.json()["status"] == "pending"
    again = await client.post(f"/api/v1/outbox/{message_id}/opnieuw", headers=headers)
    assert again.status_code == 409
    other = await make_user(AMSTERDAM, Role.FUNCTIONEEL_BEHEERDER)
    assert (
        await client.get(f"/api/v1/outbox/{message_id}", headers=bearer(tokens, other))
    ).status_code == 404
    assert (
        await client.post(f"/api/v1/outbox/{message_id}/opnieuw", headers=bearer(tokens, other))
    ).status_code == 404
    lpa = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    assert (await client.get("/api/v1/outbox", headers=bearer(tokens, lpa))).status_code == 403
