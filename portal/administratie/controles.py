"""The weekly controls of the administration (art. 3.4-3.8), set-based.

SQL finds a small superset of candidates over the whole tenant in one statement each (indexes on
birth date and enrolments); the pure rules of `portal.domain.leerplicht` then decide for each
candidate, so that leerplicht is defined in one place only. What is confirmed becomes a signal
with its deadlines, in the same transaction, idempotently (one open signal per jongere and kind).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import msgspec

from portal.db.types import Conn
from portal.domain import termijnen
from portal.domain.leerplicht import Diploma, Inschrijving, Vrijstelling, te_volgen

# A candidate's vrijstellingen and vervangende leerplicht, for the one rule (`te_volgen`).
_VRIJSTELLINGEN = """
    coalesce((SELECT array_agg(v.grond ORDER BY v.van) FROM vrijstellingen v
              WHERE v.tenant_id = j.tenant_id AND v.jongere_id = j.id), '{}') AS vrij_grond,
    coalesce((SELECT array_agg(v.van ORDER BY v.van) FROM vrijstellingen v
              WHERE v.tenant_id = j.tenant_id AND v.jongere_id = j.id), '{}') AS vrij_van,
    coalesce((SELECT array_agg(v.tot ORDER BY v.van) FROM vrijstellingen v
              WHERE v.tenant_id = j.tenant_id AND v.jongere_id = j.id), '{}') AS vrij_tot"""

# Leerplichtig or kwalificatieplichtig can only be someone aged 5 to 18 (one day wider each side,
# so that 29 February and the month after the 5th birthday stay with the rules in Python). Every
# subquery names its tenant: RLS's own tenant test shares an OR with the regional VSV read.
_ABSOLUUT_VERZUIM_KANDIDATEN = """
SELECT j.id, j.geboortedatum,
    coalesce((SELECT array_agg(i.datum_inschrijving ORDER BY i.datum_inschrijving)
              FROM inschrijvingen i WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id),
             '{}') AS ins_van,
    coalesce((SELECT array_agg(i.datum_uitschrijving ORDER BY i.datum_inschrijving)
              FROM inschrijvingen i WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id),
             '{}') AS ins_tot,
    coalesce((SELECT array_agg(d.diploma) FROM diplomas d
              WHERE d.tenant_id = j.tenant_id AND d.jongere_id = j.id), '{}') AS dip_soort,
    coalesce((SELECT array_agg(d.datum) FROM diplomas d
              WHERE d.tenant_id = j.tenant_id AND d.jongere_id = j.id), '{}') AS dip_datum,
{VRIJSTELLINGEN}
FROM jongeren j
WHERE j.tenant_id = current_tenant() AND j.gemeentecode = current_tenant()
  AND j.geboortedatum <= ($1::date - interval '5 years')::date
  AND j.geboortedatum > ($1::date - interval '18 years' - interval '1 day')::date
  AND NOT EXISTS (SELECT 1 FROM inschrijvingen i
                  WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id
                  AND i.datum_inschrijving <= $1
                  AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving >= $1))
  AND NOT EXISTS (SELECT 1 FROM signalen s
                  WHERE s.tenant_id = j.tenant_id AND s.jongere_id = j.id
                  AND s.soort = 'vermoeden_absoluut_verzuim' AND s.status = 'open')
""".replace("{VRIJSTELLINGEN}", _VRIJSTELLINGEN)

# An uitschrijving 7 to 90 days ago, under 18 (a superset: the rule decides), with no school right
# after it.
_UITSCHRIJVING_KANDIDATEN = """
SELECT DISTINCT ON (i.jongere_id) i.jongere_id, i.brin, i.vestiging, i.datum_uitschrijving,
       j.geboortedatum,
    coalesce((SELECT array_agg(d.diploma) FROM diplomas d
              WHERE d.tenant_id = j.tenant_id AND d.jongere_id = j.id), '{}') AS dip_soort,
    coalesce((SELECT array_agg(d.datum) FROM diplomas d
              WHERE d.tenant_id = j.tenant_id AND d.jongere_id = j.id), '{}') AS dip_datum,
{VRIJSTELLINGEN}
FROM inschrijvingen i JOIN jongeren j ON j.tenant_id = i.tenant_id AND j.id = i.jongere_id
WHERE i.tenant_id = current_tenant()
  AND i.datum_uitschrijving BETWEEN $1::date - 90 AND $1::date - 7
  AND i.datum_uitschrijving < (j.geboortedatum + interval '18 years' + interval '1 day')::date
  AND NOT EXISTS (SELECT 1 FROM inschrijvingen k
                  WHERE k.tenant_id = i.tenant_id AND k.jongere_id = i.jongere_id
                  AND k.id <> i.id AND k.datum_inschrijving <= i.datum_uitschrijving + 7
                  AND (k.datum_uitschrijving IS NULL
                       OR k.datum_uitschrijving > i.datum_uitschrijving))
  AND NOT EXISTS (SELECT 1 FROM signalen s
                  WHERE s.tenant_id = j.tenant_id AND s.jongere_id = j.id
                  AND s.soort = 'uitschrijving_zonder_inschrijving' AND s.status = 'open')
