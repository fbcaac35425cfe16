"""API.md "Schools": POST /meldingen, GET /meldingen, GET /meldingen/{id} (role school)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import DB, CurrentPrincipal, RequestId, gevonden
from portal.verzuim import service
from portal.verzuim.models import Melding, MeldingLijst, NieuweMelding


class MeldingenController(Controller):
    path = "/api/v1/meldingen"
    tags = ["scholen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.SUBMIT_AS_SCHOOL)]  # noqa: RUF012

    @post("/", status_code=201)
    async def melden(
        self,
        data: JSONBody[NieuweMelding],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Melding:
        """A verzuimmelding with the fields of the Besluit verzuimmelding and DUO's soorten."""
        return await service.meld(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: FromQuery[str | None] = None,
    ) -> MeldingLijst:
        """The school's own meldingen, newest first."""
        return await service.eigen_meldingen(db, principal, request_id, limit=limit, cursor=cursor)

    @get("/{melding_id:uuid}")
    async def een(
        self, melding_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Melding:
        return gevonden(await service.eigen_melding(db, principal, melding_id, request_id))
