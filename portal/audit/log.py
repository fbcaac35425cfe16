"""The one function every use case calls to audit a read or change.

It writes in the use case's own transaction, so an audited change and its audit event commit
together or not at all. Actor, roles, sequence and hashes are filled in by the database from the
transaction's settings: the application cannot forge them.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from portal.db.pool import Tx

Action = Literal["read", "create", "update", "delete", "export", "login", "logout"]


async def record(
    tx: Tx,
    action: Action,
    object_type: str,
    object_id: str | UUID | None = None,
    *,
    jongere_id: UUID | None = None,
    purpose: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    await tx.conn.execute(
        "INSERT INTO audit_events (tenant_id, action, object_type, object_id, jongere_id, purpose,"
        " request_id, detail, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', '')",
        tx.tenant_id,
        action,
        object_type,
        None if object_id is None else str(object_id),
        jongere_id,
        purpose or tx.purpose,
        tx.request_id,
        detail or {},
    )


async def record_many(
    tx: Tx,
    action: Action,
    object_type: str,
    object_ids: list[str],
    jongere_ids: list[UUID | None],
    *,
    purpose: str | None = None,
) -> None:
    """Audit a list read: one event per jongere shown, in one round trip."""
    await tx.conn.execute(
        "INSERT INTO audit_events (tenant_id, action, object_type, object_id, jongere_id, purpose,"
        " request_id, prev_hash, hash)"
        " SELECT $1, $2, $3, o, j, $6, $7, '', '' FROM unnest($4::text[], $5::uuid[]) AS t (o, j)",
        tx.tenant_id,
        action,
        object_type,
        object_ids,
        jongere_ids,
        purpose or tx.purpose,
        tx.request_id,
    )
