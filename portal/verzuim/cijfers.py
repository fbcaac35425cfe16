"""The teammanager's figures: intake (meldingen and the controls' signals) and outcomes of closed
cases per month, open cases by status, overdue deadlines. Counts only, never a person: nothing here
is personal data, so nothing is audited per jongere. Months are Amsterdam calendar months."""

from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import UUID

import msgspec

from portal.db.request_context import RequestContext
from portal.domain.uitkomst import uitkomst
from portal.problems import FieldError, unprocessable


class Aantal(msgspec.Struct, frozen=True):
    maand: str
    categorie: str
    aantal: int


class StatusAantal(msgspec.Struct, frozen=True):
    soort: str
    status: str
    aantal: int


class Cijfers(msgspec.Struct, frozen=True):
    van: str
    tot: str
    team_id: UUID | None
    instroom: list[Aantal]
    """Per month and kind: the melding's soort, or the control's signal."""
    uitkomsten: list[Aantal]
    """Per month a case was closed and its outcome (the heaviest measure it reached)."""
    open_zaken: list[StatusAantal]
    verlopen_termijnen: int
    """Open deadlines of open meldingen and signals past their date today."""


def maanden(van: str, tot: str) -> list[str]:
    """Every month from van to tot inclusive (YYYY-MM), so a month without intake shows as 0."""
    jaar, maand = int(van[:4]), int(van[5:])
    uit = []
    while f"{jaar:04d}-{maand:02d}" <= tot:
        uit.append(f"{jaar:04d}-{maand:02d}")
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def _maand(waarde: str, veld: str) -> date:
    try:
        if len(waarde) != 7 or waarde[4] != "-":
            raise ValueError(waarde)
        return date(int(waarde[:4]), int(waarde[5:7]), 1)
    except ValueError:
        raise unprocessable([FieldError(veld, "een maand als 2026-10")]) from None


def periode(van: str | None, tot: str | None, vandaag: date) -> tuple[date, date]:
    """Default: the last twelve months up to this one. At most 36 months, van before tot."""
    eind = _maand(tot, "tot") if tot else vandaag.replace(day=1)
    begin = (
        _maand(van, "van") if van else date(eind.year - (eind.month < 12), (eind.month % 12) + 1, 1)
    )
    if begin > eind:
        raise unprocessable([FieldError("van", "de eerste maand ligt na de laatste")])
    if (eind.year - begin.year) * 12 + eind.month - begin.month >= 36:
        raise unprocessable([FieldError("van", "kies hoogstens 36 maanden")])
    return begin, eind


_INSTROOM = """
SELECT to_char(ontvangen_op AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS maand,
       soort AS categorie, count(*) AS aantal
FROM meldingen
WHERE tenant_id = current_tenant()
  AND ontvangen_op >= ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND ontvangen_op < (($2::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND ($3::uuid IS NULL OR team_id = $3)
GROUP BY 1, 2
UNION ALL
SELECT to_char(gevonden_op AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM'), soort, count(*)
FROM signalen
WHERE tenant_id = current_tenant()
  AND gevonden_op >= ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND gevonden_op < (($2::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND ($3::uuid IS NULL OR team_id = $3)
GROUP BY 1, 2
"""
# Closed cases by month and by the measures they took (kept on the case: the Wpg steps themselves
# are for BOAs only); few distinct sets, so the outcome rule runs in Python on a handful of rows.
_GESLOTEN = """
SELECT to_char(gesloten_op AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS maand, maatregelen,
       count(*) AS aantal
FROM zaken
WHERE tenant_id = current_tenant() AND status = 'afgesloten'
  AND gesloten_op >= ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND gesloten_op < (($2::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND ($3::uuid IS NULL OR team_id = $3)
GROUP BY 1, 2
"""
_OPEN = """
SELECT soort, status, count(*) AS aantal FROM zaken
WHERE tenant_id = current_tenant() AND status <> 'afgesloten' AND ($1::uuid IS NULL OR team_id = $1)
GROUP BY 1, 2 ORDER BY 1, 3 DESC
"""
_VERLOPEN = """
SELECT count(*) FROM termijnen t
LEFT JOIN signalen s ON s.tenant_id = t.tenant_id AND s.id = t.signaal_id
LEFT JOIN meldingen m ON m.tenant_id = t.tenant_id AND m.id = t.melding_id
WHERE t.tenant_id = current_tenant() AND t.voldaan_op IS NULL AND t.uiterlijk < $1
  AND (s.status = 'open' OR m.status IN ('geregistreerd', 'in_behandeling'))
  AND ($2::uuid IS NULL OR coalesce(s.team_id, m.team_id) = $2)
"""


async def cijfers(
    ctx: RequestContext,
    *,
    van: str | None,
    tot: str | None,
    team_id: UUID | None,
    vandaag: date,
) -> Cijfers:
    begin, eind = periode(van, tot, vandaag)
    async with ctx.tx() as tx:
        instroom = await tx.conn.fetch(_INSTROOM, begin, eind, team_id)
        gesloten = await tx.conn.fetch(_GESLOTEN, begin, eind, team_id)
        open_rows = await tx.conn.fetch(_OPEN, team_id)
        verlopen = await tx.conn.fetchval(_VERLOPEN, vandaag, team_id)
    uitkomsten: Counter[tuple[str, str]] = Counter()
    for r in gesloten:
        uitkomsten[(r["maand"], uitkomst(r["maatregelen"]).value)] += r["aantal"]
    return Cijfers(
        van=f"{begin:%Y-%m}",
        tot=f"{eind:%Y-%m}",
        team_id=team_id,
        instroom=sorted(
            (Aantal(r["maand"], r["categorie"], r["aantal"]) for r in instroom),
            key=lambda a: (a.maand, a.categorie),
        ),
        uitkomsten=[Aantal(m, c, n) for (m, c), n in sorted(uitkomsten.items())],
        open_zaken=[StatusAantal(r["soort"], r["status"], r["aantal"]) for r in open_rows],
        verlopen_termijnen=verlopen,
    )
