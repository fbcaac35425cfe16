"""What every page shares: the layout's context (who is logged in, for which gemeente, what the
navigation offers them) and the labels and time zone the templates use. The navigation asks the
same permissions as the guards, so a link is shown exactly when its page would open."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from litestar import Request

from portal.auth.middleware import AuthInfo
from portal.auth.permissions import Permission, allows
from portal.auth.principal import ROLE_LABELS
from portal.clock import ZONE
from portal.db.request_context import RequestContext
from portal.domain.woorden import (
    BEMIDDELING_LABELS,
    KENNISGEVING_LABELS,
    MELDING_SOORT_LABELS,
    MELDING_STATUS_LABELS,
    OVERDRACHT_STATUS_LABELS,
    SIGNAAL_LABELS,
    SIGNAAL_STATUS_LABELS,
    SOORT_LABELS,
    VERLOF_GRONDEN,
    VERLOF_STATUS_LABELS,
    VRIJSTELLING_STATUS_LABELS,
)
from portal.domain.woorden import STATUS_LABELS as ZAAK_STATUS_LABELS
from portal.tenants import repository as tenants

TIJDZONE: tzinfo = ZONE
STATUS_LABELS = {
    "leerplichtig": "Leerplichtig",
    "kwalificatieplichtig": "Kwalificatieplichtig",
    "rmc_doelgroep": "RMC-doelgroep (18–23 zonder startkwalificatie)",
    "geen": "Niet leerplichtig",
}
NAVIGATIE: dict[str, Permission] = {
    "kan_zoeken": Permission.READ_DOSSIER,
    "kan_signalen": Permission.READ_WERKVOORRAAD,
    "kan_controleren": Permission.RUN_CONTROLES,
    "kan_zaken": Permission.HANDLE_ZAKEN,
    "kan_taken": Permission.DO_TAKEN,
    "kan_vsv": Permission.READ_VSV,
    "kan_overdrachten": Permission.RECEIVE_OVERDRACHTEN,
    "kan_school": Permission.SUBMIT_AS_SCHOOL,
    "kan_beheer": Permission.ADMINISTER,
    "kan_team": Permission.LEAD_TEAM,
    "kan_privacy": Permission.INSPECT_AUDIT,
}


def csrf_token(request: Request[Any, Any, Any]) -> str:
    auth = request.scope.get("auth")
    return auth.csrf_token or "" if isinstance(auth, AuthInfo) else ""


async def layout(request: Request[Any, Any, Any], ctx: RequestContext) -> dict[str, Any]:
    async with ctx.db.tenant_tx(ctx.principal, request_id=ctx.request_id) as tx:
        gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
        team = await tenants.team_naam(tx.conn, ctx.principal.team_id)
    return {
        "principal": ctx.principal,
        "gemeente": gemeente.naam if gemeente else ctx.principal.tenant_id,
        "gemeentecode": ctx.principal.tenant_id,
        "team": team,
        "rollen": [ROLE_LABELS[r] for r in sorted(ctx.principal.roles)],
        "csrf_token": csrf_token(request),
        **{key: allows(ctx.principal, p) for key, p in NAVIGATIE.items()},
        "signaal_labels": SIGNAAL_LABELS,
        "status_labels": STATUS_LABELS,
        "verlof_statussen": VERLOF_STATUS_LABELS,
        "verlof_gronden": VERLOF_GRONDEN,
        "melding_soorten": MELDING_SOORT_LABELS,
        "melding_statussen": MELDING_STATUS_LABELS,
        "kennisgeving_soorten": KENNISGEVING_LABELS,
        "overdracht_statussen": OVERDRACHT_STATUS_LABELS,
        "bemiddelingen": BEMIDDELING_LABELS,
        "signaal_statussen": SIGNAAL_STATUS_LABELS,
        "zaak_soorten": SOORT_LABELS,
        "zaak_statussen": ZAAK_STATUS_LABELS,
        "vrijstelling_statussen": VRIJSTELLING_STATUS_LABELS,
        "vandaag": ctx.db.vandaag(),
        "tz": TIJDZONE,
    }
