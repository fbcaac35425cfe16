"""The functioneel beheerder's view of the outbox: list, inspect (personal data masked), re-send."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.params import FromPath, Parameter

from portal.audit.log import record
from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.outbox import beheer, store
from portal.redaction import mask_bericht


class Bericht(msgspec.Struct):
    id: UUID
    partner: str
    soort: str
    status: str
    pogingen: int
    laatste_fout: str | None
    aangemaakt_op: datetime | None
    afgeleverd_op: datetime | None
    partner_referentie: str | None


class BerichtDetail(Bericht):
    inhoud: dict[str, Any]


class BerichtenLijst(msgspec.Struct):
    items: list[Bericht]
    next_cursor: str | None = None


def _bericht(m: store.OutboxMessage) -> Bericht:
    return Bericht(
        m.id,
        m.partner,
        m.soort,
        m.status,
        m.attempts,
        m.last_error,
        m.created_at,
        m.delivered_at,
        m.partner_ref,
    )


class OutboxController(Controller):
    path = "/api/v1/outbox"
    tags = ["beheer"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.ADMINISTER)]  # noqa: RUF012

    @get("/")
    async def lijst(
        self,
        ctx: Ctx,
        paging: Paging,
        status: Annotated[str, Parameter(pattern="^(pending|delivered|dead)$")] = "dead",
    ) -> BerichtenLijst:
        """The gemeente's messages of one status, newest first."""
        messages, volgende = await beheer.berichten(ctx, status, paging.limit, paging.cursor)
        return BerichtenLijst(items=[_bericht(m) for m in messages], next_cursor=volgende)

    @get("/{message_id:uuid}")
    async def detail(self, ctx: Ctx, message_id: FromPath[UUID]) -> BerichtDetail:
        async with ctx.db.tenant_tx(
            ctx.principal, request_id=ctx.request_id, purpose="berichtbeheer"
        ) as tx:
            message = gevonden(await store.get(tx.conn, message_id))
            await record(tx, "read", "outbox", message_id, detail={"afgeschermd": True})
        return BerichtDetail(
            **msgspec.structs.asdict(_bericht(message)),
            inhoud=mask_bericht(message.partner, message.payload),
        )

    @post("/{message_id:uuid}/opnieuw", status_code=200)
    async def opnieuw(self, ctx: Ctx, message_id: FromPath[UUID]) -> Bericht:
        resent = gevonden(await beheer.opnieuw(ctx, message_id))
        return _bericht(resent)
