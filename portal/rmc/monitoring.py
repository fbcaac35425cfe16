"""Monitoring lists of the RMC function within a gemeente: the jongeren in een kwetsbare positie
of DUO's startset (art. 9a) with where each is now, and the overstap list of vmbo, pro and vso
leavers not (yet) enrolled anywhere (art. 2.2). Each row shown is an audited read."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal
from uuid import UUID

import msgspec

from portal.audit.log import record_many
from portal.db.paging import STANDAARD, Pagina, pagina_in_geheugen
from portal.db.request_context import RequestContext
from portal.domain.leerplicht import STARTKWALIFICATIES
from portal.problems import FieldError, unprocessable

SCHOOLJAAR = re.compile(r"^(20[0-9]{2})-(20[0-9]{2})$")
JkpStand = Literal["niet_in_beeld", "vsv_zaak", "ingeschreven", "startkwalificatie"]


def schooljaar_grenzen(schooljaar: str) -> tuple[date, date]:
    """1 August to 31 July; a 422 on `schooljaar` for anything but two consecutive years."""
    match = SCHOOLJAAR.match(schooljaar)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise unprocessable(
            [FieldError("schooljaar", "schooljaar moet de vorm JJJJ-JJJJ hebben (2025-2026)")]
        )
    return date(int(match.group(1)), 8, 1), date(int(match.group(2)), 7, 31)


class JkpRegel(msgspec.Struct, frozen=True):
    jongere_id: UUID
    naam: str
    geboortedatum: date
    herkomst: str
    uitstroomdatum: date
    bestemming: str | None
    stand: JkpStand
    """Where the jongere is now: nowhere in sight first, the ones that need action."""
    school: str | None
    onderwijssoort: str | None


class OverstapRegel(msgspec.Struct, frozen=True):
    jongere_id: UUID
    naam: str
    geboortedatum: date
    school: str | None
    onderwijssoort: str
    datum_uitschrijving: date


_JKP = """
SELECT k.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, j.geboortedatum,
       nu.brin AS nu_brin, s.naam AS school, nu.onderwijssoort,
       EXISTS (SELECT 1 FROM diplomas d WHERE d.jongere_id = k.jongere_id
               AND d.diploma = ANY($2::text[])) AS startkwalificatie,
       EXISTS (SELECT 1 FROM zaken z WHERE z.jongere_id = k.jongere_id AND z.soort = 'vsv'
               AND z.status <> 'afgesloten') AS vsv_zaak
FROM jkp_startset k
JOIN jongeren j ON j.id = k.jongere_id
LEFT JOIN LATERAL (SELECT i.brin, i.vestiging, i.onderwijssoort FROM inschrijvingen i
                   WHERE i.jongere_id = k.jongere_id AND i.datum_uitschrijving IS NULL
                   ORDER BY i.datum_inschrijving DESC LIMIT 1) nu ON true
LEFT JOIN scholen s ON s.brin = nu.brin AND s.vestiging = nu.vestiging
WHERE k.schooljaar = $1
"""

_OVERSTAP = """
SELECT i.jongere_id, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       j.geboortedatum, s.naam AS school, i.onderwijssoort, i.datum_uitschrijving
FROM inschrijvingen i
JOIN jongeren j ON j.id = i.jongere_id AND j.gemeentecode = j.tenant_id
LEFT JOIN scholen s ON s.brin = i.brin AND s.vestiging = i.vestiging
WHERE i.onderwijssoort IN ('vmbo', 'pro', 'vso')
  AND i.datum_uitschrijving BETWEEN $1 AND $2
  AND NOT EXISTS (SELECT 1 FROM inschrijvingen later WHERE later.jongere_id = i.jongere_id
                  AND (later.datum_uitschrijving IS NULL
                       OR later.datum_uitschrijving > i.datum_uitschrijving)
                  AND later.id IS DISTINCT FROM i.id)
  AND NOT EXISTS (SELECT 1 FROM diplomas d WHERE d.jongere_id = i.jongere_id
                  AND d.diploma = ANY($3::text[]))
ORDER BY i.datum_uitschrijving, naam
LIMIT 2000
"""


def _stand(r: Any) -> JkpStand:
    if r["startkwalificatie"]:
        return "startkwalificatie"
    if r["nu_brin"]:
        return "ingeschreven"
    if r["vsv_zaak"]:
        return "vsv_zaak"
    return "niet_in_beeld"


_VOLGORDE = {"niet_in_beeld": 0, "vsv_zaak": 1, "ingeschreven": 2, "startkwalificatie": 3}


async def jkp(
    ctx: RequestContext, schooljaar: str, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[JkpRegel]:
    """DUO's startset with where each jongere is now, out of sight first; the whole startset is
    read (a school year's, a few thousand at most) and one page of it returned and audited."""
    schooljaar_grenzen(schooljaar)
    async with ctx.tx(purpose="jkp monitoren") as tx:
        rows = await tx.conn.fetch(_JKP, schooljaar, sorted(STARTKWALIFICATIES))
        regels = [
            JkpRegel(
                jongere_id=r["jongere_id"],
                naam=r["naam"],
                geboortedatum=r["geboortedatum"],
                herkomst=r["herkomst"],
                uitstroomdatum=r["uitstroomdatum"],
                bestemming=r["bestemming"],
                stand=_stand(r),
                school=r["school"],
                onderwijssoort=r["onderwijssoort"],
            )
            for r in rows
        ]
        page = pagina_in_geheugen(
            regels,
            limit,
            cursor,
            "jkp",
            lambda r: (_VOLGORDE[r.stand], r.uitstroomdatum, r.jongere_id),
            (int, date, UUID),
        )
        if page.items:
            ids: list[UUID | None] = [r.jongere_id for r in page.items]
            await record_many(tx, "read", "jkp", [str(i) for i in ids], ids)
    return page


async def overstap(
    ctx: RequestContext, schooljaar: str, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[OverstapRegel]:
    """Leavers not enrolled since, by date of leaving; a page of them, read and audited."""
    van, tot = schooljaar_grenzen(schooljaar)
    async with ctx.tx(purpose="overstap monitoren") as tx:
        rows = await tx.conn.fetch(_OVERSTAP, van, tot, sorted(STARTKWALIFICATIES))
        regels = [
            OverstapRegel(
                r["jongere_id"],
                r["naam"],
                r["geboortedatum"],
                r["school"],
                r["onderwijssoort"],
                r["datum_uitschrijving"],
            )
            for r in rows
        ]
        page = pagina_in_geheugen(
            regels,
            limit,
            cursor,
            "overstap",
            lambda r: (r.datum_uitschrijving, r.jongere_id),
            (date, UUID),
        )
        if page.items:
            ids: list[UUID | None] = [r.jongere_id for r in page.items]
            await record_many(tx, "read", "overstap", [str(i) for i in ids], ids)
    return page
