"""API.md "Schools": POST /verlofaanvragen, POST /verlofaanvragen/{id}/besluit (role school); and
the school's own list and one application."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina
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
    async def aanvragen(self, data: JSONBody[NieuweAanvraag], ctx: Ctx) -> Verlofaanvraag:
        """Routed to the director or the leerplichtambtenaar by the 10-schooldagen rule."""
        return await service.aanvragen(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> VerlofLijst:
        return await service.eigen(ctx, limit=paging.limit, cursor=paging.cursor)

    @get("/{aanvraag_id:uuid}")
    async def een(self, ctx: Ctx, aanvraag_id: FromPath[UUID]) -> Verlofaanvraag:
        return gevonden(await service.een(ctx, aanvraag_id))

    @post("/{aanvraag_id:uuid}/advies", status_code=200)
    async def advies_vragen(
        self, data: JSONBody[AdviesVraag], ctx: Ctx, aanvraag_id: FromPath[UUID]
    ) -> Verlofaanvraag:
        """The director asks the leerplichtambtenaar's advice before deciding (art. 5.9)."""
        return gevonden(await service.advies_vragen(ctx, aanvraag_id, data.vraag))

    @post("/{aanvraag_id:uuid}/besluit", status_code=200)
    async def besluit(
        self, data: JSONBody[Besluit], ctx: Ctx, aanvraag_id: FromPath[UUID]
    ) -> Verlofaanvraag:
        """The director's decision where the director decides (409 otherwise)."""
        return gevonden(await service.besluiten(ctx, aanvraag_id, data))


class VerlofProcedureController(Controller):
    path = "/api/v1/verlof"
    tags = ["verlof"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[Procedure]:
        """Applications the leerplichtambtenaar decides, with their decision term and steps."""
        return await procedure.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @get("/adviesvragen")
    async def adviesvragen(self, ctx: Ctx, paging: Paging) -> Pagina[Verlofaanvraag]:
        """Directors' applications waiting for advice (art. 5.9)."""
        return await service.adviesvragen(ctx, limit=paging.limit, cursor=paging.cursor)

    @post("/{aanvraag_id:uuid}/advies", status_code=200, guards=[requires(Permission.DECIDE)])
    async def advies(
        self, data: JSONBody[AdviesAntwoord], ctx: Ctx, aanvraag_id: FromPath[UUID]
    ) -> Verlofaanvraag:
        return gevonden(await service.advies_geven(ctx, aanvraag_id, data.advies))

    @post("/{aanvraag_id:uuid}/stappen", status_code=200, guards=[requires(Permission.DECIDE)])
    async def stap(self, data: JSONBody[Stap], ctx: Ctx, aanvraag_id: FromPath[UUID]) -> Procedure:
        """A step of art. 5: receipt, hersteltermijn, hearing, zienswijze, decision, bezwaar."""
        return gevonden(await procedure.stap(ctx, aanvraag_id, data))
