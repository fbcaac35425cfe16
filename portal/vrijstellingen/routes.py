"""Vrijstellingen API (leerplichtambtenaar; teammanager and administratief medewerker read):
register a kennisgeving, record the facts it needs, decide."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina
from portal.vrijstellingen import service, voorzieningen
from portal.vrijstellingen.service import (
    Besluit,
    Gegevens,
    Kennisgeving,
    NieuweKennisgeving,
    Ontslag,
)
from portal.vrijstellingen.voorzieningen import Advies, Voorziening, Vraag

LPA = requires(Permission.DECIDE)


class VrijstellingenController(Controller):
    path = "/api/v1/vrijstellingen"
    tags = ["vrijstellingen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [  # noqa: RUF012
        requires(Permission.READ_WERKVOORRAAD)
    ]

    @post("/", status_code=201, guards=[LPA])
    async def registreren(self, data: JSONBody[NieuweKennisgeving], ctx: Ctx) -> Kennisgeving:
        """A kennisgeving under Lpw art. 5 a, b or c, or an application under art. 15."""
        return await service.registreren(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[Kennisgeving]:
        """The kennisgevingen and applications, open ones first."""
        return await service.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @post("/{ident:uuid}/gegevens", status_code=200, guards=[LPA])
    async def gegevens(
        self, data: JSONBody[Gegevens], ctx: Ctx, ident: FromPath[UUID]
    ) -> Kennisgeving:
        return gevonden(await service.gegevens(ctx, ident, data))

    @post("/{ident:uuid}/besluit", status_code=200, guards=[LPA])
    async def besluit(
        self, data: JSONBody[Besluit], ctx: Ctx, ident: FromPath[UUID]
    ) -> Kennisgeving:
        """Valid: the vrijstelling, DUO's registration, the letter. Invalid: a term to enroll."""
        return gevonden(await service.besluiten(ctx, ident, data))


class OntslagController(Controller):
    path = "/api/v1/vrijstellingen/{ident:uuid}/ontslag"
    tags = ["vrijstellingen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [LPA]  # noqa: RUF012

    @post("/", status_code=200)
    async def ontslag(
        self, data: JSONBody[Ontslag], ctx: Ctx, ident: FromPath[UUID]
    ) -> Kennisgeving:
        """Defensie's report of a discharge before 18 ends the vrijstelling (art. 11.7-11.9)."""
        return gevonden(await service.ontslag(ctx, ident, data))


class OnderwijsvoorzieningenController(Controller):
    path = "/api/v1/onderwijsvoorzieningen"
    tags = ["vrijstellingen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201, guards=[LPA])
    async def vragen(self, data: JSONBody[Vraag], ctx: Ctx) -> Voorziening:
        """Ask the Inspectie whether an onderwijsvoorziening is a school (art. 13.1)."""
        return await voorzieningen.vragen(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[Voorziening]:
        """The questions to the Inspectie, unanswered ones first."""
        return await voorzieningen.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @post("/{ident:uuid}/advies", status_code=200, guards=[LPA])
    async def advies(self, data: JSONBody[Advies], ctx: Ctx, ident: FromPath[UUID]) -> Voorziening:
        """The Inspectie's advice, followed (13.2); not a school: the parents' letters (13.3)."""
        return gevonden(await voorzieningen.advies(ctx, ident, data))
