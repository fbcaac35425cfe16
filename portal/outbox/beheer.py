"""The functioneel beheerder's operations on the outbox, shared by the API and the beheer page."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from portal.audit.log import record
from portal.db.paging import lees_cursor, maak_cursor
from portal.db.request_context import RequestContext
from portal.outbox import store
from portal.problems import conflict


async def berichten(
    ctx: RequestContext, status: str, limit: int, cursor: str | None = None
) -> tuple[list[store.OutboxMessage], str | None]:
    """A page of the tenant's messages of one status, newest first, and the cursor after it."""
    na = lees_cursor(cursor, f"outbox {status}", datetime, UUID) if cursor else None
    async with ctx.tx() as tx:
        rows = await store.list_messages(tx.conn, status, limit + 1, na)
    page = rows[:limit]
    last = page[-1] if page else None
    volgende = (
        maak_cursor(f"outbox {status}", last.created_at, last.id)
        if len(rows) > limit and last is not None and last.created_at is not None
        else None
    )
    return page, volgende


async def opnieuw(ctx: RequestContext, message_id: UUID) -> store.OutboxMessage | None:
    """A dead message back in the queue (409 for any other); audited."""
    async with ctx.tx(purpose="berichtbeheer") as tx:
        message = await store.get(tx.conn, message_id)
        if message is None:
            return None
        if not await store.resend(tx.conn, message_id):
            raise conflict(
                f"Alleen een dood bericht kan opnieuw; dit bericht is '{message.status}'."
            )
        await record(tx, "update", "outbox", message_id, detail={"actie": "opnieuw versturen"})
        return await store.get(tx.conn, message_id)