ORDER BY i.jongere_id, i.datum_uitschrijving DESC
""".replace("{VRIJSTELLINGEN}", _VRIJSTELLINGEN)

_INSERT_SIGNALEN = """
WITH nieuw AS (
    INSERT INTO signalen (tenant_id, soort, jongere_id, brin, vestiging, peildatum, reden, team_id)
    SELECT current_tenant(), $1, u.jongere_id, u.brin, u.vestiging, $2, u.reden, j.team_id
    FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[])
        AS u (jongere_id, brin, vestiging, reden)
    JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = u.jongere_id
    ON CONFLICT (tenant_id, jongere_id, soort) WHERE status = 'open' DO NOTHING
    RETURNING id
)
INSERT INTO termijnen (tenant_id, signaal_id, soort, omschrijving, artikel, dagsoort, uiterlijk)
SELECT current_tenant(), nieuw.id, t.soort, t.omschrijving, t.artikel, t.dagsoort, t.uiterlijk
FROM nieuw CROSS JOIN unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::date[])
    AS t (soort, omschrijving, artikel, dagsoort, uiterlijk)
"""


class ControleResultaat(msgspec.Struct):
    peildatum: date
    kandidaten: int
    vermoedens_absoluut_verzuim: int
    uitschrijvingen_zonder_inschrijving: int


async def signalen_vastleggen(
    conn: Conn,
    soort: str,
    peildatum: date,
    rows: list[tuple[UUID, str | None, str | None, str]],
    deadlines: list[termijnen.Termijn],
) -> int:
    """Signals with their deadlines; a jongere's open signal of that kind is kept, not doubled.
    Rows are (jongere_id, brin, vestiging, reden). Shared by the controls and school notices."""
    if not rows:
        return 0
    status = await conn.execute(
        _INSERT_SIGNALEN,
        soort,
        peildatum,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        [t.soort for t in deadlines],
        [t.omschrijving for t in deadlines],
        [t.artikel for t in deadlines],
        [t.dagsoort.value for t in deadlines],
        [t.uiterlijk for t in deadlines],
    )
    return int(status.split()[-1]) // max(1, len(deadlines))


def _vrijstellingen(k: Any) -> list[Vrijstelling]:
    return [
        Vrijstelling(g, van, tot)
        for g, van, tot in zip(k["vrij_grond"], k["vrij_van"], k["vrij_tot"], strict=True)
    ]


def _diplomas(k: Any) -> list[Diploma]:
    return [Diploma(s, d) for s, d in zip(k["dip_soort"], k["dip_datum"], strict=True)]


async def run_controles(conn: Conn, peildatum: date) -> ControleResultaat:
    """Run the controls for the transaction's tenant on `peildatum`."""
    kandidaten = await conn.fetch(_ABSOLUUT_VERZUIM_KANDIDATEN, peildatum)
    absoluut: list[tuple[UUID, str | None, str | None, str]] = []
    for k in kandidaten:
        inschrijvingen = [
            Inschrijving(van, tot) for van, tot in zip(k["ins_van"], k["ins_tot"], strict=True)
        ]
        reden = te_volgen(
            k["geboortedatum"], peildatum, inschrijvingen, _diplomas(k), _vrijstellingen(k)
        )
        if reden is not None:
            absoluut.append((k["id"], None, None, f"niet ingeschreven; {reden}"))
    uitgeschreven: list[tuple[UUID, str | None, str | None, str]] = []
    for u in await conn.fetch(_UITSCHRIJVING_KANDIDATEN, peildatum):
        if (
            te_volgen(u["geboortedatum"], peildatum, (), _diplomas(u), _vrijstellingen(u))
            is not None
        ):
            uitgeschreven.append(
                (
                    u["jongere_id"],
                    u["brin"],
                    u["vestiging"],
                    f"uitgeschreven op {u['datum_uitschrijving'].isoformat()} zonder nieuwe school",
                )
            )
    return ControleResultaat(
        peildatum=peildatum,
        kandidaten=len(kandidaten),
        vermoedens_absoluut_verzuim=await signalen_vastleggen(
            conn,
            "vermoeden_absoluut_verzuim",
            peildatum,
            absoluut,
            termijnen.absoluut_verzuim(peildatum),
        ),
        uitschrijvingen_zonder_inschrijving=await signalen_vastleggen(
            conn,
            "uitschrijving_zonder_inschrijving",
            peildatum,
            uitgeschreven,
            termijnen.uitschrijving_opvolgen(peildatum),
        ),
    )


class SchoolTeLaat(msgspec.Struct):
    brin: str
    vestiging: str
    naam: str
    inschrijvingen_te_laat: int
    uitschrijvingen_te_laat: int


async def scholen_te_laat(conn: Conn, sinds: date) -> list[SchoolTeLaat]:
    """Schools that reported enrolments or their ends more than 7 days late (Lpw art. 18;
    art. 3.4-3.6, 9.2), counted over mutations dated from `sinds` and after the tenant's first
    import (history loaded at the start cannot have been reported on time)."""
    rows = await conn.fetch(
        """WITH begin AS (SELECT greatest($1::date, min(gemeld_op)::date) AS d FROM inschrijvingen)
           SELECT * FROM (
               SELECT i.brin, i.vestiging, s.naam,
                      count(*) FILTER (WHERE i.datum_inschrijving >= begin.d
                                       AND i.gemeld_op::date > i.datum_inschrijving + 7) AS ins,
                      count(*) FILTER (WHERE i.datum_uitschrijving >= begin.d
                                       AND i.uitschrijving_gemeld_op::date
                                           > i.datum_uitschrijving + 7) AS uit
               FROM inschrijvingen i JOIN scholen s USING (brin, vestiging) CROSS JOIN begin
               GROUP BY i.brin, i.vestiging, s.naam) AS per_school
           WHERE ins + uit > 0
           ORDER BY ins + uit DESC, naam""",
        sinds,
    )
    return [SchoolTeLaat(r["brin"], r["vestiging"], r["naam"], r["ins"], r["uit"]) for r in rows]
