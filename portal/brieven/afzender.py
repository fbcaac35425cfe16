"""The sender on a gemeente's letters, as its functioneel beheerder sets it beside the templates:
the department, the postal address under the sender's name, the return address in the envelope's
window, a website. Every change is audited; a value that cannot go on a letter is a 422 on its
field, all reasons at once."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from portal.audit.log import record
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable

Regel = Annotated[str, msgspec.Meta(max_length=120)]


class Afzender(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    afdeling: Annotated[str, msgspec.Meta(max_length=100)] = "Leerplicht en RMC"
    postadres: Annotated[list[Regel], msgspec.Meta(max_length=4)] = msgspec.field(
        default_factory=list
    )
    """Up to four lines, e.g. ["Postbus 1840", "1000 BV  Amsterdam"]."""
    retouradres: Regel | None = None
    """One line in small type above the addressee, e.g. "Retouradres: Postbus 1840, 1000 BV ..."."""
    website: Annotated[str, msgspec.Meta(max_length=100)] | None = None


class AfzenderUit(msgspec.Struct, frozen=True):
    afdeling: str
    postadres: list[str]
    retouradres: str | None
    website: str | None
    gewijzigd_op: datetime | None


def _fouten(a: Afzender) -> list[FieldError]:
    fouten = []
    if not a.afdeling.strip():
        fouten.append(FieldError("afdeling", "vul de afdeling in, bijvoorbeeld Leerplicht en RMC"))
    for n, regel in enumerate(a.postadres):
        if not regel.strip() or any(c in regel for c in "\r\n\t\x00"):
            fouten.append(FieldError(f"postadres.{n}", "een adresregel is één regel tekst"))
    for veld, waarde in (("retouradres", a.retouradres), ("website", a.website)):
        if waarde is not None and any(c in waarde for c in "\r\n\t\x00"):
            fouten.append(FieldError(veld, "één regel tekst"))
    return fouten


async def lees(ctx: RequestContext) -> AfzenderUit:
    async with ctx.tx(purpose="briefsjablonen") as tx:
        r = await tx.conn.fetchrow(
            "SELECT afdeling, postadres, retouradres, website, gewijzigd_op FROM brief_afzender"
        )
    if r is None:
        return AfzenderUit("Leerplicht en RMC", [], None, None, None)
    return AfzenderUit(
        r["afdeling"], list(r["postadres"]), r["retouradres"], r["website"], r["gewijzigd_op"]
    )


async def vastleggen(ctx: RequestContext, a: Afzender) -> AfzenderUit:
    if fouten := _fouten(a):
        raise unprocessable(fouten)
    async with ctx.tx(purpose="briefsjablonen") as tx:
        await tx.conn.execute(
            "INSERT INTO brief_afzender (tenant_id, afdeling, postadres, retouradres, website)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO UPDATE SET"
            " afdeling = excluded.afdeling, postadres = excluded.postadres,"
            " retouradres = excluded.retouradres, website = excluded.website, gewijzigd_op = now()",
            tx.tenant_id,
            a.afdeling.strip(),
            [r.strip() for r in a.postadres],
            (a.retouradres or "").strip() or None,
            (a.website or "").strip() or None,
        )
        await record(tx, "update", "brief_afzender", tx.tenant_id)
    return await lees(ctx)
