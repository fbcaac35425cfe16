"""API of the privacy officer: the audit log and a jongere's inzage overview."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from litestar import Controller, get
from litestar.params import FromPath, FromQuery, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, gevonden
from portal.inzage import auditlog, overzicht
from portal.inzage.auditlog import Auditlog
from portal.inzage.overzicht import Inzage


class PrivacyController(Controller):
    path = "/api/v1"
    tags = ["privacy"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.INSPECT_AUDIT)]  # noqa: RUF012

    @get("/auditlog")
    async def auditlog(
        self,
        ctx: Ctx,
        jongere_id: FromQuery[UUID | None] = None,
        gebruiker_id: FromQuery[UUID | None] = None,
        van: FromQuery[date | None] = None,
        tot: FromQuery[date | None] = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
        cursor: FromQuery[str | None] = None,
    ) -> Auditlog:
        """The gemeente's audit events, newest first; reading them is itself audited."""
        return await auditlog.lees(
            ctx,
            jongere_id=jongere_id,
            gebruiker_id=gebruiker_id,
            van=van,
            tot=tot,
            limit=limit,
            cursor=cursor,
        )

    @get("/jongeren/{jongere_id:uuid}/inzage")
    async def inzage(self, ctx: Ctx, jongere_id: FromPath[UUID]) -> Inzage:
        """Everything kept about the jongere and who used it (AVG art. 15), as an audited export."""
        return gevonden(await overzicht.inzage(ctx, jongere_id))
