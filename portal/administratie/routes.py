"""API of the administration: running the controls, the signals they found, late schools."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, Parameter

from portal.administratie.controles import ControleResultaat, SchoolTeLaat, scholen_te_laat
from portal.administratie.service import controles_uitvoeren
from portal.administratie.signalen import SignaalLijst, signalen_lijst
from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import DB, CurrentPrincipal, RequestId
from portal.problems import FieldError, unprocessable


class ControleVerzoek(msgspec.Struct, forbid_unknown_fields=True):
    peildatum: date | None = None


class SchoolTeLaatLijst(msgspec.Struct):
    items: list[SchoolTeLaat]
    next_cursor: str | None = None


class ControlesController(Controller):
    path = "/api/v1"
    tags = ["administratie"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/controles", guards=[requires(Permission.RUN_CONTROLES)], status_code=200)
    async def run(
        self,
        data: JSONBody[ControleVerzoek],
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
    ) -> ControleResultaat:
        """Run the controls of art. 3.4-3.8 for the caller's gemeente now."""
        vandaag = db.vandaag()
        peildatum = data.peildatum or vandaag
        if peildatum > vandaag:
            raise unprocessable([FieldError("peildatum", "mag niet in de toekomst liggen")])
        return await controles_uitvoeren(db, peildatum, principal=principal, request_id=request_id)

    @get("/signalen", guards=[requires(Permission.READ_WERKVOORRAAD)])
    async def signalen(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        soort: FromQuery[str | None] = None,
        status: Annotated[str, Parameter(pattern="^(open|afgehandeld)$")] = "open",
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        cursor: FromQuery[str | None] = None,
    ) -> SignaalLijst:
        """Signals of the controls, nearest deadline first; a leerplichtambtenaar sees the
        signals of their own team."""
        return await signalen_lijst(
            db, principal, request_id, soort=soort, status=status, limit=limit, cursor=cursor
        )

    @get("/scholen/te-laat", guards=[requires(Permission.RUN_CONTROLES)])
    async def te_laat(
        self,
        db: DB,
        principal: CurrentPrincipal,
        request_id: RequestId,
        sinds: FromQuery[date | None] = None,
    ) -> SchoolTeLaatLijst:
        """Schools that reported enrolments or their ends more than 7 days late."""
        vandaag = db.vandaag()
        begin = sinds or date(vandaag.year - 1, vandaag.month, 1)
        async with db.tenant_tx(principal, request_id=request_id) as tx:
            return SchoolTeLaatLijst(items=await scholen_te_laat(tx.conn, begin))
