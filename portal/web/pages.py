"""The pages a signed-in user lands on. Werkproces pages join here as their issues land."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from portal.auth.guards import authenticated
from portal.auth.middleware import AuthInfo
from portal.auth.principal import ROLE_LABELS
from portal.context import DB, CurrentPrincipal, RequestId
from portal.tenants import repository as tenants


@get("/", guards=[authenticated], include_in_schema=False)
async def home(
    request: Request[Any, Any, Any], db: DB, principal: CurrentPrincipal, request_id: RequestId
) -> Template:
    async with db.tenant_tx(principal, request_id=request_id) as tx:
        gemeente = await tenants.gemeente(tx.conn, tx.tenant_id)
        team = await tenants.team_naam(tx.conn, principal.team_id)
    auth = request.scope.get("auth")
    return Template(
        "home.html",
        context={
            "principal": principal,
            "gemeente": gemeente.naam if gemeente else tx.tenant_id,
            "team": team,
            "rollen": [ROLE_LABELS[r] for r in sorted(principal.roles)],
            "csrf_token": auth.csrf_token if isinstance(auth, AuthInfo) else "",
        },
    )
