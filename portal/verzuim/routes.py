"""API.md "Schools": POST /meldingen, GET /meldingen, GET /meldingen/{id} (role school)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.verzuim import service
from portal.verzuim.models import Melding, MeldingLijst, NieuweMelding


class MeldingenController(Controller):
    path = "/api/v1/meldingen"
    tags = ["scholen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.SUBMIT_AS_SCHOOL)]  # noqa: RUF012

    @post("/", status_code=201)
    async def melden(self, data: JSONBody[NieuweMelding], ctx: Ctx) -> Melding:
        """A verzuimmelding with the fields of the Besluit verzuimmelding and DUO's soorten."""
        return await service.meld(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> MeldingLijst:
        """The school's own meldingen, newest first."""
        return await service.eigen_meldingen(ctx, limit=paging.limit, cursor=paging.cursor)

    @get("/{melding_id:uuid}")
    async def een(self, ctx: Ctx, melding_id: FromPath[UUID]) -> Melding:
        return gevonden(await service.eigen_melding(ctx, melding_id))
