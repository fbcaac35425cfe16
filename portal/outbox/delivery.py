"""Delivers due outbox messages: claim per tenant (RLS holds for the worker too), call the
partners concurrently within one lease, then settle each message in its own short transaction."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import msgspec

from portal.db.pool import Database
from portal.observability.logging import get_logger
from portal.outbox import backoff, store
from portal.outbox.ports import Delivered, DeliveryFailed, PartnerNotConfigured, Registry

log = get_logger(__name__)
NOT_CONFIGURED_DELAY = timedelta(minutes=15)


class DeliveryStats(msgspec.Struct):
    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0


async def deliver_due(
    db: Database,
    registry: Registry,
    tenants: list[str],
    *,
    batch: int = 20,
    lease: timedelta = timedelta(seconds=120),
    backoff_base: float = backoff.BASE_SECONDS,
    max_attempts: int = backoff.MAX_ATTEMPTS,
    rng: random.Random | None = None,
) -> DeliveryStats:
    stats = DeliveryStats()
    for tenant in tenants:
        async with db.tenant_tx(None, tenant_id=tenant, purpose="outbox") as tx:
            messages = await store.claim(tx.conn, batch, lease)
        if not messages:
            continue
        stats.claimed += len(messages)
        outcomes = await asyncio.gather(*(_attempt(registry, m) for m in messages))
        async with db.tenant_tx(None, tenant_id=tenant, purpose="outbox") as tx:
            for message, outcome in zip(messages, outcomes, strict=True):
                if isinstance(outcome, Delivered):
                    await store.delivered(tx.conn, message.id, outcome.partner_ref)
                    stats.delivered += 1
                elif isinstance(outcome, PartnerNotConfigured):
                    await store.retry_later(tx.conn, message.id, NOT_CONFIGURED_DELAY, str(outcome))
                    stats.retried += 1
                elif outcome.retryable and not backoff.is_last(message.attempts, max_attempts):
                    delay = backoff.next_delay(message.attempts, rng, backoff_base)
                    await store.retry_later(tx.conn, message.id, delay, outcome.reason)
                    stats.retried += 1
                else:
                    await store.dead(
                        tx.conn,
                        message.id,
                        outcome.reason,
                        geweigerd=not outcome.retryable,
                    )
                    stats.dead += 1
                    log.warning(
                        "outbox_dead",
                        tenant=tenant,
                        partner=message.partner,
                        message_id=str(message.id),
                    )
    return stats


async def _attempt(
    registry: Registry, message: store.OutboxMessage
) -> Delivered | DeliveryFailed | PartnerNotConfigured:
    try:
        adapter = registry.get(message.partner)
    except PartnerNotConfigured as exc:
        return exc
    try:
        return await adapter.deliver(message)
    except DeliveryFailed as exc:
        return exc
    except Exception as exc:  # an adapter bug must not take the batch down; try again later
        log.error("adapter_error", partner=message.partner, error_type=type(exc).__name__)
        return DeliveryFailed(
            f"{message.partner}: interne fout ({type(exc).__name__})", retryable=True
        )
