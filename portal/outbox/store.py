"""The outbox table: enqueue inside a use case's transaction; claim, settle and re-send for the
worker and the functioneel beheerder. Every query runs under the transaction's tenant (RLS)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import msgspec

from portal.db.pool import Tx
from portal.db.types import Conn


class OutboxMessage(msgspec.Struct, frozen=True):
    id: UUID
    tenant_id: str
    partner: str
    soort: str
    payload: dict[str, Any]
    attempts: int
    status: str = "pending"
    last_error: str | None = None
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    partner_ref: str | None = None


def _message(row: Any) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        tenant_id=row["tenant_id"],
        partner=row["partner"],
        soort=row["soort"],
        payload=row["payload"],
        attempts=row["attempts"],
        status=row["status"],
        last_error=row["last_error"],
        created_at=row["created_at"],
        delivered_at=row["delivered_at"],
        partner_ref=row["partner_ref"],
    )


async def enqueue(
    tx: Tx, partner: str, soort: str, payload: msgspec.Struct, *, zaak_id: UUID | None = None
) -> UUID:
    """Write a message in the use case's own transaction: it leaves only if the change commits.
    The id is made here, not returned: a school's or the Jongerenpunt's request may enqueue a
    message that its role may not read back (migration 0032). `zaak_id`: the case whose step
    sends it, whose behandelaar hears when it is refused or not delivered."""
    message_id = uuid4()
    await tx.conn.execute(
        "INSERT INTO outbox (tenant_id, id, partner, soort, payload, zaak_id)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        tx.tenant_id,
        message_id,
        partner,
        soort,
        msgspec.to_builtins(payload),
        zaak_id,
    )
    return message_id


async def claim(conn: Conn, limit: int, lease: timedelta) -> list[OutboxMessage]:
    """Take up to `limit` due messages of the connection's tenant for one lease. Rows another
    worker holds are skipped; a worker that dies loses its lease and the rows come back."""
    rows = await conn.fetch(
        """WITH due AS (
               SELECT tenant_id, id FROM outbox
               WHERE status = 'pending' AND next_attempt_at <= now()
                 AND (leased_until IS NULL OR leased_until < now())
               ORDER BY next_attempt_at
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
           UPDATE outbox o SET attempts = o.attempts + 1, leased_until = now() + $2
           FROM due WHERE o.tenant_id = due.tenant_id AND o.id = due.id
           RETURNING o.*""",
        limit,
        lease,
    )
    return [_message(r) for r in rows]


async def delivered(conn: Conn, message_id: UUID, partner_ref: str | None) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'delivered', delivered_at = now(), leased_until = NULL,"
        " partner_ref = $2, last_error = NULL WHERE id = $1 AND status = 'pending'",
        message_id,
        partner_ref,
    )


async def retry_later(conn: Conn, message_id: UUID, delay: timedelta, error: str) -> None:
    await conn.execute(
        "UPDATE outbox SET next_attempt_at = now() + $2, leased_until = NULL, last_error = $3"
        " WHERE id = $1 AND status = 'pending'",
        message_id,
        delay,
        error[:500],
    )


async def dead(conn: Conn, message_id: UUID, error: str, *, geweigerd: bool = False) -> None:
    """Parked for the functioneel beheerder; `geweigerd` when the partner refused it (an answer
    that trying again will not change), not merely no answer after every attempt."""
    await conn.execute(
        "UPDATE outbox SET status = 'dead', leased_until = NULL, last_error = $2, geweigerd = $3"
        " WHERE id = $1 AND status = 'pending'",
        message_id,
        error[:500],
        geweigerd,
    )


async def list_messages(
    conn: Conn,
    status: str,
    limit: int,
    na: tuple[datetime, UUID] | None = None,
) -> list[OutboxMessage]:
    """Messages of one status, newest first, after the keyset `na` (created_at, id)."""
    rows = await conn.fetch(
        "SELECT * FROM outbox WHERE status = $1"
        " AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))"
        " ORDER BY created_at DESC, id DESC LIMIT $2",
        status,
        limit,
        na[0] if na else None,
        na[1] if na else None,
    )
    return [_message(r) for r in rows]


async def get(conn: Conn, message_id: UUID) -> OutboxMessage | None:
    row = await conn.fetchrow("SELECT * FROM outbox WHERE id = $1", message_id)
    return _message(row) if row else None


async def resend(conn: Conn, message_id: UUID) -> bool:
    """A dead message goes back in the queue with a fresh set of attempts; same id, so a partner
    that did receive it after all recognises it."""
    status = await conn.execute(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(),"
        " leased_until = NULL, geweigerd = false WHERE id = $1 AND status = 'dead'",
        message_id,
    )
    return status == "UPDATE 1"


async def backlog(conn: Conn) -> tuple[int, float | None]:
    """Pending messages and the age in seconds of the oldest (for metrics)."""
    row = await conn.fetchrow(
        "SELECT count(*) AS n, extract(epoch FROM now() - min(created_at)) AS age"
        " FROM outbox WHERE status = 'pending'"
    )
    assert row is not None
    return row["n"], float(row["age"]) if row["age"] is not None else None
