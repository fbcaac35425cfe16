"""The functioneel beheerder's operations on the outbox, shared by the API and the beheer page."""

from __future__ import annotations

from uuid import UUID

from litestar.exceptions import ClientException

from portal.audit.log import record
from portal.auth.principal import Principal
from portal.db.pool import Database
from portal.outbox import store


async def berichten(
    db: Database, principal: Principal, request_id: str, status: str, limit: int
) -> list[store.OutboxMessage]:
    async with db.tenant_tx(principal, request_id=request_id) as tx:
        return await store.list_messages(tx.conn, status, limit)


async def opnieuw(
    db: Database, principal: Principal, message_id: UUID, request_id: str
) -> store.OutboxMessage | None:
    """A dead message back in the queue (409 for any other); audited."""
    async with db.tenant_tx(principal, request_id=request_id, purpose="berichtbeheer") as tx:
        message = await store.get(tx.conn, message_id)
        if message is None:
            return None
        if not await store.resend(tx.conn, message_id):
            raise ClientException(
                f"Alleen een dood bericht kan opnieuw; dit bericht is '{message.status}'.",
                status_code=409,
            )
        await record(tx, "update", "outbox", message_id, detail={"actie": "opnieuw versturen"})
        return await store.get(tx.conn, message_id)
