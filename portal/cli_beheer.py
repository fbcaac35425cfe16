"""`rmc-portal` commands for an operator's data: users, tokens, imports, the controls and the audit
log's verification. They register on the group of `portal.cli`, which imports this module."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import click

from portal.cli import (
    CliError,
    main,
    one_line_errors,
    resolve_admin_dsn,
    run_async,
    settings_from_env,
)

T = TypeVar("T")


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
@click.option("--telefoon", default=None, help="direct telefoonnummer, voor brieven")
@click.option("--functie", default=None, help="functie onder de brieven, bijv. leerplichtambtenaar")
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
    telefoon: str | None,
    functie: str | None,
) -> None:
    """Add a user with tenant, role(s) and scope."""
    from portal.beheer.gebruikers import NewUser, add_user, validate
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
        telefoon=telefoon,
        functie=functie,
    )
    validate(new)  # fail before starting a database
    settings = settings_from_env()
    admin_dsn = resolve_admin_dsn(settings)

    async def go() -> Any:
        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            return await add_user(db, new)
        finally:
            await db.close()

    click.echo(str(run_async(go())))


@main.command()
@click.option("--email", required=True)
@click.option("--ttl", default=None, type=click.IntRange(60, 7 * 24 * 3600), help="seconden")
@one_line_errors
def token(email: str, ttl: int | None) -> None:
    """Print a bearer token for a user (refused in production)."""
    from portal.auth.tokens import load_or_create_signing_key

    settings = settings_from_env()
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

    user_id = run_async(find())
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
    settings = settings_from_env()
    admin_dsn = resolve_admin_dsn(settings)
    size = file.stat().st_size

    async def go() -> Any:
        db = await Database.connect(settings, admin_dsn, min_size=1, max_size=1)
        try:
            with _progress(size, f"import {soort}") as advance:
                return await import_file(db, soort, file, tenant_id=tenant, progress=advance)
        finally:
            await db.close()

    report = run_async(go())
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
    settings = settings_from_env()
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

    for code, result in run_async(go()):
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

    settings = settings_from_env()
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
    for report in run_async(go()):
        if report.intact:
            click.echo(f"{report.tenant_id}: intact ({report.checked} gebeurtenissen)")
        else:
            broken = True
            click.echo(
                f"{report.tenant_id}: GEBROKEN bij volgnummer {report.broken_seq}: {report.reason}"
            )
    if broken:
        sys.exit(1)
