"""The werkvoorraad's SQL, put together from constants only (every value is a bind parameter).

The whole open set must be ranked to find a page, so the ranking reads the work and, per item,
its case and its first open deadline by index (one look-up each, never a scan of every case or
deadline of the gemeente); names, teams and users are joined for the page's rows alone. A count
that needs no deadline reads none. Every table is keyed by the tenant explicitly, besides
row-level security: the regional VSV policies make RLS's own tenant test one branch of an OR.
"""

from __future__ import annotations

from functools import cache

_EERSTE = """
    LEFT JOIN LATERAL (
        SELECT d.soort, d.omschrijving, d.artikel, d.uiterlijk FROM termijnen d
        WHERE d.tenant_id = {t}.tenant_id AND d.{kolom} = {t}.id AND d.voldaan_op IS NULL
        ORDER BY d.uiterlijk LIMIT 1
    ) d ON true"""
# A filter on the deadline ($2 overdue, $7 due by) first narrows the work to what has an open
# deadline that early (its first one is then as early): one range read of the open deadlines,
# hashed, instead of a look-up per item.
_VROEG = """
      AND ($2::date IS NULL AND $7::date IS NULL OR {t}.id IN (
          SELECT v.{kolom} FROM termijnen v
          WHERE v.tenant_id = current_tenant() AND v.voldaan_op IS NULL
            AND v.uiterlijk < coalesce($2, 'infinity')
            AND v.uiterlijk <= coalesce($7, 'infinity')))"""
_GEEN = """
    LEFT JOIN LATERAL (
        SELECT NULL::text AS soort, NULL::text AS omschrijving, NULL::text AS artikel,
               NULL::date AS uiterlijk
    ) d ON true"""
# Every kind of open work: signals of the controls, meldingen, and VSV cases (which have neither;
# one waiting for a study shows when the enrolment came), each with its case, if any.
_BRON = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           NULL::text AS brin, s.team_id, z.id AS zaak_id, z.behandelaar_id, z.soort AS zaak_soort,
           z.status AS zaak_status, d.soort AS t_soort, d.omschrijving AS t_omschrijving,
           d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk
    FROM signalen s
    LEFT JOIN zaken z ON z.tenant_id = s.tenant_id AND z.signaal_id = s.id{eerste_signaal}
    WHERE s.tenant_id = current_tenant() AND s.status = 'open'{termijn_signaal}
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id, m.brin, m.team_id, z.id,
           z.behandelaar_id, z.soort, z.status, d.soort, d.omschrijving, d.artikel, d.uiterlijk
    FROM meldingen m
    -- LIMIT keeps the planner from turning the look-up into a hash of every case.
    LEFT JOIN LATERAL (
        SELECT z.id, z.behandelaar_id, z.soort, z.status FROM zaken z
        WHERE z.tenant_id = m.tenant_id AND z.melding_id = m.id LIMIT 1
    ) z ON true{eerste_melding}
    WHERE m.tenant_id = current_tenant()
      AND m.status IN ('geregistreerd', 'in_behandeling'){termijn_melding}
    UNION ALL
    SELECT 'zaak', z.id, 'vsv',
           CASE WHEN z.status = 'wacht_op_opleiding' AND EXISTS (
                    SELECT 1 FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id
                    AND i.jongere_id = z.jongere_id AND i.datum_uitschrijving IS NULL)
                THEN 'ingeschreven' ELSE z.status END,
           z.jongere_id, NULL, z.team_id, z.id, z.behandelaar_id, z.soort, z.status,
           NULL, NULL, NULL, NULL
    FROM zaken z
    WHERE z.tenant_id = current_tenant() AND z.soort = 'vsv'
      AND z.status NOT IN ('afgesloten', 'overgedragen')
)"""
# One leerplichtambtenaar's own work (Mijn zaken, a behandelaar filter: $5) is a few hundred
# cases, so it starts from them instead of from all the team's open work.
_BRON_EIGEN = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           NULL::text AS brin, s.team_id, z.id AS zaak_id, z.behandelaar_id, z.soort AS zaak_soort,
           z.status AS zaak_status, d.soort AS t_soort, d.omschrijving AS t_omschrijving,
           d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk
    FROM zaken z
    JOIN signalen s ON s.tenant_id = z.tenant_id AND s.id = z.signaal_id{eerste_signaal}
    WHERE z.tenant_id = current_tenant() AND z.behandelaar_id = $5 AND s.status = 'open'
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id, m.brin, m.team_id, z.id,
           z.behandelaar_id, z.soort, z.status, d.soort, d.omschrijving, d.artikel, d.uiterlijk
    FROM zaken z
    JOIN meldingen m ON m.tenant_id = z.tenant_id AND m.id = z.melding_id{eerste_melding}
    WHERE z.tenant_id = current_tenant() AND z.behandelaar_id = $5
      AND m.status IN ('geregistreerd', 'in_behandeling')
    UNION ALL
    SELECT 'zaak', z.id, 'vsv',
           CASE WHEN z.status = 'wacht_op_opleiding' AND EXISTS (
                    SELECT 1 FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id
                    AND i.jongere_id = z.jongere_id AND i.datum_uitschrijving IS NULL)
                THEN 'ingeschreven' ELSE z.status END,
           z.jongere_id, NULL, z.team_id, z.id, z.behandelaar_id, z.soort, z.status,
           NULL, NULL, NULL, NULL
    FROM zaken z
    WHERE z.tenant_id = current_tenant() AND z.behandelaar_id = $5 AND z.soort = 'vsv'
      AND z.status NOT IN ('afgesloten', 'overgedragen')
)"""
# The filters, the same for a page and for a count: $1 team, $2 overdue before, $3 soort,
# $4 school (BRIN), $5 behandelaar, $6 only unassigned, $7 deadline on or before, $8 a BSN, $9 the
# words of a name, each the start of one of its words (domain/zoekterm, migration 0036), $10 the
# case's statuses ('nieuw': no case yet), $11 and $12 the first and last geboortedatum.
FILTER = """
    ($1::uuid IS NULL OR w.team_id = $1)
    AND ($2::date IS NULL OR w.t_uiterlijk < $2)
    AND ($3::text IS NULL OR w.categorie = $3)
    AND ($4::text IS NULL OR w.brin = $4)
    AND ($5::uuid IS NULL OR w.behandelaar_id = $5)
    AND (NOT $6::bool OR w.behandelaar_id IS NULL)
    AND ($7::date IS NULL OR w.t_uiterlijk <= $7)
    AND ($10::text[] IS NULL OR w.zaak_status = ANY ($10)
         OR (w.zaak_id IS NULL AND 'nieuw' = ANY ($10)))
    AND (($8::text IS NULL AND $9::text[] IS NULL AND $11::date IS NULL) OR EXISTS (
        SELECT 1 FROM jongeren jz WHERE jz.tenant_id = current_tenant() AND jz.id = w.jongere_id
        AND ($8::text IS NULL OR jz.bsn = $8) AND ($9::text[] IS NULL OR jz.zoekbegin @> $9)
        AND ($11::date IS NULL OR jz.geboortedatum BETWEEN $11 AND $12)))"""
