"""Vrijstellingen API (leerplichtambtenaar; teammanager and administratief medewerker read):
register a kennisgeving, record the facts it needs, decide."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import DB, CurrentPrincipal, Cursor, Limit, RequestId, gevonden
from portal.db.paging import STANDAARD, Pagina
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
    async def registreren(
        self,
        data: JSONBody[NieuweKennisgeving],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Kennisgeving:
        """A kennisgeving under Lpw art. 5 a, b or c, or an application under art. 15."""
        return await service.registreren(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Kennisgeving]:
        """The kennisgevingen and applications, open ones first."""
        return await service.lijst(db, principal, request_id, limit=limit, cursor=cursor)

    @post("/{ident:uuid}/gegevens", status_code=200, guards=[LPA])
    async def gegevens(
        self,
        ident: FromPath[UUID],
        data: JSONBody[Gegevens],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Kennisgeving:
        return gevonden(await service.gegevens(db, principal, ident, data, request_id))

    @post("/{ident:uuid}/besluit", status_code=200, guards=[LPA])
    async def besluit(
        self,
        ident: FromPath[UUID],
        data: JSONBody[Besluit],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Kennisgeving:
        """Valid: the vrijstelling, DUO's registration, the letter. Invalid: a term to enroll."""
        return gevonden(await service.besluiten(db, principal, ident, data, request_id))


class OntslagController(Controller):
    path = "/api/v1/vrijstellingen/{ident:uuid}/ontslag"
    tags = ["vrijstellingen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [LPA]  # noqa: RUF012

    @post("/", status_code=200)
    async def ontslag(
        self,
        ident: FromPath[UUID],
        data: JSONBody[Ontslag],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Kennisgeving:
        """Defensie's report of a discharge before 18 ends the vrijstelling (art. 11.7-11.9)."""
        return gevonden(await service.ontslag(db, principal, ident, data, request_id))


class OnderwijsvoorzieningenController(Controller):
    path = "/api/v1/onderwijsvoorzieningen"
    tags = ["vrijstellingen"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201, guards=[LPA])
    async def vragen(
        self, data: JSONBody[Vraag], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Voorziening:
        """Ask the Inspectie whether an onderwijsvoorziening is a school (art. 13.1)."""
        return await voorzieningen.vragen(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Voorziening]:
        """The questions to the Inspectie, unanswered ones first."""
        return await voorzieningen.lijst(db, principal, request_id, limit=limit, cursor=cursor)

    @post("/{ident:uuid}/advies", status_code=200, guards=[LPA])
    async def advies(
        self,
        ident: FromPath[UUID],
        data: JSONBody[Advies],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Voorziening:
        """The Inspectie's advice, followed (13.2); not a school: the parents' letters (13.3)."""
        return gevonden(await voorzieningen.advies(db, principal, ident, data, request_id))
