"""Finding a jongere: by BSN, or by the start of words of the name in any case and without accents,
optionally with a geboortedatum (`domain/zoekterm`). The true number found, a page at a time
(the cursor holds the last jongere's id, never a name), each hit with what tells people apart:
birth date, address, school, and whether a case is open. Every jongere shown is an audited read."""

from __future__ import annotations

from uuid import UUID

from portal.audit.log import record_many
from portal.db.paging import lees_cursor, maak_cursor
from portal.db.pool import EIGEN_PLAN
from portal.db.request_context import RequestContext
from portal.domain import zoekterm
from portal.dossier.models import ZoekLijst, ZoekResultaat
from portal.problems import FieldError, unprocessable

# $1 BSN, $2 geboortedatum, $3 the words, each the start of a word of the name (its GIN index,
# read by migration 0039's function: beneath the policies the index would not be used). A BSN
# and a name are two statements, not one with a branch on which parameter is given: the generic
# plan PostgreSQL adopts for a prepared statement after five runs could use no index for either
# (a broad name search 56 ms, then 290 ms from the sixth request on). Even split, its generic
# plan mis-estimates the index function's rows (160 ms), so the search is planned for its values.
_OP_BSN = """
FROM jongeren j
WHERE j.tenant_id = current_tenant() AND j.bsn = $1 AND $2::date IS NULL AND $3::text[] IS NULL"""
# A letter's kenmerk names one case, verlof application or kennisgeving: its jongere ($3 unused).
_OP_KENMERK = """
FROM jongeren j
WHERE j.tenant_id = current_tenant() AND $2::date IS NULL AND $3::text[] IS NULL
  AND j.id IN (SELECT z.jongere_id FROM zaken z WHERE z.tenant_id = current_tenant()
                   AND z.kenmerk = $1
               UNION ALL
               SELECT k.jongere_id FROM vrijstelling_kennisgevingen k
               WHERE k.tenant_id = current_tenant() AND k.kenmerk = $1
               UNION ALL
               SELECT jv.id FROM verlofaanvragen v
               JOIN jongeren jv ON jv.tenant_id = v.tenant_id AND jv.bsn = v.bsn
               WHERE v.tenant_id = current_tenant() AND v.kenmerk = $1)"""
_OP_NAAM = """
FROM jongeren j
WHERE j.tenant_id = current_tenant() AND $1::text IS NULL
  AND ($2::date IS NULL OR j.geboortedatum = $2)
  AND j.id = ANY (ARRAY(SELECT jongeren_met_naam($3::text[])))"""
# The found set is read once (a CTE used twice is materialised) for the page and its total.
_PAGINA = """
WITH gevonden AS (
    SELECT j.id, j.geslachtsnaam, j.voornamen, j.geboortedatum {gevonden}
), pagina AS (
    SELECT g.*, (SELECT count(*) FROM gevonden) AS totaal FROM gevonden g
    WHERE $4::uuid IS NULL OR (g.geslachtsnaam, g.voornamen, g.geboortedatum, g.id)
          > (SELECT c.geslachtsnaam, c.voornamen, c.geboortedatum, c.id FROM jongeren c
             WHERE c.tenant_id = current_tenant() AND c.id = $4)
    ORDER BY g.geslachtsnaam, g.voornamen, g.geboortedatum, g.id
    LIMIT $5
)
SELECT j.id, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       j.geboortedatum, j.gemeentecode, p.totaal,
       nullif(concat_ws(' ', j.postcode, j.huisnummer, j.woonplaats), '') AS adres,
       s.naam AS school,
       EXISTS (SELECT 1 FROM zaken z WHERE z.tenant_id = j.tenant_id AND z.jongere_id = j.id
               AND z.status <> 'afgesloten') AS zaak_open
FROM pagina p
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = p.id
LEFT JOIN LATERAL (
    SELECT sc.naam FROM inschrijvingen i JOIN scholen sc USING (brin, vestiging)
    WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id AND i.datum_inschrijving <= $6
      AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving >= $6)
    ORDER BY i.datum_inschrijving DESC LIMIT 1
) s ON true
ORDER BY p.geslachtsnaam, p.voornamen, p.geboortedatum, p.id
"""
# Put together from constants only; every value is a bind parameter.
_OP = {"bsn": _OP_BSN, "kenmerk": _OP_KENMERK, "naam": _OP_NAAM}
_ZOEK = {op: _PAGINA.replace("{gevonden}", w) for op, w in _OP.items()}
_AANTAL = {op: "SELECT count(*) " + w for op, w in _OP.items()}


async def zoek(
    ctx: RequestContext, tekst: str, limit: int = 50, cursor: str | None = None
) -> ZoekLijst:
    """A 422 on `zoek` when the text asks for nothing to search on; on `cursor` when it was
    changed."""
    term = zoekterm.lees(tekst)
    if term is None:
        raise unprocessable([FieldError("zoek", "geef minstens 2 letters, een BSN of een datum")])
    (na,) = lees_cursor(cursor, "jongeren", UUID)
    op = "bsn" if term.bsn else "kenmerk" if term.kenmerk else "naam"
    args = (
        term.bsn or term.kenmerk,
        term.geboortedatum if op == "naam" else None,
        list(term.woorden) if op == "naam" else None,
    )
    async with ctx.tx(purpose="zoeken jongere") as tx:
        await tx.conn.execute(EIGEN_PLAN)
        rows = await tx.conn.fetch(_ZOEK[op], *args, na, limit + 1, tx.vandaag)
        # Past the last page no row carries the total: only then is it counted on its own.
        totaal: int = rows[0]["totaal"] if rows else await tx.conn.fetchval(_AANTAL[op], *args)
        pagina = rows[:limit]
        if pagina:
            await record_many(
                tx,
                "read",
                "zoekresultaat",
                [str(r["id"]) for r in pagina],
                [r["id"] for r in pagina],
            )
    return ZoekLijst(
        items=[
            ZoekResultaat(
                r["id"],
                r["naam"],
                r["geboortedatum"],
                r["gemeentecode"],
                r["adres"],
                r["school"],
                r["zaak_open"],
            )
            for r in pagina
        ],
        next_cursor=maak_cursor("jongeren", pagina[-1]["id"]) if len(rows) > limit else None,
        totaal=totaal,
    )
