"""The meldcode's API (art. 17): start a traject on a jongere, read it, take its steps in order."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx, gevonden
from portal.db.paging import Pagina
from portal.meldcode import service
from portal.meldcode.service import StapVerzoek, Start, Traject


class MeldcodeController(Controller):
    path = "/api/v1"
    tags = ["meldcode"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.HANDLE_ZAKEN)]  # noqa: RUF012

    @post("/jongeren/{jongere_id:uuid}/meldcode", status_code=201)
    async def starten(self, data: JSONBody[Start], ctx: Ctx, jongere_id: FromPath[UUID]) -> Traject:
        """A traject of the meldcode on the jongere, from a case (`zaak_id`) or the dossier."""
        return gevonden(await service.starten(ctx, jongere_id, data))

    @get("/jongeren/{jongere_id:uuid}/meldcode")
    async def van_jongere(self, ctx: Ctx, jongere_id: FromPath[UUID]) -> Pagina[Traject]:
        """The jongere's trajecten the caller may read, newest first (all of them, one page)."""
        return Pagina(gevonden(await service.van_jongere(ctx, jongere_id)))

    @get("/meldcode/{traject_id:uuid}")
    async def lees(self, ctx: Ctx, traject_id: FromPath[UUID]) -> Traject:
        return gevonden(await service.lees(ctx, traject_id))

    @post("/meldcode/{traject_id:uuid}/stappen", status_code=200)
    async def stap(
        self, data: JSONBody[StapVerzoek], ctx: Ctx, traject_id: FromPath[UUID]
    ) -> Traject:
        """The next step (signalen_in_kaart, collegiale_consultatie, gesprek, weging, besluit,
        heropenen) with its `gegevens`; a 409 with the article out of order, a 422 for what it
        lacks. Step 2 may send an anonymous adviesvraag to Veilig Thuis, step 5 the melding."""
        return gevonden(await service.stap(ctx, traject_id, data))
