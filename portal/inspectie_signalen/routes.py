"""Inspectie signalen about a school (art. 20): its history, a new advies, signaal or melding,
the teammanager's akkoord on a signal; and the school's own view."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, Parameter

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, PageRequest, Paging, gevonden
from portal.db.paging import Pagina, pagina_in_geheugen
from portal.inspectie_signalen import service
from portal.inspectie_signalen.service import Akkoord, NieuwVerslag, Verslag

Brin = Annotated[str, Parameter(pattern=r"^[0-9]{2}[A-Z0-9]{2}$")]


class InspectieController(Controller):
    path = "/api/v1"
    tags = ["inspectie"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/scholen/{brin:str}/inspectie", guards=[requires(Permission.HANDLE_ZAKEN)])
    async def geschiedenis(self, ctx: Ctx, paging: Paging, brin: FromPath[Brin]) -> Pagina[Verslag]:
        """The school's advice, signals and meldingen, oldest first."""
        return _pagina(await service.geschiedenis(ctx, brin), paging)

    @post(
        "/scholen/{brin:str}/inspectie", status_code=201, guards=[requires(Permission.HANDLE_ZAKEN)]
    )
    async def vastleggen(
        self, data: JSONBody[NieuwVerslag], ctx: Ctx, brin: FromPath[Brin]
    ) -> Verslag:
        """An advies (lid 1), a signaal (waits for the teammanager's akkoord) or a melding
        (lid 5, sent at once); a 409 with the article when it comes out of order."""
        return await service.vastleggen(ctx, brin, data)

    @post(
        "/inspectie/{verslag_id:uuid}/akkoord",
        status_code=200,
        guards=[requires(Permission.APPROVE)],
    )
    async def akkoord(
        self, data: JSONBody[Akkoord], ctx: Ctx, verslag_id: FromPath[UUID]
    ) -> Verslag:
        """The teammanager's akkoord (the signal goes to the Inspectie) or refusal with a reason."""
        return gevonden(await service.akkoord(ctx, verslag_id, data))

    @get("/school/inspectie", guards=[requires(Permission.SUBMIT_AS_SCHOOL)])
    async def eigen_school(self, ctx: Ctx, paging: Paging) -> Pagina[Verslag]:
        """What the gemeente recorded about the caller's school: the advice given and the signals
        and meldingen sent to the Inspectie, oldest first."""
        return _pagina(await service.geschiedenis(ctx, ctx.principal.brin), paging)


def _pagina(verslagen: list[Verslag], paging: PageRequest) -> Pagina[Verslag]:
    return pagina_in_geheugen(
        verslagen,
        paging.limit,
        paging.cursor,
        "inspectie",
        lambda v: (v.vastgelegd_op, v.id),
        (datetime, UUID),
    )
