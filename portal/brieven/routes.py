"""Letters: the dossier's letters, the school's copies, one letter's PDF (each read audited)."""

from __future__ import annotations

from uuid import UUID

import msgspec
from litestar import Controller, Response, delete, get, post, put
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.brieven import afzender, service, sjablonen
from portal.brieven.afzender import Afzender, AfzenderUit
from portal.brieven.render import TITELS
from portal.brieven.service import BriefUit
from portal.brieven.sjablonen import NieuwSjabloon, Sjabloon, SjabloonInhoud
from portal.context import Ctx, Paging, gevonden
from portal.db.paging import Pagina


class BrievenController(Controller):
    path = "/api/v1"
    tags = ["brieven"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/jongeren/{jongere_id:uuid}/brieven", guards=[requires(Permission.READ_CASE_HISTORY)])
    async def van_jongere(
        self, ctx: Ctx, paging: Paging, jongere_id: FromPath[UUID]
    ) -> Pagina[BriefUit]:
        """The jongere's letters, newest first."""
        return gevonden(
            await service.van_jongere(ctx, jongere_id, limit=paging.limit, cursor=paging.cursor)
        )

    @get("/brieven", guards=[requires(Permission.SUBMIT_AS_SCHOOL)])
    async def kopieen(self, ctx: Ctx, paging: Paging) -> Pagina[BriefUit]:
        """The letters copied to the caller's school (e.g. the waarschuwingsbrief, art. 6.5)."""
        return await service.kopieen_school(ctx, limit=paging.limit, cursor=paging.cursor)

    @get(
        "/brieven/{brief_id:uuid}",
        guards=[requires(Permission.READ_CASE_HISTORY, Permission.SUBMIT_AS_SCHOOL)],
    )
    async def pdf(self, ctx: Ctx, brief_id: FromPath[UUID]) -> Response[bytes]:
        found = gevonden(await service.pdf(ctx, brief_id))
        soort, content = found
        return Response(
            content,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{soort}.pdf"'},
        )


class Voorbeeld(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    inhoud: str | None = None
    """A draft to preview; without it, the template in use."""


class SjablonenController(Controller):
    """The gemeente's letter templates (functioneel beheerder): list, read, replace, back to the
    default, and a PDF preview with an invented pupil."""

    path = "/api/v1/briefsjablonen"
    tags = ["brieven"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.ADMINISTER)]  # noqa: RUF012 - read by Litestar

    @get("/")
    async def lijst(self, ctx: Ctx, paging: Paging) -> Pagina[Sjabloon]:
        """Every kind of letter, with whether the gemeente uses its own text."""
        return await sjablonen.lijst(ctx, limit=paging.limit, cursor=paging.cursor)

    @get("/{soort:str}")
    async def lees(self, ctx: Ctx, soort: FromPath[str]) -> SjabloonInhoud:
        return gevonden(await sjablonen.lees(ctx, soort))

    @put("/{soort:str}")
    async def vastleggen(
        self, data: JSONBody[NieuwSjabloon], ctx: Ctx, soort: FromPath[str]
    ) -> SjabloonInhoud:
        """Saved only when it renders with the example pupil and keeps the required phrases."""
        if soort not in TITELS:
            raise NotFoundException()
        return await sjablonen.vastleggen(ctx, soort, data.inhoud)

    @delete("/{soort:str}", status_code=200)
    async def standaard(self, ctx: Ctx, soort: FromPath[str]) -> SjabloonInhoud:
        if soort not in TITELS:
            raise NotFoundException()
        return await sjablonen.standaard_terug(ctx, soort)

    @post("/{soort:str}/voorbeeld", status_code=200)
    async def voorbeeld(
        self, data: JSONBody[Voorbeeld], ctx: Ctx, soort: FromPath[str]
    ) -> Response[bytes]:
        huidig = gevonden(await sjablonen.lees(ctx, soort))
        inhoud = data.inhoud if data.inhoud is not None else huidig.inhoud
        brief = await sjablonen.voorbeeld(soort, inhoud)
        return Response(
            brief.pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="voorbeeld-{soort}.pdf"'},
        )


class Logo(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    svg: str | None


class AfzenderController(Controller):
    """The sender on the gemeente's letters (functioneel beheerder): department, postal and return
    address, website. The logo is the gemeente's own."""

    path = "/api/v1/briefafzender"
    tags = ["brieven"]  # noqa: RUF012 - Litestar reads it as a class attribute
    guards = [requires(Permission.ADMINISTER)]  # noqa: RUF012 - read by Litestar

    @get("/")
    async def lees(self, ctx: Ctx) -> AfzenderUit:
        return await afzender.lees(ctx)

    @put("/")
    async def vastleggen(self, data: JSONBody[Afzender], ctx: Ctx) -> AfzenderUit:
        """Replaces the sender; every reason a value cannot go on a letter at once (422)."""
        return await afzender.vastleggen(ctx, data)

    @put("/logo")
    async def logo(self, data: JSONBody[Logo], ctx: Ctx) -> AfzenderUit:
        """The gemeente's own logo as SVG text (at most 200 kB), tried on an example letter first;
        `{"svg": null}` goes back to the portal's logo of the gemeente."""
        return await afzender.logo_vastleggen(ctx, data.svg)