FILTER_PARAMETERS = 12
# The sort key of a line as text in the C collation, so that one keyset serves every column:
# $13 the column. By name: the surname first, normalised (the cursor holds the jongere's id, never
# the name; $16). Work without a deadline, a name or a school sorts last.
_SLEUTEL = """(CASE $13::text
        WHEN 'naam' THEN coalesce((SELECT zoeknaam(jn.geslachtsnaam || ' ' || jn.voornamen)
            FROM jongeren jn WHERE jn.tenant_id = current_tenant() AND jn.id = {jongere}), '~')
        WHEN 'school' THEN coalesce({brin}, '~')
        WHEN 'soort' THEN {categorie}
        ELSE coalesce(to_char({uiterlijk}, 'YYYY-MM-DD'), '9999-12-31') END) COLLATE "C"
"""
# $14 the cursor's key (another column than the name), $15 its id, $16 the jongere of a cursor
# by name, $17 the limit; $18 today and $19 the last day on which a deadline counts as near.
_PAGINA = """, gefilterd AS (
    SELECT w.*, {sleutel} AS sorteer, count(*) OVER () AS totaal,
           count(*) FILTER (WHERE w.t_uiterlijk BETWEEN $18 AND $19) OVER () AS binnenkort
    FROM werk w
    WHERE {filter}
), pagina AS (
    SELECT * FROM gefilterd g
    WHERE $15::uuid IS NULL OR (g.sorteer, g.id) {na} (
        CASE WHEN $13::text = 'naam' THEN coalesce((
            SELECT zoeknaam(jc.geslachtsnaam || ' ' || jc.voornamen) FROM jongeren jc
            WHERE jc.tenant_id = current_tenant() AND jc.id = $16::uuid), '~')
        ELSE $14::text END COLLATE "C", $15::uuid)
    ORDER BY g.sorteer {richting}, g.id {richting}
    LIMIT $17
)
SELECT p.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, t.naam AS team,
       u.naam AS behandelaar
FROM pagina p
LEFT JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = p.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = p.team_id
LEFT JOIN users u ON u.id = p.behandelaar_id
ORDER BY p.sorteer {richting}, p.id {richting}
"""
_TELLEN = " SELECT count(*) FROM werk w WHERE {filter}"
_TELLEN_TOT = " SELECT count(*) FROM (SELECT 1 FROM werk w WHERE {filter} LIMIT {tot}) t"


def _bron(termijnen: bool, eigen: bool = False) -> str:
    return (_BRON_EIGEN if eigen else _BRON).format(
        eerste_signaal=_EERSTE.format(t="s", kolom="signaal_id") if termijnen else _GEEN,
        eerste_melding=_EERSTE.format(t="m", kolom="melding_id") if termijnen else _GEEN,
        termijn_signaal=_VROEG.format(t="s", kolom="signaal_id") if termijnen else "",
        termijn_melding=_VROEG.format(t="m", kolom="melding_id") if termijnen else "",
    )


@cache
def pagina(aflopend: bool, eigen: bool) -> str:
    """A page of the ranking, with the total and the number due soon; ascending or descending;
    `eigen` when one behandelaar's work is asked for ($5)."""
    sleutel = _SLEUTEL.format(
        jongere="w.jongere_id", brin="w.brin", categorie="w.categorie", uiterlijk="w.t_uiterlijk"
    )
    return _bron(True, eigen) + _PAGINA.format(
        sleutel=sleutel,
        filter=FILTER,
        na="<" if aflopend else ">",
        richting="DESC" if aflopend else "ASC",
    )


@cache
def aantal(termijnen: bool, eigen: bool = False, tot: int | None = None) -> str:
    """How much work the filters select; without deadlines when no filter asks for one; counted
    up to `tot` only when more is not worth reading (a notice says "100 of meer")."""
    tellen = _TELLEN if tot is None else _TELLEN_TOT.replace("{tot}", str(int(tot)))
    return _bron(termijnen, eigen) + tellen.replace("{filter}", FILTER)
