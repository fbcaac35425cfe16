"""`rmc-portal worker`: scheduled housekeeping now; outbox delivery joins here (partner issue)."""

from __future__ import annotations

import asyncio
import contextlib

from portal.auth.sessions import purge_expired
from portal.db.pool import Database
from portal.observability.logging import get_logger
from portal.settings import Settings

log = get_logger(__name__)


async def run_worker(
    settings: Settings, db: Database, stop: asyncio.Event, interval: float = 60.0
) -> None:
    log.info("worker_started", interval_s=interval)
    while not stop.is_set():
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
