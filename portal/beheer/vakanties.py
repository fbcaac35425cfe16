"""School holidays per gemeente, kept by the functioneel beheerder: the verlof rules need the
summer holiday to know the first two lesweken (art. 5, toelichting 20)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from portal.audit.log import record
from portal.db.paging import STANDAARD, Pagina, pagina_in_geheugen
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable

Naam = Literal["herfst", "kerst", "voorjaar", "mei", "zomer"]


class Vakantie(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    schooljaar: int
    """The zomer of 2027 has schooljaar 2027: it comes before school year 2027-2028."""
    naam: Naam
    van: date
    tot: date


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Vakantie]:
    """The gemeente's school holidays, the latest first (a few a year: read whole, paged here)."""
    async with ctx.tx(purpose="configuratie") as tx:
        rows = await tx.conn.fetch("SELECT schooljaar, naam, van, tot FROM schoolvakanties")
    return pagina_in_geheugen(
        [
            Vakantie(schooljaar=r["schooljaar"], naam=r["naam"], van=r["van"], tot=r["tot"])
            for r in rows
        ],
        limit,
        cursor,
        "vakanties",
        lambda v: (-v.van.toordinal(), v.naam),
        (int, str),
    )


async def vastleggen(ctx: RequestContext, v: Vakantie) -> Vakantie:
    fouten = []
    if v.tot < v.van:
        fouten.append(FieldError("tot", "de vakantie eindigt voor zij begint"))
    if not 2000 <= v.schooljaar <= 2100:
        fouten.append(FieldError("schooljaar", "een jaartal als 2027"))
    if v.naam == "zomer" and v.van.year != v.schooljaar:
        fouten.append(FieldError("van", "de zomervakantie van schooljaar X begint in jaar X"))
    if (v.tot - v.van).days > 70:
        fouten.append(FieldError("tot", "een vakantie duurt geen tien weken"))
    if fouten:
        raise unprocessable(fouten)
    async with ctx.tx(purpose="configuratie") as tx:
        await tx.conn.execute(
            "INSERT INTO schoolvakanties (tenant_id, schooljaar, naam, van, tot)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, schooljaar, naam)"
            " DO UPDATE SET van = excluded.van, tot = excluded.tot",
            tx.tenant_id,
            v.schooljaar,
            v.naam,
            v.van,
            v.tot,
        )
        await record(
            tx,
            "update",
            "schoolvakantie",
            f"{v.schooljaar}-{v.naam}",
            detail={"van": v.van.isoformat(), "tot": v.tot.isoformat()},
        )
    return v
