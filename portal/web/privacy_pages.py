"""The privacy officer's pages: the gemeente's recent audit log, a jongere's log found by BSN, and
the printable inzage overview. Each calls the service behind the privacy API with its guard."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from portal.auth.guards import requires
from portal.auth.permissions import Permission
from portal.auth.principal import ROLE_LABELS, Role
from portal.context import Ctx, gevonden
from portal.inzage import auditlog, overzicht
from portal.problems import Problem
from portal.web.layout import layout

OFFICER = [requires(Permission.INSPECT_AUDIT)]
ACTIES = {
    "read": "ingezien",
    "create": "vastgelegd",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "export": "uitgevoerd",
    "login": "ingelogd",
    "logout": "uitgelogd",
}


@get("/privacy", guards=OFFICER, include_in_schema=False)
async def privacy_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, bsn: FromQuery[str] = "", cursor: FromQuery[str] = ""
) -> Template:
    context = await layout(request, ctx)
    fout, gevonden = None, None
    if bsn:
        try:
            gevonden = await overzicht.zoek_bsn(ctx, bsn)
            if gevonden is None:
                fout = "Er is geen jongere met dit BSN in deze gemeente."
        except Problem as exc:
            fout = exc.errors[0].message if exc.errors else exc.detail
    log = None
    if not fout:
        log = await auditlog.lees(
            ctx,
            jongere_id=gevonden.jongere_id if gevonden else None,
            gebruiker_id=None,
            van=None,
            tot=None,
            limit=100,
            cursor=cursor or None,
        )
    context.update(
        bsn=bsn,
        fout=fout,
        gevonden=gevonden,
        log=log,
        acties=ACTIES,
        rol_labels={r.value: ROLE_LABELS[r] for r in Role},
    )
    return Template("privacy.html", context=context, status_code=422 if fout and bsn else 200)


@get("/privacy/inzage/{jongere_id:uuid}", guards=OFFICER, include_in_schema=False)
async def inzage_pagina(
    request: Request[Any, Any, Any], ctx: Ctx, jongere_id: FromPath[UUID]
) -> Template:
    found = gevonden(await overzicht.inzage(ctx, jongere_id))
    context = await layout(request, ctx)
    context["inzage"] = found
    return Template("inzage.html", context=context)


PRIVACY_PAGES = [privacy_pagina, inzage_pagina]
