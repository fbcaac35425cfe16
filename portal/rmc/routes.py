"""RMC's API as API.md says: the RMC-coördinator builds a month's VSV list; a regiogemeente lists
and downloads its residents' rows (JSON, or `;`-CSV with `Accept: text/csv`); a
leerplichtambtenaar offers a VSV'er to the Jongerenpunt, which answers and reports bemiddeling."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import DB, CurrentPrincipal, Cursor, Limit, RequestId, gevonden
from portal.db.paging import STANDAARD, Pagina
from portal.rmc import monitoring, overdrachten, top1000, vsv
from portal.rmc.monitoring import JkpRegel, OverstapRegel
from portal.rmc.overdrachten import (
    Aanbod,
    Acceptatie,
    BemiddelingBericht,
    Overdracht,
    Overdrachten,
    OverdrachtLpa,
)
from portal.rmc.top1000 import Aanmelding, Gekoppeld
from portal.rmc.vsv import Lijsten, Opgebouwd, Overzicht, Regels


class BouwVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    maand: str


class RmcVsvController(Controller):
    path = "/api/v1/rmc/vsv-lijsten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.BUILD_VSV)]  # noqa: RUF012

    @post("/", status_code=201)
    async def bouwen(
        self,
        data: JSONBody[BouwVerzoek],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Opgebouwd:
        """Build (or rebuild) the region's list for a month and send it for enrichment."""
        return await vsv.bouwen(db, principal, data.maand, request_id)


class RmcOverzichtController(Controller):
    path = "/api/v1/rmc/overzicht"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.READ_REGION)]  # noqa: RUF012

    @get("/")
    async def overzicht(
        self, db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Overzicht:
        """Per month and gemeente: VSV'ers, new ones, returned to school, with an overdracht, and
        without contact (no VSV case), as computed when each month's list was built."""
        return await vsv.overzicht(db, principal, request_id)


class VsvLijstenController(Controller):
    path = "/api/v1/vsv-lijsten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.READ_VSV)]  # noqa: RUF012

    @get("/")
    async def lijsten(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Lijsten:
        """The months whose list holds the caller's residents (the coördinator: the region's)."""
        return await vsv.lijsten(db, principal, request_id, limit=limit, cursor=cursor)

    @get("/{maand:str}", media_type="application/json")
    async def regels(
        self,
        request: Request[Any, Any, Any],
        maand: FromPath[str],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: FromQuery[str | None] = None,
    ) -> Regels | Response[str]:
        """The rows of the caller's residents; with `Accept: text/csv` all of them as CSV."""
        als_csv = "text/csv" in request.headers.get("accept", "")
        lijst = await vsv.regels(
            db, principal, maand, request_id, limit=None if als_csv else limit, cursor=cursor
        )
        if lijst is None:
            raise NotFoundException()
        if not als_csv:
            return lijst
        naam = f"vsv-{maand}-{principal.tenant_id}.csv"
        naam = f"vsv-{maand}-{principal.tenant_id}.csv"
        return Response(
            vsv.als_csv(lijst),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{naam}"'},
        )


class RmcOverdrachtenController(Controller):
    path = "/api/v1/rmc/overdrachten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201, guards=[requires(Permission.DECIDE)])
    async def aanbieden(
        self, data: JSONBody[Aanbod], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> OverdrachtLpa:
        """Offer a VSV'er to the Jongerenpunt with the minimal handover set."""
        return await overdrachten.aanbieden(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[OverdrachtLpa]:
        """The gemeente's overdrachten with the Jongerenpunt's answers and the check dates."""
        return await overdrachten.van_lpa(db, principal, request_id, limit=limit, cursor=cursor)


class OverdrachtenController(Controller):
    path = "/api/v1/overdrachten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.RECEIVE_OVERDRACHTEN)]  # noqa: RUF012

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        status: FromQuery[Literal["aangeboden", "geaccepteerd", "afgewezen"] | None] = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: FromQuery[str | None] = None,
    ) -> Overdrachten:
        return await overdrachten.lijst(
            db, principal, request_id, status=status, limit=limit, cursor=cursor
        )

    @post("/{overdracht_id:uuid}/acceptatie", status_code=200)
    async def acceptatie(
        self,
        overdracht_id: FromPath[UUID],
        data: JSONBody[Acceptatie],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Overdracht:
        """Accept or decline, once: a second answer is a 409."""
        return gevonden(
            await overdrachten.accepteren(db, principal, overdracht_id, data, request_id)
        )

    @post("/{overdracht_id:uuid}/bemiddeling", status_code=200)
    async def bemiddeling(
        self,
        overdracht_id: FromPath[UUID],
        data: JSONBody[BemiddelingBericht],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> Overdracht:
        return gevonden(
            await overdrachten.bemiddeling(db, principal, overdracht_id, data, request_id)
        )


class RmcMonitoringController(Controller):
    path = "/api/v1/rmc"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [  # noqa: RUF012
        requires(Permission.READ_RMC_MONITORING)
    ]

    @get("/jkp")
    async def jkp(
        self,
        schooljaar: FromQuery[str],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[JkpRegel]:
        """DUO's startset of that school year with where each jongere is now, those out of
        sight first."""
        return await monitoring.jkp(
            db, principal, schooljaar, request_id, limit=limit, cursor=cursor
        )

    @get("/overstap")
    async def overstap(
        self,
        schooljaar: FromQuery[str],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[OverstapRegel]:
        """Vmbo, pro and vso leavers of that school year not enrolled anywhere since (art. 2.2)."""
        return await monitoring.overstap(
            db, principal, schooljaar, request_id, limit=limit, cursor=cursor
        )


class Top1000Controller(Controller):
    path = "/api/v1/rmc/top1000"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201, guards=[requires(Permission.APPROVE)])
    async def koppel(
        self, data: JSONBody[Aanmelding], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Gekoppeld:
        """Couple a Top1000 jongere: under 18 to the named leerplichtambtenaar, from 18 to the
        schoolgebonden team (art. 2.5)."""
        return await top1000.koppel(db, principal, data, request_id)

    @get("/")
    async def lijst(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        limit: Limit = STANDAARD,
        cursor: Cursor = None,
    ) -> Pagina[Gekoppeld]:
        """The coupled Top1000 jongeren, by name."""
        return await top1000.lijst(db, principal, request_id, limit=limit, cursor=cursor)
