"""RMC's API as API.md says: the RMC-coördinator builds a month's VSV list; a regiogemeente lists
and downloads its residents' rows (JSON, or `;`-CSV with `Accept: text/csv`); a
leerplichtambtenaar offers a VSV'er to the Jongerenpunt, which answers and reports bemiddeling."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina
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
    async def bouwen(self, data: JSONBody[BouwVerzoek], ctx: Ctx) -> Opgebouwd:
        """Build (or rebuild) the region's list for a month and send it for enrichment."""
        return await vsv.bouwen(ctx, data.maand)


class RmcOverzichtController(Controller):
    path = "/api/v1/rmc/overzicht"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.READ_REGION)]  # noqa: RUF012

    @get("/")
    async def overzicht(self, ctx: Ctx) -> Overzicht:
        """Per month and gemeente: VSV'ers, new ones, returned to school, with an overdracht, and
        without contact (no VSV case), as computed when each month's list was built."""
        return await vsv.overzicht(ctx)


class VsvLijstenController(Controller):
    path = "/api/v1/vsv-lijsten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.READ_VSV)]  # noqa: RUF012

    @get("/")
    async def lijsten(self, ctx: Ctx, paging: Paging) -> Lijsten:
        """The months whose list holds the caller's residents (the coördinator: the region's)."""
        return await vsv.lijsten(ctx, limit=paging.limit, cursor=paging.cursor)

    @get("/{maand:str}", media_type="application/json")
    async def regels(
        self, request: Request[Any, Any, Any], ctx: Ctx, paging: Paging, maand: FromPath[str]
    ) -> Regels | Response[str]:
        """The rows of the caller's residents; with `Accept: text/csv` all of them as CSV."""
        als_csv = "text/csv" in request.headers.get("accept", "")
        lijst = await vsv.regels(
            ctx, maand, limit=None if als_csv else paging.limit, cursor=paging.cursor
        )
        if lijst is None:
            raise NotFoundException()
        if not als_csv:
            return lijst
        naam = f"vsv-{maand}-{ctx.principal.tenant_id}.csv"
        naam = f"vsv-{maand}-{ctx.principal.tenant_id}.csv"
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
    async def aanbieden(self, data: JSONBody[Aanbod], ctx: Ctx) -> OverdrachtLpa:
        """Offer a VSV'er to the Jongerenpunt with the minimal handover set."""
        return await overdrachten.aanbieden(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[OverdrachtLpa]:
        """The gemeente's overdrachten with the Jongerenpunt's answers and the check dates."""
        return await overdrachten.van_lpa(ctx, limit=paging.limit, cursor=paging.cursor)


class OverdrachtenController(Controller):
    path = "/api/v1/overdrachten"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.RECEIVE_OVERDRACHTEN)]  # noqa: RUF012

    @get("/")
    async def lijst(
        self,
        ctx: Ctx,
        paging: Paging,
        status: FromQuery[Literal["aangeboden", "geaccepteerd", "afgewezen"] | None] = None,
    ) -> Overdrachten:
        return await overdrachten.lijst(
            ctx, status=status, limit=paging.limit, cursor=paging.cursor
        )

    @post("/{overdracht_id:uuid}/acceptatie", status_code=200)
    async def acceptatie(
        self, data: JSONBody[Acceptatie], ctx: Ctx, overdracht_id: FromPath[UUID]
    ) -> Overdracht:
        """Accept or decline, once: a second answer is a 409."""
        return gevonden(await overdrachten.accepteren(ctx, overdracht_id, data))

    @post("/{overdracht_id:uuid}/bemiddeling", status_code=200)
    async def bemiddeling(
        self, data: JSONBody[BemiddelingBericht], ctx: Ctx, overdracht_id: FromPath[UUID]
    ) -> Overdracht:
        return gevonden(await overdrachten.bemiddeling(ctx, overdracht_id, data))


class RmcMonitoringController(Controller):
    path = "/api/v1/rmc"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [  # noqa: RUF012
        requires(Permission.READ_RMC_MONITORING)
    ]

    @get("/jkp")
    async def jkp(self, ctx: Ctx, paging: Paging, schooljaar: FromQuery[str]) -> Pagina[JkpRegel]:
        """DUO's startset of that school year with where each jongere is now, those out of
        sight first."""
        return await monitoring.jkp(ctx, schooljaar, limit=paging.limit, cursor=paging.cursor)

    @get("/overstap")
    async def overstap(
        self, ctx: Ctx, paging: Paging, schooljaar: FromQuery[str]
    ) -> Pagina[OverstapRegel]:
        """Vmbo, pro and vso leavers of that school year not enrolled anywhere since (art. 2.2)."""
        return await monitoring.overstap(ctx, schooljaar, limit=paging.limit, cursor=paging.cursor)


class Top1000Controller(Controller):
    path = "/api/v1/rmc/top1000"
    tags = ["rmc"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201, guards=[requires(Permission.APPROVE)])
    async def koppel(self, data: JSONBody[Aanmelding], ctx: Ctx) -> Gekoppeld:
        """Couple a Top1000 jongere: under 18 to the named leerplichtambtenaar, from 18 to the
        schoolgebonden team (art. 2.5)."""
        return await top1000.koppel(ctx, data)

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[Gekoppeld]:
        """The coupled Top1000 jongeren, by name."""
        return await top1000.lijst(ctx, limit=paging.limit, cursor=paging.cursor)
