"""`rmc-portal worker`: delivers the outbox, runs the daily controls, keeps house.

Any number of workers may run side by side: outbox rows are claimed with FOR UPDATE SKIP LOCKED and
a lease, and the controls are idempotent (one open signal per jongere and kind).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from datetime import date, timedelta

import msgspec
from opentelemetry import metrics

from integrations.duo.feed import DuoFeed
from integrations.inlichtingenbureau.client import IbClient
from integrations.registry import build_registry
from portal.administratie import verhuizing
from portal.administratie.service import controles_uitvoeren
from portal.auth.sessions import purge_expired
from portal.db.pool import Database
from portal.observability.logging import get_logger
from portal.outbox import store
from portal.outbox.delivery import deliver_due
from portal.rmc.verrijking import verrijkingen_ophalen
from portal.settings import Settings
from portal.verzuim.duo_intake import duo_intake, duo_kenmerken

log = get_logger(__name__)
VERHUIZINGEN_PER_RONDE = 50
"""Documents a housekeeping round drafts per gemeente: a first BRP extract with many movers is
sent over several rounds instead of holding the worker for minutes."""
_backlog: dict[str, tuple[int, float]] = {}


def _observe_backlog(_options: metrics.CallbackOptions) -> list[metrics.Observation]:
    return [metrics.Observation(n, {"tenant": t}) for t, (n, _age) in _backlog.items()]


def _observe_age(_options: metrics.CallbackOptions) -> list[metrics.Observation]:
    return [metrics.Observation(age, {"tenant": t}) for t, (_n, age) in _backlog.items()]


_meter = metrics.get_meter("rmc-portal.outbox")
_meter.create_observable_gauge(
    "outbox.backlog", callbacks=[_observe_backlog], description="pending outbox messages"
)
_meter.create_observable_gauge(
    "outbox.oldest_age", callbacks=[_observe_age], unit="s", description="age of the oldest"
)


async def run_worker(
    settings: Settings,
    db: Database,
    stop: asyncio.Event,
    *,
    housekeeping_every: float = 60.0,
) -> None:
    poll = settings.worker_poll_seconds
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    registry, clients = build_registry(settings)
    async with db.system_conn() as conn:
        tenants = [r["id"] for r in await conn.fetch("SELECT id FROM tenants ORDER BY id")]
    log.info("worker_started", partners=sorted(settings.partners), poll_s=poll)
    controlled_on: date | None = None
    housekept = 0.0
    duo_pulled = 0.0
    duo = next((c for c in clients if c.partner == "duo"), None)
    feed = DuoFeed(duo) if duo else None
    ib_http = next((c for c in clients if c.partner == "inlichtingenbureau"), None)
    ib = IbClient(ib_http) if ib_http else None
    try:
        while not stop.is_set():
            today = db.vandaag()
            if controlled_on != today:
                await _daily_controls(db, tenants, today)
                controlled_on = today
            if feed and time.monotonic() - duo_pulled >= settings.duo_poll_seconds:
                await _duo_intake(db, feed, tenants)
                duo_pulled = time.monotonic()
            if time.monotonic() - housekept >= housekeeping_every:
                await _housekeeping(settings, db, tenants)
                await _verhuizingen(db, tenants)
                if ib:
                    await _vsv_verrijken(db, ib, tenants)
                housekept = time.monotonic()
            claimed = 0
            try:
                stats = await deliver_due(
                    db,
                    registry,
                    tenants,
                    lease=lease,
                    backoff_base=settings.outbox_backoff_base_seconds,
                    max_attempts=settings.outbox_max_attempts,
                )
                claimed = stats.claimed
                if claimed:
                    log.info(
                        "outbox_round", **{k: getattr(stats, k) for k in stats.__struct_fields__}
                    )
            except Exception as exc:  # database away for a moment: keep going
                log.error("outbox_round_failed", error_type=type(exc).__name__)
            if not claimed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=poll)
    finally:
        for client in clients:
            await client.aclose()
        log.info("worker_stopped")


async def _housekeeping(settings: Settings, db: Database, tenants: list[str]) -> None:
    try:
        async with db.system_conn() as conn:
            purged = await purge_expired(
                conn,
                idle_seconds=settings.session_idle_seconds,
                absolute_seconds=settings.session_absolute_seconds,
            )
        if purged:
            log.info("sessions_purged", count=purged)
        for tenant in tenants:
            async with db.tenant_tx(None, tenant_id=tenant, purpose="outbox") as tx:
                pending, age = await store.backlog(tx.conn)
            _backlog[tenant] = (pending, age or 0.0)
            if pending:
                log.info("outbox_backlog", tenant=tenant, pending=pending, oldest_s=round(age or 0))
    except Exception as exc:  # keep the worker alive; the next round tries again
        log.error("housekeeping_failed", error_type=type(exc).__name__)


async def _verhuizingen(db: Database, tenants: list[str]) -> None:
    """The school history of jongeren who moved (art. 3.9), a bounded batch per round."""
    for tenant in tenants:
        try:
            verstuurd = await verhuizing.versturen(
                db, tenant_id=tenant, limit=VERHUIZINGEN_PER_RONDE
            )
            if verstuurd:
                log.info("overdrachten_woongemeente", tenant=tenant, verstuurd=verstuurd)
        except Exception as exc:  # one bad record: the next round tries the rest again
            log.error(
                "overdracht_woongemeente_mislukt", tenant=tenant, error_type=type(exc).__name__
            )


async def _vsv_verrijken(db: Database, ib: IbClient, tenants: list[str]) -> None:
    for tenant in tenants:
        try:
            result = await verrijkingen_ophalen(db, ib, tenant)
            if result.verrijkt:
                log.info("vsv_verrijkt", tenant=tenant, **msgspec.structs.asdict(result))
        except Exception as exc:  # the Inlichtingenbureau away: the next round asks again
            log.error("vsv_verrijken_mislukt", tenant=tenant, error_type=type(exc).__name__)


async def _duo_intake(db: Database, feed: DuoFeed, tenants: list[str]) -> None:
    for tenant in tenants:
        try:
            kenmerken = await duo_kenmerken(db, tenant)
            if kenmerken.vastgelegd:
                log.info("duo_kenmerken", tenant=tenant, **msgspec.structs.asdict(kenmerken))
            result = await duo_intake(db, feed, tenant)
            if result.nieuw or result.samengevoegd or result.ongeldig:
                log.info("duo_intake", tenant=tenant, **msgspec.structs.asdict(result))
        except Exception as exc:  # DUO away or one gemeente's page bad: the next round retries
            log.error("duo_intake_mislukt", tenant=tenant, error_type=type(exc).__name__)


async def _daily_controls(db: Database, tenants: list[str], today: date) -> None:
    for code in tenants:
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
