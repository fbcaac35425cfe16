"""`rmc-portal worker`: the daily controls and housekeeping; outbox delivery joins here.

Several workers may run: the daily controls take a transaction-level advisory lock per tenant and
day's run is idempotent (one open signal per jongere and kind), so a second worker finds nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date

from portal.administratie.service import controles_uitvoeren
from portal.auth.sessions import purge_expired
from portal.db.pool import Database
from portal.observability.logging import get_logger
from portal.settings import Settings

log = get_logger(__name__)


async def run_worker(
    settings: Settings, db: Database, stop: asyncio.Event, interval: float = 60.0
) -> None:
    log.info("worker_started", interval_s=interval)
    controlled_on: date | None = None
    while not stop.is_set():
        today = date.today()
        if controlled_on != today:
            await _daily_controls(db, today)
            controlled_on = today
        try:
            async with db.system_conn() as conn:
                purged = await purge_expired(
                    conn,
                    idle_seconds=settings.session_idle_seconds,
                    absolute_seconds=settings.session_absolute_seconds,
                )
            if purged:
                log.info("sessions_purged", count=purged)
        except Exception as exc:  # keep the worker alive; the next round tries again
            log.error("housekeeping_failed", error_type=type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
    log.info("worker_stopped")


async def _daily_controls(db: Database, today: date) -> None:
    async with db.system_conn() as conn:
        codes = [r["id"] for r in await conn.fetch("SELECT id FROM tenants ORDER BY id")]
    for code in codes:
        try:
            result = await controles_uitvoeren(db, today, tenant_id=code)
            log.info(
                "controles_uitgevoerd",
                tenant=code,
                vermoedens_absoluut_verzuim=result.vermoedens_absoluut_verzuim,
                uitschrijvingen_zonder_inschrijving=result.uitschrijvingen_zonder_inschrijving,
            )
        except Exception as exc:  # one tenant's failure must not stop the others
            log.error("controles_mislukt", tenant=code, error_type=type(exc).__name__)
