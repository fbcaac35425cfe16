"""API of the administration: running the controls, the signals they found, late schools."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, Parameter

from portal.administratie.controles import ControleResultaat, SchoolTeLaat, scholen_te_laat
from portal.administratie.duo_afgewezen import AfgewezenMutatie, afgewezen
from portal.administratie.service import controles_uitvoeren
from portal.administratie.signalen import SignaalLijst, signalen_lijst
from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, Paging
from portal.problems import FieldError, unprocessable


class ControleVerzoek(msgspec.Struct, forbid_unknown_fields=True):
    peildatum: date | None = None


class SchoolTeLaatLijst(msgspec.Struct):
    items: list[SchoolTeLaat]
    next_cursor: str | None = None


class AfgewezenLijst(msgspec.Struct):
    items: list[AfgewezenMutatie]
    next_cursor: str | None = None


class ControlesController(Controller):
    path = "/api/v1"
    tags = ["administratie"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/controles", guards=[requires(Permission.RUN_CONTROLES)], status_code=200)
    async def run(self, data: JSONBody[ControleVerzoek], ctx: Ctx) -> ControleResultaat:
        """Run the controls of art. 3.4-3.8 for the caller's gemeente now."""
        vandaag = ctx.db.vandaag()
        peildatum = data.peildatum or vandaag
        if peildatum > vandaag:
            raise unprocessable([FieldError("peildatum", "mag niet in de toekomst liggen")])
        return await controles_uitvoeren(
            ctx.db, peildatum, principal=ctx.principal, request_id=ctx.request_id
        )

    @get("/signalen", guards=[requires(Permission.READ_WERKVOORRAAD)])
    async def signalen(
        self,
        ctx: Ctx,
        paging: Paging,
        soort: FromQuery[str | None] = None,
        status: Annotated[str, Parameter(pattern="^(open|afgehandeld)$")] = "open",
    ) -> SignaalLijst:
        """Signals of the controls, nearest deadline first; a leerplichtambtenaar sees the
        signals of their own team."""
        return await signalen_lijst(
            ctx, soort=soort, status=status, limit=paging.limit, cursor=paging.cursor
        )

    @get("/scholen/te-laat", guards=[requires(Permission.RUN_CONTROLES)])
    async def te_laat(self, ctx: Ctx, sinds: FromQuery[date | None] = None) -> SchoolTeLaatLijst:
        """Schools that reported enrolments or their ends more than 7 days late."""
        vandaag = ctx.db.vandaag()
        begin = sinds or date(vandaag.year - 1, vandaag.month, 1)
        async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
            return SchoolTeLaatLijst(items=await scholen_te_laat(tx.conn, begin))

    @get("/duo/mutaties/afgewezen", guards=[requires(Permission.RUN_CONTROLES)])
    async def duo_afgewezen(self, ctx: Ctx, paging: Paging) -> AfgewezenLijst:
        """DUO's in- and uitschrijvingen that could not be applied, each with its reason."""
        p = await afgewezen(ctx, limit=paging.limit, cursor=paging.cursor)
        return AfgewezenLijst(items=p.items, next_cursor=p.next_cursor)
