"""What every page shares: the layout's context (who is logged in, for which gemeente, what the
navigation offers them) and the labels and time zone the templates use. The navigation asks the
same permissions as the guards, so a link is shown exactly when its page would open."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from litestar import Request

from portal.auth.middleware import AuthInfo
from portal.auth.permissions import Permission, allows
from portal.auth.principal import ROLE_LABELS
from portal.db.request_context import RequestContext
from portal.tenants import repository as tenants

try:  # the system's zone database; on a machine without one, times show in UTC
    TIJDZONE: tzinfo = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # pragma: no cover - depends on the machine
    TIJDZONE = UTC
STATUS_LABELS = {
    "leerplichtig": "Leerplichtig",
    "kwalificatieplichtig": "Kwalificatieplichtig",
    "rmc_doelgroep": "RMC-doelgroep (18–23 zonder startkwalificatie)",
    "geen": "Niet leerplichtig",
}
PARTNERS = {
    "duo": "DUO",
    "svb": "SVB",
    "halt": "Halt",
    "veilig_thuis": "Veilig Thuis",
    "inspectie": "Inspectie van het Onderwijs",
    "inlichtingenbureau": "Inlichtingenbureau",
}
BERICHT_LABELS = {
    "svb.melding": "De SVB-melding",
    "svb.intrekking": "Het ongedaan maken van de SVB-melding",
    "halt.verwijzing": "De verwijzing naar Halt",
    "duo.melding_status": "Het afsluiten van de melding bij DUO",
}
"""A partner message in words, by `partner.soort`."""
SIGNAAL_LABELS = {
    "vermoeden_absoluut_verzuim": "Vermoeden absoluut verzuim",
    "uitschrijving_zonder_inschrijving": "Uitschrijving zonder nieuwe school",
    "16_uur_in_4_weken": "Melding: 16 uur in 4 weken",
    "langdurig_relatief": "Melding: langdurig relatief verzuim",
    "rmc": "Melding: RMC (18+)",
    "luxe": "Melding: luxe verzuim",
    "overig": "Melding: overig verzuim",
    "vsv": "Voortijdig schoolverlaten",
}

# The kinds of melding in words, as the case page's melding box names them: the same words as
# the werkvoorraad's, without its "Melding: ".
MELDING_SOORT_LABELS = {
    soort: label.removeprefix("Melding: ")[:1].upper() + label.removeprefix("Melding: ")[1:]
    for soort, label in SIGNAAL_LABELS.items()
    if label.startswith("Melding: ")
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
        "vandaag": ctx.db.vandaag(),
        "tz": TIJDZONE,
    }
