"""A gemeente's own letter templates, kept by the functioneel beheerder. A template is saved only
when it renders (sandboxed) with the example pupil and still says what its article requires; going
back to the default removes the gemeente's version. Letters already sent keep their stored PDF."""

from __future__ import annotations

from datetime import datetime

import msgspec

from portal.audit.log import record
from portal.brieven import pool
from portal.brieven.render import TITELS, Brief, standaard
from portal.brieven.voorbeeld import VOORBEELD, ontbreekt
from portal.db.paging import STANDAARD, Pagina, pagina_in_geheugen
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable


class Sjabloon(msgspec.Struct, frozen=True):
    soort: str
    titel: str
    eigen: bool
    """True when the gemeente uses its own version instead of the default."""
    gewijzigd_op: datetime | None


class SjabloonInhoud(msgspec.Struct, frozen=True):
    soort: str
    titel: str
    eigen: bool
    inhoud: str


class NieuwSjabloon(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    inhoud: str


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Sjabloon]:
    """Every kind of letter, by its name, with whether the gemeente has its own text."""
    async with ctx.tx(purpose="configuratie") as tx:
        rows = await tx.conn.fetch("SELECT soort, gewijzigd_op FROM brief_sjablonen")
    eigen = {r["soort"]: r["gewijzigd_op"] for r in rows}
    return pagina_in_geheugen(
        [Sjabloon(s, t, s in eigen, eigen.get(s)) for s, t in TITELS.items()],
        limit,
        cursor,
        "sjablonen",
        lambda s: (s.soort,),
        (str,),
    )


async def lees(ctx: RequestContext, soort: str) -> SjabloonInhoud | None:
    if soort not in TITELS:
        return None
    async with ctx.tx(purpose="configuratie") as tx:
        eigen = await tx.conn.fetchval("SELECT inhoud FROM brief_sjablonen WHERE soort = $1", soort)
    return SjabloonInhoud(soort, TITELS[soort], eigen is not None, eigen or standaard(soort))


async def voorbeeld(soort: str, inhoud: str | None) -> Brief:
    """The letter with the example pupil, made off the event loop within the letters' limits
    (`brieven.pool`); a 422 on `inhoud` naming what is wrong or which limit it broke."""
    if inhoud is not None and not inhoud.strip():
        raise unprocessable([FieldError("inhoud", "het sjabloon is leeg")])
    if inhoud is not None and len(inhoud) > 100_000:
        raise unprocessable([FieldError("inhoud", "het sjabloon is langer dan 100.000 tekens")])
    brief = await pool.opstellen(soort, VOORBEELD, inhoud)
    missing = ontbreekt(soort, brief.tekst)
    if missing:
        zinnen = ", ".join(f"'{z}'" for z in missing)
        raise unprocessable([FieldError("inhoud", f"de brief moet blijven vermelden: {zinnen}")])
    return brief


async def vastleggen(ctx: RequestContext, soort: str, inhoud: str) -> SjabloonInhoud:
    await voorbeeld(soort, inhoud)
    async with ctx.tx(purpose="configuratie") as tx:
        await tx.conn.execute(
            "INSERT INTO brief_sjablonen (tenant_id, soort, inhoud) VALUES ($1, $2, $3)"
            " ON CONFLICT (tenant_id, soort) DO UPDATE SET inhoud = excluded.inhoud,"
            " gewijzigd_op = now()",
            tx.tenant_id,
            soort,
            inhoud,
        )
        await record(tx, "update", "briefsjabloon", soort, detail={"tekens": len(inhoud)})
    return SjabloonInhoud(soort, TITELS[soort], True, inhoud)


async def standaard_terug(ctx: RequestContext, soort: str) -> SjabloonInhoud:
    async with ctx.tx(purpose="configuratie") as tx:
        await tx.conn.execute("DELETE FROM brief_sjablonen WHERE soort = $1", soort)
        await record(tx, "delete", "briefsjabloon", soort)
    return SjabloonInhoud(soort, TITELS[soort], False, standaard(soort))
