"""Case-work API: open a case on a melding, read it, take a step (409 with the rule it breaks)."""

from __future__ import annotations

from typing import Annotated, Literal, cast
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina, pagina_in_geheugen
from portal.verzuim import cijfers, taken, toewijzen, zaken
from portal.verzuim.cijfers import Cijfers
from portal.verzuim.taken import Afronding, Taak, Taken
from portal.verzuim.toewijzen import Caseload, Toegewezen, Toewijzingsverzoek
from portal.verzuim.werkvoorraad import (
    Filters,
    Leeftijdsgroep,
    Sortering,
    Toewijzing,
    Werkvoorraad,
    werkvoorraad,
)
from portal.verzuim.zaken import OpenVerzoek, StapVerzoek, Zaak


class WerkvoorraadController(Controller):
    path = "/api/v1/werkvoorraad"
    tags = ["verzuim"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [  # noqa: RUF012
        requires(Permission.READ_WERKVOORRAAD)
    ]

    @get("/")
    async def lijst(
        self,
        ctx: Ctx,
        paging: Paging,
        toewijzing: FromQuery[Toewijzing] = "alle",
        soort: Annotated[str | None, Parameter(max_length=40)] = None,
        school: Annotated[str | None, Parameter(pattern=r"^[0-9]{2}[A-Z0-9]{2}$")] = None,
        behandelaar: FromQuery[UUID | None] = None,
        binnen: Annotated[int | None, Parameter(ge=0, le=60)] = None,
        verlopen: FromQuery[bool] = False,
        zoek: Annotated[str | None, Parameter(max_length=100)] = None,
        stap: Annotated[str | None, Parameter(pattern=r"^[a-z_]{1,40}$")] = None,
        leeftijd: FromQuery[Leeftijdsgroep | None] = None,
        sorteer: Annotated[str, Parameter(pattern=r"^-?(termijn|naam|school|soort)$")] = "termijn",
    ) -> Werkvoorraad:
        """Open signals, meldingen and VSV cases, nearest open deadline first, with the total the
        filters select. `toewijzing=mijn` keeps the caller's own cases, `niet_toegewezen` the work
        nobody handles yet; `soort` a kind of melding or signal, `school` a BRIN, `behandelaar` one
        leerplichtambtenaar, `binnen=N` work due within N werkdagen, `verlopen=true` overdue work,
        `zoek` a name or BSN, `stap` where the case stands (a case status, or `nieuw` for work
        without a case), `leeftijd` an age group (`tot_12`, `12_15`, `16_17`, `18_22`).
        `sorteer` orders by `termijn` (the default), `naam` (surname), `school` or `soort`, with
        a leading `-` descending. The cursor keeps the position only: send the filters again."""
        filters = Filters(
            toewijzing=toewijzing,
            soort=soort,
            school=school,
            behandelaar=behandelaar,
            binnen_werkdagen=binnen,
            zoek=zoek,
            stap=stap,
            leeftijd=leeftijd,
            sorteer=cast(Sortering, sorteer.lstrip("-")),
            aflopend=sorteer.startswith("-"),
        )
        return await werkvoorraad(
            ctx,
            limit=paging.limit,
            cursor=paging.cursor,
            verlopen_op=ctx.db.vandaag() if verlopen else None,
            filters=filters,
        )


class CijfersController(Controller):
    path = "/api/v1/cijfers"
    tags = ["verzuim"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.APPROVE)]  # noqa: RUF012

    @get("/")
    async def cijfers(
        self,
        ctx: Ctx,
        van: FromQuery[str | None] = None,
        tot: FromQuery[str | None] = None,
        team: FromQuery[UUID | None] = None,
    ) -> Cijfers:
        """Intake and outcomes per month (default the last twelve), open cases, overdue
        deadlines; the whole gemeente, or one team with `team`. Counts only."""
        return await cijfers.cijfers(ctx, van=van, tot=tot, team_id=team, vandaag=ctx.db.vandaag())


class ZakenController(Controller):
    path = "/api/v1/zaken"
    tags = ["verzuim"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/", status_code=201)
    async def openen(self, data: JSONBody[OpenVerzoek], ctx: Ctx) -> Zaak:
        return gevonden(await zaken.open_zaak(ctx, data))

    @post("/toewijzing", status_code=200, guards=[requires(Permission.APPROVE)])
    async def toewijzing(self, data: JSONBody[Toewijzingsverzoek], ctx: Ctx) -> Toegewezen:
        """The teammanager gives one or more cases (at most 200) to one leerplichtambtenaar; each
        case's werklogboek records it. All or nothing: an unknown case is a 404, a closed one a
        409, a behandelaar who is no active leerplichtambtenaar a 422."""
        return gevonden(await toewijzen.toewijzen(ctx, data))

    @get("/caseload", guards=[requires(Permission.APPROVE)])
    async def caseload(
        self, ctx: Ctx, paging: Paging, team: FromQuery[UUID | None] = None
    ) -> Pagina[Caseload]:
        """Every active leerplichtambtenaar (of one team with `team`) with their open cases and
        those past a deadline, by team and name (counted whole, paged here)."""
        return pagina_in_geheugen(
            await toewijzen.caseload(ctx, team),
            paging.limit,
            paging.cursor,
            "caseload",
            lambda c: (c.team or "", c.naam, c.id),
            (str, str, UUID),
        )

    @get("/{zaak_id:uuid}")
    async def lezen(self, ctx: Ctx, zaak_id: FromPath[UUID]) -> Zaak:
        return gevonden(await zaken.lees_zaak(ctx, zaak_id))

    @post("/{zaak_id:uuid}/stappen", status_code=200)
    async def stap(self, data: JSONBody[StapVerzoek], ctx: Ctx, zaak_id: FromPath[UUID]) -> Zaak:
        return gevonden(await zaken.stap_zetten(ctx, zaak_id, data))

    @post(
        "/{zaak_id:uuid}/stappen/voorbeeld",
        status_code=200,
        responses={200: ResponseSpec(None, media_type="application/pdf", description="de brief")},
    )
    async def voorbeeld(
        self, data: JSONBody[StapVerzoek], ctx: Ctx, zaak_id: FromPath[UUID]
    ) -> Response[bytes]:
        """The letter this step would send (with `brief_toelichting`, the leerplichtambtenaar's own
        words), as a PDF, without taking it: nothing is written but the audit of the reading. The
        same 409 or 422 as the step; 404 on a case out of scope or a step that sends no letter."""
        pdf = gevonden(await zaken.stap_voorbeeld(ctx, zaak_id, data))
        if not pdf:
            raise NotFoundException("Deze stap verstuurt geen brief.")
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": 'inline; filename="voorbeeld-brief.pdf"'},
        )


class TakenController(Controller):
    path = "/api/v1/taken"
    tags = ["verzuim"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [  # noqa: RUF012
        requires(Permission.READ_TAKEN)
    ]

    @get("/")
    async def lijst(
        self,
        ctx: Ctx,
        paging: Paging,
        status: FromQuery[Literal["open", "afgerond"] | None] = "open",
    ) -> Taken:
        """Deurbezoeken of the caller's team (a teammanager: the gemeente's), due date first."""
        return await taken.lijst(ctx, status, limit=paging.limit, cursor=paging.cursor)

    @post("/{taak_id:uuid}/afronden", status_code=200, guards=[requires(Permission.DO_TAKEN)])
    async def afronden(self, data: JSONBody[Afronding], ctx: Ctx, taak_id: FromPath[UUID]) -> Taak:
        """The assistant's report of the visit; it goes into the werklogboek."""
        return gevonden(await taken.afronden(ctx, taak_id, data.verslag))
