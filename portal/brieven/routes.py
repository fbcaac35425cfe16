"""Letters: the dossier's letters, the school's copies, one letter's PDF (each read audited)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from portal.auth.guards import requires
from portal.auth.principal import Role
from portal.brieven import service
from portal.brieven.service import BriefUit
from portal.context import DB, CurrentPrincipal, RequestId

CASE = (Role.LEERPLICHTAMBTENAAR, Role.LEERPLICHTASSISTENT, Role.TEAMMANAGER)


class BrievenController(Controller):
    path = "/api/v1"
    tags = ["brieven"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/jongeren/{jongere_id:uuid}/brieven", guards=[requires(*CASE)])
    async def van_jongere(
        self, jongere_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> list[BriefUit]:
        return await service.van_jongere(db, principal, jongere_id, request_id)

    @get("/brieven", guards=[requires(Role.SCHOOL)])
    async def kopieen(
        self, db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> list[BriefUit]:
        """The letters copied to the caller's school (e.g. the waarschuwingsbrief, art. 6.5)."""
        return await service.kopieen_school(db, principal, request_id)

    @get("/brieven/{brief_id:uuid}", guards=[requires(*CASE, Role.SCHOOL)])
    async def pdf(
        self, brief_id: FromPath[UUID], db: DB, principal: CurrentPrincipal, request_id: RequestId
    ) -> Response[bytes]:
        found = await service.pdf(db, principal, brief_id, request_id)
        if found is None:
            raise NotFoundException()
        soort, content = found
        return Response(
            content,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{soort}.pdf"'},
        )
