"""API.md "Schools": POST /kennisgevingen (role school), and the school's own list."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging
from portal.kennisgevingen import service
from portal.kennisgevingen.service import Kennisgeving, Kennisgevingen, NieuweKennisgeving


class KennisgevingenController(Controller):
    path = "/api/v1/kennisgevingen"
    tags = ["scholen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.SUBMIT_AS_SCHOOL)]  # noqa: RUF012

    @post("/", status_code=201)
    async def indienen(self, data: JSONBody[NieuweKennisgeving], ctx: Ctx) -> Kennisgeving:
        """An in- or uitschrijving or (voorgenomen) verwijdering; late ones are marked."""
        return await service.indienen(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Kennisgevingen:
        """The school's own notices, newest first."""
        return await service.eigen(ctx, limit=paging.limit, cursor=paging.cursor)
