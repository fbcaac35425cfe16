"""Shared fixtures: one fresh database per test run on a real PostgreSQL.

`DATABASE_URL` picks a server (CI's machine has one at 127.0.0.1:5432); without it the embedded
server (pgserver) is started in `.rmc-data/test-pg`. Each run creates its own database, migrates it
as the portal does in production, and drops it afterwards.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from litestar import Litestar

from portal.app import create_app
from portal.auth.principal import Principal, Role
from portal.auth.tokens import TokenService, load_or_create_signing_key
from portal.beheer.gebruikers import NewUser, add_user
from portal.db.embedded import ensure_database, start_embedded, with_database
from portal.db.migrate import migrate
from portal.db.pool import Database
from portal.settings import Settings, load_settings

# The portal's dates are Amsterdam's (portal/clock.py); the tests' `date.today()` is too, so that a
# run between 23:00 and 01:00 UTC does not compare two different days.
os.environ["TZ"] = "Europe/Amsterdam"
time.tzset()

ROOT = Path(__file__).resolve().parent.parent
AMSTERDAM, ZAANSTAD, DIEMEN = "0363", "0479", "0384"


@pytest.fixture(scope="session")
def server_dsn() -> str:
    return os.environ.get("DATABASE_URL") or start_embedded(ROOT / ".rmc-data" / "test-pg")


@pytest.fixture(scope="session")
async def admin_dsn(server_dsn: str) -> AsyncIterator[str]:
    name = f"rmc_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    await ensure_database(server_dsn, name)
    dsn = with_database(server_dsn, name)
    await migrate(dsn, Settings().db_app_password)
    yield dsn
    conn = await asyncpg.connect(server_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def settings(admin_dsn: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(
        env={},
        environment="test",
        database_url=admin_dsn,
        data_dir=str(tmp_path_factory.mktemp("data")),
        cookie_secure=False,
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
async def db(settings: Settings, admin_dsn: str) -> AsyncIterator[Database]:
    database = await Database.connect(settings, admin_dsn, min_size=1, max_size=5)
    yield database
    await database.close()


@pytest.fixture(scope="session")
def app(settings: Settings, db: Database) -> Litestar:
    return create_app(settings, database=db)


@asynccontextmanager
async def serve_in_loop(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app and talk to it in the test's own event loop, so it can share the session's
    asyncpg pool (Litestar's AsyncTestClient runs the app in a portal thread with its own loop).
    The lifespan runs in a task of its own: anyio wants it entered and left in one task."""
    started, stop = asyncio.Event(), asyncio.Event()

    async def lifespan() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(lifespan())
    await asyncio.wait_for(started.wait(), timeout=10)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        stop.set()
        await task


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with serve_in_loop(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def tokens(settings: Settings) -> TokenService:
    return TokenService(settings, load_or_create_signing_key(settings.key_file, create=True))


UserFactory = Callable[..., Awaitable[Principal]]


@pytest.fixture
def make_user(db: Database) -> UserFactory:
    """Create a real user in the database and return its principal."""

    async def factory(
        tenant: str = AMSTERDAM,
        *roles: Role,
        team: str | None = None,
        brin: str | None = None,
        boa: bool = False,
    ) -> Principal:
        roles = roles or (Role.LEERPLICHTAMBTENAAR,)
        email = f"{uuid.uuid4().hex[:10]}@test.example.nl"
        user_id = await add_user(
            db,
            NewUser(
                email=email,
                tenant_id=tenant,
                roles=tuple(r.value for r in roles),
                naam="Test Gebruiker",
                team=team,
                brin=brin,
                vestiging="00" if brin else None,
                boa=boa,
            ),
        )
        team_id = None
        if team:
            async with db.tenant_tx(None, tenant_id=tenant) as tx:
                team_id = await tx.conn.fetchval("SELECT team_id FROM users WHERE id = $1", user_id)
        return Principal(
            user_id=user_id,
            tenant_id=tenant,
            email=email,
            naam="Test Gebruiker",
            roles=frozenset(roles),
            team_id=team_id,
            brin=brin,
            vestiging="00" if brin else None,
            boa=boa,
        )

    return factory


def bearer(tokens: TokenService, principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens.issue(principal.user_id)}"}


@pytest.fixture
async def case(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    tmp_path_factory: pytest.TempPathFactory,
    make_user: UserFactory,
) -> dict[str, Any]:
    """A pupil of Zaak College (14, vmbo) with a melding of 20 hours: the start of a case."""
    from tests.verzuim.helpers import leerling_met_melding

    gemeld = await leerling_met_melding(
        db,
        client,
        tokens,
        make_user,
        tmp_path_factory.mktemp("zaak"),
        brin="60HH",
        school="Zaak College",
        onderwijssoort="vmbo",
        voornaam="Noa",
        achternaam="Zaak",
        leeftijd=14,
        uren=20,
    )
    return {"bsn": gemeld.bsn, "melding": gemeld.melding, "school": gemeld.school}
