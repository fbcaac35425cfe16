"""The sender on a gemeente's letters, as its functioneel beheerder sets it beside the templates:
the department, the postal address under the sender's name, the return address in the envelope's
window, a website. Every change is audited; a value that cannot go on a letter is a 422 on its
field, all reasons at once."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from portal.audit.log import record
from portal.brieven import pool
from portal.brieven.opmaak import drukbaar_teken
from portal.brieven.voorbeeld import VOORBEELD
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
    eigen_logo: bool = False
    """True when the gemeente uploaded its own logo (else the portal's logo of the gemeente)."""


MAX_LOGO = 200_000
"""Characters of SVG a logo may have."""


def _logo_fout(svg: str) -> str | None:
    """Why this text is no logo for a letter, or None. Entities and DOCTYPEs are refused (an SVG
    needs neither, and they are how XML expands); whether it draws is tried by a letter."""
    if len(svg) > MAX_LOGO:
        return f"het logo is groter dan {MAX_LOGO // 1000} kB"
    kop = svg.lstrip("\ufeff \t\r\n")[:2000].lower()
    if "<svg" not in kop:
        return "het logo moet een SVG-bestand zijn"
    if "<!doctype" in svg.lower() or "<!entity" in svg.lower():
        return "een logo mag geen DOCTYPE of ENTITY bevatten"
    if "\x00" in svg:
        return "het logo bevat een NUL-teken"
    return None


async def logo_vastleggen(ctx: RequestContext, svg: str | None) -> AfzenderUit:
    """The gemeente's own logo (None: back to the portal's), tried out on an example letter off
    the event loop first: a drawing typst cannot make is a 422 on `logo`, nothing saved."""
    if svg is not None:
        if reden := _logo_fout(svg):
            raise unprocessable([FieldError("logo", reden)])
        await pool.opstellen(
            "uitnodiging",
            {**VOORBEELD, "afzender": {"naam": "Gemeente", "logo": svg}},
            None,
            veld="logo",
        )
    async with ctx.tx(purpose="briefsjablonen") as tx:
        await tx.conn.execute(
            "INSERT INTO brief_afzender (tenant_id, logo_svg) VALUES ($1, $2)"
            " ON CONFLICT (tenant_id) DO UPDATE SET logo_svg = excluded.logo_svg,"
            " gewijzigd_op = now()",
            tx.tenant_id,
            svg,
        )
        await record(tx, "update", "brief_afzender", tx.tenant_id, detail={"logo": svg is not None})
    return await lees(ctx)


def _niet_drukbaar(tekst: str) -> str | None:
    vreemd = sorted({c for c in tekst if not drukbaar_teken(c) or c == "\n"})
    if not vreemd:
        return None
    tekens = " ".join(f"U+{ord(c):04X}" for c in vreemd[:5])
    return f"bevat tekens die een brief niet kan afdrukken ({tekens})"


def _fouten(a: Afzender) -> list[FieldError]:
    """Every field's reason at once, the first reason per field."""
    redenen: dict[str, str] = {}
    if not a.afdeling.strip():
        redenen["afdeling"] = "vul de afdeling in, bijvoorbeeld Leerplicht en RMC"
    for n, regel in enumerate(a.postadres):
        if not regel.strip() or any(c in regel for c in "\r\n\t\x00"):
            redenen.setdefault(f"postadres.{n}", "een adresregel is één regel tekst")
    for naam, tekst in (("retouradres", a.retouradres), ("website", a.website)):
        if tekst is not None and any(c in tekst for c in "\r\n\t\x00"):
            redenen.setdefault(naam, "één regel tekst")
    velden = [("afdeling", a.afdeling), ("retouradres", a.retouradres or "")]
    velden += [("website", a.website or "")]
    velden += [(f"postadres.{n}", r) for n, r in enumerate(a.postadres)]
    for naam, tekst in velden:
        if reden := _niet_drukbaar(tekst):
            redenen.setdefault(naam, reden)
    return [FieldError(veld, reden) for veld, reden in redenen.items()]


async def lees(ctx: RequestContext) -> AfzenderUit:
    async with ctx.tx(purpose="briefsjablonen") as tx:
        r = await tx.conn.fetchrow(
            "SELECT afdeling, postadres, retouradres, website, gewijzigd_op,"
            " logo_svg IS NOT NULL AS eigen_logo FROM brief_afzender"
        )
    if r is None:
        return AfzenderUit("Leerplicht en RMC", [], None, None, None)
    return AfzenderUit(
        r["afdeling"],
        list(r["postadres"]),
        r["retouradres"],
        r["website"],
        r["gewijzigd_op"],
        r["eigen_logo"],
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
