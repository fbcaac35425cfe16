"""Partner callbacks (API.md "Partners"), idempotent on the partner's message id."""

from __future__ import annotations

from litestar import Controller, Response, post
from litestar.exceptions import NotFoundException
from litestar.params import JSONBody

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.context import Ctx
from portal.meldcode import antwoord as veilig_thuis
from portal.outbox.berichten import Afdoening, OmAfdoening, VeiligThuisAntwoord
from portal.verzuim import om
from portal.verzuim.halt import Ontvangen, afdoening_ontvangen


class PartnerController(Controller):
    path = "/api/v1/partners"
    tags = ["partners"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/halt/afdoeningen", guards=[requires(Permission.REPORT_HALT)])
    async def halt_afdoening(self, data: JSONBody[Afdoening], ctx: Ctx) -> Response[Ontvangen]:
        """Halt's outcome of a referral. The same `bericht_id` again is answered 200 and changes
        nothing; the first time 201."""
        try:
            answer, first = await afdoening_ontvangen(ctx, data)
        except LookupError:
            raise NotFoundException() from None
        return Response(answer, status_code=201 if first else 200)

    @post("/veilig-thuis/antwoorden", guards=[requires(Permission.REPORT_VEILIG_THUIS)])
    async def veilig_thuis_antwoord(
        self, data: JSONBody[VeiligThuisAntwoord], ctx: Ctx
    ) -> Response[veilig_thuis.Ontvangen]:
        """Veilig Thuis's kenmerk, then outcome, on a meldcode melding; the same `bericht_id`
        again is answered 200 and changes nothing, the first time 201."""
        try:
            answer, first = await veilig_thuis.antwoord_ontvangen(ctx, data)
        except LookupError:
            raise NotFoundException() from None
        return Response(answer, status_code=201 if first else 200)

    @post("/om/afdoeningen", guards=[requires(Permission.REPORT_OM)])
    async def om_afdoening(self, data: JSONBody[OmAfdoening], ctx: Ctx) -> Response[om.Ontvangen]:
        """The OM's answer on a proces-verbaal: its receipt, then its decision and a judgment.
        The same `bericht_id` again is answered 200 and changes nothing; the first time 201."""
        try:
            answer, first = await om.afdoening_ontvangen(ctx, data)
        except LookupError:
            raise NotFoundException() from None
        return Response(answer, status_code=201 if first else 200)
