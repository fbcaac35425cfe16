"""`rmc-portal`: the command line of API.md (serve, worker, migrate, demo, users, token, audit).

Every failure an operator can cause ends in one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
import sys
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
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
        from portal.beheer.users import UserError
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


def _settings(**overrides: Any) -> Settings:
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
    return _settings(database_url=resolve_admin_dsn(settings))


def _run(coro: Coroutine[Any, Any, T]) -> T:
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
    settings = _settings()
    _run(_migrate(settings, resolve_admin_dsn(settings)))


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
    settings = serving_settings(_settings())
    _run(_serve(settings, host, port, with_worker=False))


@main.command()
@one_line_errors
def worker() -> None:
    """Outbox delivery and scheduled jobs."""
    from portal.db.pool import Database
    from portal.observability.logging import configure_logging
    from portal.worker import run_worker

    settings = serving_settings(_settings())
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

    _run(go())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@one_line_errors
def demo(host: str, port: int) -> None:
    """Embedded database + demo data + server + worker."""
    from portal.demo import DEMO_USERS, seed_demo_region, seed_demo_users

    base = _settings()
    if base.production:
        raise CliError("demo wordt geweigerd in productie")
    settings = _settings(
        environment="demo",
        cookie_secure=False,
        log_format="console" if sys.stderr.isatty() else base.log_format,
        base_url=f"http://{host}:{port}",
    )
    from integrations.simulators import SIMULATED
    from portal.settings import PartnerConfig

    simulators = {partner: SIMULATOR_BASE_PORT + i for i, partner in enumerate(SIMULATED, start=1)}
    settings = _settings(
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
    _run(_migrate(settings, admin_dsn))

    async def seed_region() -> None:
        from portal.db.pool import Database

        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            await seed_demo_region(db, say=lambda text: click.echo(text, err=True))
        finally:
            await db.close()

    _run(seed_region())
    created = _run(seed_demo_users(admin_dsn))
    click.echo(f"Demogebruikers: {len(DEMO_USERS)} ({created} nieuw).", err=True)
    click.echo(
        f"Portaal: {settings.base_url}  (inloggen: {settings.base_url}/auth/login)", err=True
    )
    for partner, sim_port in simulators.items():
        click.echo(f"Simulator {partner}: http://127.0.0.1:{sim_port}/_sim/stats", err=True)
    _run(_serve(settings, host, port, with_worker=True, simulators=simulators))


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

    _run(go())


@main.group()
def users() -> None:
    """Portal users."""


@users.command("add")
@click.option("--email", required=True)
@click.option("--tenant", "tenant", required=True, help="CBS gemeentecode, bijv. 0363")
@click.option("--role", "roles", required=True, multiple=True, help="rol (herhaalbaar)")
@click.option("--team", default=None)
@click.option("--brin", default=None)
@click.option("--vestiging", default=None)
@click.option("--naam", default="")
@click.option("--boa", is_flag=True, default=False)
@one_line_errors
def users_add(
    email: str,
    tenant: str,
    roles: tuple[str, ...],
    team: str | None,
    brin: str | None,
    vestiging: str | None,
    naam: str,
    boa: bool,
) -> None:
    """Add a user with tenant, role(s) and scope."""
    from portal.beheer.users import NewUser, add_user, validate
    from portal.db.pool import Database

    new = NewUser(
        email=email,
        tenant_id=tenant,
        roles=roles,
        naam=naam,
        team=team,
        brin=brin,
        vestiging=vestiging if vestiging or not brin else "00",
        boa=boa,
    )
    validate(new)  # fail before starting a database
    settings = _settings()
    admin_dsn = resolve_admin_dsn(settings)

    async def go() -> Any:
        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            return await add_user(db, new)
        finally:
            await db.close()

    click.echo(str(_run(go())))


@main.command()
@click.option("--email", required=True)
@click.option("--ttl", default=None, type=click.IntRange(60, 7 * 24 * 3600), help="seconden")
@one_line_errors
def token(email: str, ttl: int | None) -> None:
    """Print a bearer token for a user (refused in production)."""
    from portal.auth.tokens import load_or_create_signing_key

    settings = _settings()
    if settings.production:
        raise CliError("token wordt geweigerd in productie; gebruik de inlogdienst")
    admin_dsn = resolve_admin_dsn(settings)

    async def find() -> Any:
        conn = await asyncpg.connect(admin_dsn)
        try:
            return await conn.fetchval(
                "SELECT id FROM portal.users WHERE lower(email) = lower($1) AND actief", email
            )
        finally:
            await conn.close()

    user_id = _run(find())
    if user_id is None:
        raise CliError(f"geen actieve gebruiker met e-mailadres {email}")
    from portal.auth.tokens import TokenService

    key = load_or_create_signing_key(settings.key_file, create=True)
    service = TokenService(settings, key)
    click.echo(service.issue(user_id, ttl))


@main.command("import")
@click.argument("soort", type=click.Choice(["scholen", "brp", "inschrijvingen", "diplomas", "jkp"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tenant", "tenant", default=None, help="CBS gemeentecode (niet bij scholen)")
@one_line_errors
def import_(soort: str, file: Path, tenant: str | None) -> None:
    """Import a ;-separated file (API.md "Import files"); rejected rows are listed."""
    from portal.administratie.service import import_file
    from portal.db.pool import Database

    if not file.is_file():
        raise CliError(f"bestand {file} bestaat niet")
    settings = _settings()
    admin_dsn = resolve_admin_dsn(settings)
    size = file.stat().st_size

    async def go() -> Any:
        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            with _progress(size, f"import {soort}") as advance:
                return await import_file(db, soort, file, tenant_id=tenant, progress=advance)
        finally:
            await db.close()

    report = _run(go())
    click.echo(
        f"{report.soort}: {report.gelezen} gelezen, {report.nieuw} nieuw, "
        f"{report.bijgewerkt} bijgewerkt, {report.ongewijzigd} ongewijzigd, "
        f"{len(report.afgewezen)} afgewezen"
        + "".join(f", {v} {k.replace('_', ' ')}" for k, v in report.extra.items() if v)
    )
    for afwijzing in report.afgewezen:
        click.echo(f"regel {afwijzing.regel}: {afwijzing.reden}")


@main.command()
@click.option("--tenant", "tenant", default=None, help="CBS gemeentecode; standaard alle gemeenten")
@click.option("--peildatum", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@one_line_errors
def controles(tenant: str | None, peildatum: Any) -> None:
    """Run the controls of art. 3.4-3.8 (the worker runs them daily too)."""
    from datetime import date

    from portal.administratie.service import controles_uitvoeren
    from portal.clock import SystemClock, vandaag
    from portal.db.pool import Database

    day: date = peildatum.date() if peildatum else vandaag(SystemClock())
    settings = _settings()
    admin_dsn = resolve_admin_dsn(settings)

    async def go() -> list[tuple[str, Any]]:
        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            async with db.system_conn() as conn:
                codes = [r["id"] for r in await conn.fetch("SELECT id FROM tenants ORDER BY id")]
            if tenant is not None and tenant not in codes:
                raise CliError(f"gemeentecode '{tenant}' hoort niet bij de regio")
            return [
                (code, await controles_uitvoeren(db, day, tenant_id=code))
                for code in ([tenant] if tenant else codes)
            ]
        finally:
            await db.close()

    for code, result in _run(go()):
        click.echo(
            f"{code}: {result.vermoedens_absoluut_verzuim} vermoedens absoluut verzuim, "
            f"{result.uitschrijvingen_zonder_inschrijving} uitschrijvingen zonder inschrijving "
            f"(peildatum {result.peildatum.isoformat()}, {result.kandidaten} kandidaten bekeken)"
        )


@contextlib.contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs, CI)."""
    if not sys.stderr.isatty():
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


@main.group()
def audit() -> None:
    """Audit log."""


@audit.command("verify")
@click.option("--tenant", default=None, help="CBS gemeentecode; standaard alle gemeenten")
@one_line_errors
def audit_verify(tenant: str | None) -> None:
    """Check the hash chain of the audit log; exit status 1 when it is broken."""
    from portal.audit.verify import verify_chain

    settings = _settings()
    admin_dsn = resolve_admin_dsn(settings)

    async def go() -> list[Any]:
        conn = await asyncpg.connect(admin_dsn)
        try:
            codes = (
                [tenant]
                if tenant
                else [
                    r["id"] for r in await conn.fetch("SELECT id FROM portal.tenants ORDER BY id")
                ]
            )
            return [await verify_chain(conn, code) for code in codes]
        finally:
            await conn.close()

    broken = False
    for report in _run(go()):
        if report.intact:
            click.echo(f"{report.tenant_id}: intact ({report.checked} gebeurtenissen)")
        else:
            broken = True
            click.echo(
                f"{report.tenant_id}: GEBROKEN bij volgnummer {report.broken_seq}: {report.reason}"
            )
    if broken:
        sys.exit(1)
