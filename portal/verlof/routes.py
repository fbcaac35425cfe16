"""API.md "Schools": POST /verlofaanvragen, POST /verlofaanvragen/{id}/besluit (role school); and
the school's own list and one application."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import DB, CurrentPrincipal, Cursor, Limit, RequestId, gevonden
from portal.db.paging import STANDAARD, Pagina
from portal.verlof import procedure, service
from portal.verlof.models import (
    AdviesAntwoord,
    AdviesVraag,
    Besluit,
    NieuweAanvraag,
    Verlofaanvraag,
    VerlofLijst,
)
from portal.verlof.procedure import Procedure, Stap


class VerlofController(Controller):
    path = "/api/v1/verlofaanvragen"
    tags = ["scholen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.SUBMIT_AS_SCHOOL)]  # noqa: RUF012

    @post("/", status_code=201)
    async def aanvragen(
        self,
        data: JSONBody[NieuweAanvraag],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Verlofaanvraag:
        """Routed to the director or the leerplichtambtenaar by the 10-schooldagen rule."""
        return await service.aanvragen(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: FromQuery[str | None] = None,
    ) -> VerlofLijst:
        return await service.eigen(db, principal, request_id, limit=limit, cursor=cursor)

    @get("/{aanvraag_id:uuid}")
    async def een(
        self,
        aanvraag_id: FromPath[UUID],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Verlofaanvraag:
        return gevonden(await service.een(db, principal, aanvraag_id, request_id))

    @post("/{aanvraag_id:uuid}/advies", status_code=200)
    async def advies_vragen(
        self,
        aanvraag_id: FromPath[UUID],
        data: JSONBody[AdviesVraag],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Verlofaanvraag:
        """The director asks the leerplichtambtenaar's advice before deciding (art. 5.9)."""
        return gevonden(
            await service.advies_vragen(db, principal, aanvraag_id, data.vraag, request_id)
        )

    @post("/{aanvraag_id:uuid}/besluit", status_code=200)
    async def besluit(
        self,
        aanvraag_id: FromPath[UUID],
        data: JSONBody[Besluit],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Verlofaanvraag:
        """The director's decision where the director decides (409 otherwise)."""
        return gevonden(await service.besluiten(db, principal, aanvraag_id, data, request_id))


class VerlofProcedureController(Controller):
    path = "/api/v1/verlof"
    tags = ["verlof"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Procedure]:
        """Applications the leerplichtambtenaar decides, with their decision term and steps."""
        return await procedure.lijst(db, principal, request_id, limit=limit, cursor=cursor)

    @get("/adviesvragen")
    async def adviesvragen(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Verlofaanvraag]:
        """Directors' applications waiting for advice (art. 5.9)."""
        return await service.adviesvragen(db, principal, request_id, limit=limit, cursor=cursor)

    @post("/{aanvraag_id:uuid}/advies", status_code=200, guards=[requires(Permission.DECIDE)])
    async def advies(
        self,
        aanvraag_id: FromPath[UUID],
        data: JSONBody[AdviesAntwoord],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Verlofaanvraag:
        return gevonden(
            await service.advies_geven(db, principal, aanvraag_id, data.advies, request_id)
        )

    @post("/{aanvraag_id:uuid}/stappen", status_code=200, guards=[requires(Permission.DECIDE)])
    async def stap(
        self,
        aanvraag_id: FromPath[UUID],
        data: JSONBody[Stap],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Procedure:
        """A step of art. 5: receipt, hersteltermijn, hearing, zienswijze, decision, bezwaar."""
        return gevonden(await procedure.stap(db, principal, aanvraag_id, data, request_id))
