"""`rmc-portal`: the command line of API.md (serve, worker, migrate, demo, users, token, audit).

Every failure an operator can cause ends in one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import asyncio
import functools
import signal
import sys
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

import asyncpg
import click

from portal.settings import Settings, SettingsError, load_settings

P = ParamSpec("P")
T = TypeVar("T")


class CliError(Exception):
    """A one-line reason for the operator."""


def _fail(message: str) -> None:
    click.echo(f"rmc-portal: {message}", err=True)
    sys.exit(1)


def one_line_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn known failures into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        from portal.administratie.imports import ImportFileError
        from portal.auth.tokens import InvalidToken
        from portal.beheer.gebruikers import UserError
        from portal.db.migrate import MigrationError

        try:
            return func(*args, **kwargs)
        except (
            CliError,
            SettingsError,
            UserError,
            MigrationError,
            InvalidToken,
            ImportFileError,
        ) as exc:
            _fail(exc.cli() if isinstance(exc, UserError) else str(exc))
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            _fail(f"database: {type(exc).__name__}: {exc}".splitlines()[0])
        raise AssertionError("unreachable")

    return wrapper


def settings_from_env(**overrides: Any) -> Settings:
    return load_settings(**overrides)


def resolve_admin_dsn(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    if settings.production:
        raise CliError(
            "DATABASE_URL is vereist in productie; de ingebouwde database is voor ontwikkeling"
        )
    from portal.db.embedded import start_embedded

    click.echo(f"Ingebouwde PostgreSQL starten in {settings.data_dir / 'pg'} …", err=True)
    return start_embedded(settings.data_dir)


def serving_settings(settings: Settings) -> Settings:
    """Settings for serve/worker: the application role's DSN when given, else derived."""
    if settings.app_database_url:
        return settings
    return settings_from_env(database_url=resolve_admin_dsn(settings))


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def _migrate(settings: Settings, admin_dsn: str) -> None:
    from portal.db.migrate import migrate

    applied = await migrate(
        admin_dsn,
        settings.db_app_password,
        progress=lambda m: click.echo(f"  migratie {m.version:04d} {m.name} …", err=True),
    )
    click.echo(f"Schema bijgewerkt: {len(applied)} migratie(s) toegepast.", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Registratie- en zaaksysteem Leerplicht en RMC, RMC-regio Agglomeratie Amsterdam."""


@main.command()
@one_line_errors
def migrate() -> None:
    """Create or upgrade the schema."""
    settings = settings_from_env()
    run_async(_migrate(settings, resolve_admin_dsn(settings)))


async def _serve(
    settings: Settings,
    host: str,
    port: int,
    *,
    with_worker: bool,
    simulators: dict[str, int] | None = None,
) -> None:
    import uvicorn

    from portal.app import create_app
    from portal.db.pool import Database
    from portal.worker import run_worker

    db = await Database.connect(settings, settings.database_url or "")
    stop = asyncio.Event()
    app = create_app(settings, database=db)
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, lifespan="on")
    )
    helpers = [
        _simulator_server(partner, sim_port) for partner, sim_port in (simulators or {}).items()
    ]
    background = [asyncio.create_task(h.serve()) for h in helpers]
    worker = asyncio.create_task(run_worker(settings, db, stop)) if with_worker else None
    try:
        await server.serve()
    finally:
        stop.set()
        if worker:
            await worker
        for helper in helpers:
            helper.should_exit = True
        await asyncio.gather(*background, return_exceptions=True)
        await db.close()


def _simulator_server(partner: str, port: int, faults: Any = None) -> Any:
    import uvicorn

    from integrations.simulators import create_simulator

    return uvicorn.Server(
        uvicorn.Config(
            create_simulator(partner, faults),
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@one_line_errors
def serve(host: str, port: int) -> None:
    """HTTP server."""
    settings = serving_settings(settings_from_env())
    run_async(_serve(settings, host, port, with_worker=False))


@main.command()
@one_line_errors
def worker() -> None:
    """Outbox delivery and scheduled jobs."""
    from portal.db.pool import Database
    from portal.observability.logging import configure_logging
    from portal.worker import run_worker

    settings = serving_settings(settings_from_env())
    configure_logging(settings.log_level, settings.log_format)

    async def go() -> None:
        db = await Database.connect(settings, settings.database_url or "")
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await run_worker(settings, db, stop)
        finally:
            await db.close()

    run_async(go())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@one_line_errors
def demo(host: str, port: int) -> None:
    """Embedded database + demo data + server + worker."""
    from portal.demo import DEMO_USERS, seed_demo_region, seed_demo_users

    base = settings_from_env()
    if base.production:
        raise CliError("demo wordt geweigerd in productie")
    settings = settings_from_env(
        environment="demo",
        cookie_secure=False,
        log_format="console" if sys.stderr.isatty() else base.log_format,
        base_url=f"http://{host}:{port}",
    )
    from integrations.simulators import SIMULATED
    from portal.settings import PartnerConfig

    simulators = {partner: SIMULATOR_BASE_PORT + i for i, partner in enumerate(SIMULATED, start=1)}
    settings = settings_from_env(
        environment="demo",
        cookie_secure=False,
        log_format=settings.log_format,
        base_url=settings.base_url,
        database_url=resolve_admin_dsn(settings),
        partners={
            partner: PartnerConfig(base_url=f"http://127.0.0.1:{sim_port}", timeout_seconds=5)
            for partner, sim_port in simulators.items()
        },
    )
    admin_dsn = settings.database_url or ""
    run_async(_migrate(settings, admin_dsn))

    async def seed_region() -> None:
        from portal.db.pool import Database

        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            await seed_demo_region(db, say=lambda text: click.echo(text, err=True))
        finally:
            await db.close()

    run_async(seed_region())
    created = run_async(seed_demo_users(admin_dsn))
    click.echo(f"Demogebruikers: {len(DEMO_USERS)} ({created} nieuw).", err=True)
    click.echo(
        f"Portaal: {settings.base_url}  (inloggen: {settings.base_url}/auth/login)", err=True
    )
    for partner, sim_port in simulators.items():
        click.echo(f"Simulator {partner}: http://127.0.0.1:{sim_port}/_sim/stats", err=True)
    run_async(_serve(settings, host, port, with_worker=True, simulators=simulators))


SIMULATOR_BASE_PORT = 8100


@main.command()
@click.option("--port-base", default=SIMULATOR_BASE_PORT, show_default=True, type=int)
@click.option("--fail", default=0.0, type=click.FloatRange(0, 1), help="share answered 503")
@click.option("--hang", default=0.0, type=click.FloatRange(0, 1), help="share that hangs")
@click.option("--drop", default=0.0, type=click.FloatRange(0, 1), help="share whose answer is lost")
@click.option("--hang-seconds", default=30.0, type=float)
@one_line_errors
def simulators(port_base: int, fail: float, hang: float, drop: float, hang_seconds: float) -> None:
    """Partner simulators on loopback, one port per partner from port-base+1 (printed at start)."""
    from integrations.simulators import SIMULATED, Faults

    faults = Faults(fail=fail, hang=hang, drop=drop, hang_seconds=hang_seconds)

    async def go() -> None:
        servers = [
            _simulator_server(partner, port_base + i, faults)
            for i, partner in enumerate(SIMULATED, start=1)
        ]
        for i, partner in enumerate(SIMULATED, start=1):
            click.echo(f"{partner}: http://127.0.0.1:{port_base + i}", err=True)
        await asyncio.gather(*(s.serve() for s in servers))

    run_async(go())


# The operator's data commands (users, token, import, controles, audit) register on `main` there.
from portal import cli_beheer  # noqa: E402, F401
