"""The leerplichtambtenaar's werkvoorraad: open signals of the controls and open meldingen, in one
list, nearest open deadline first (overdue marked), keyset-paged.

A leerplichtambtenaar without another role sees their own team's work; a teammanager or
administratief medewerker the whole gemeente's. Every jongere shown is an audited read.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from portal.administratie.signalen import (
    Deadline,
    decode_cursor,
    eerstvolgende,
    volgende_cursor,
)
from portal.audit.log import record_many
from portal.auth.permissions import Permission, allows, team_scoped
from portal.auth.principal import Principal
from portal.db.pool import Database
from portal.domain.zaak import zichtbare_status

# Every kind of open work with its first open deadline; work without one sorts last, as
# 'infinity' (the date asyncpg sends for the cursor's date.max). The whole open set must be ranked
# to find a page, so the ranking reads only the work and the tenant's open deadlines (hash joins,
# no lookup per row); names, teams and cases are joined for the page's rows alone. Every table is
# keyed by the tenant explicitly, besides row-level security: the regional VSV policies make RLS's
# own tenant test one branch of an OR.
_WERK = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           NULL::text AS brin, s.team_id
    FROM signalen s
    WHERE s.tenant_id = current_tenant() AND s.status = 'open'
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id, m.brin, m.team_id
    FROM meldingen m
    WHERE m.tenant_id = current_tenant() AND m.status IN ('geregistreerd', 'in_behandeling')
    UNION ALL
    -- A VSV case has no melding or signal; one waiting for a study shows when the enrolment came.
    SELECT 'zaak', z.id, 'vsv',
           CASE WHEN z.status = 'wacht_op_opleiding' AND EXISTS (
                    SELECT 1 FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id
                    AND i.jongere_id = z.jongere_id AND i.datum_uitschrijving IS NULL)
                THEN 'ingeschreven' ELSE z.status END,
           z.jongere_id, NULL, z.team_id
    FROM zaken z
    WHERE z.tenant_id = current_tenant() AND z.soort = 'vsv'
      AND z.status NOT IN ('afgesloten', 'overgedragen')
), eerste AS (
    SELECT DISTINCT ON (coalesce(d.signaal_id, d.melding_id))
           coalesce(d.signaal_id, d.melding_id) AS werk_id, d.soort, d.omschrijving, d.artikel,
           d.uiterlijk
    FROM termijnen d
    WHERE d.tenant_id = current_tenant() AND d.voldaan_op IS NULL
    ORDER BY coalesce(d.signaal_id, d.melding_id), d.uiterlijk
), pagina AS (
    SELECT w.*, d.soort AS t_soort, d.omschrijving AS t_omschrijving, d.artikel AS t_artikel,
           d.uiterlijk AS t_uiterlijk, coalesce(d.uiterlijk, 'infinity'::date) AS sorteer
    FROM werk w LEFT JOIN eerste d ON d.werk_id = w.id
    WHERE ($1::uuid IS NULL OR w.team_id = $1)
      AND ($2::date IS NULL OR (coalesce(d.uiterlijk, 'infinity'::date), w.id) > ($2, $3::uuid))
      AND ($5::date IS NULL OR d.uiterlijk < $5)
    ORDER BY sorteer, w.id
    LIMIT $4
)
SELECT p.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam, t.naam AS team,
       CASE p.kind WHEN 'zaak' THEN p.id WHEN 'melding' THEN zm.id ELSE zs.id END AS zaak_id
FROM pagina p
LEFT JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = p.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = p.team_id
LEFT JOIN zaken zm ON p.kind = 'melding' AND zm.tenant_id = current_tenant()
    AND zm.melding_id = p.id
LEFT JOIN zaken zs ON p.kind = 'signaal' AND zs.tenant_id = current_tenant()
    AND zs.signaal_id = p.id
ORDER BY p.sorteer, p.id
"""


class Werk(msgspec.Struct, frozen=True):
    soort: str
    """signaal, melding, or zaak (a VSV case, which has neither)"""
    id: UUID
    categorie: str
    status: str
    jongere_id: UUID | None
    naam: str | None
    """None for a pupil whose dossier lies in another gemeente."""
    brin: str | None
    team: str | None
    eerstvolgende_termijn: Deadline | None
    zaak_id: UUID | None = None
    """The case opened on it, if any."""


class Akkoord(msgspec.Struct, frozen=True):
    """A voorgenomen SVB-melding waiting for the teammanager (art. 19.2)."""

    zaak_id: UUID
    jongere_id: UUID
    naam: str
    team: str | None
    voorgelegd_op: datetime
    voorgelegd_door: str | None


class Werkvoorraad(msgspec.Struct, frozen=True):
    items: list[Werk]
    next_cursor: str | None
    ter_goedkeuring: list[Akkoord] = msgspec.field(default_factory=list)
    """For a teammanager, on the first page: the approvals waiting."""


# Starts from the SVB steps (a partial index holds only those), not from every open case.
_AKKOORDEN = """
WITH svb AS (
    SELECT s.zaak_id, max(s.gezet_op) FILTER (WHERE s.actie = 'svb_voorleggen') AS voorgelegd_op,
           (array_agg(s.gezet_door ORDER BY s.gezet_op DESC)
                FILTER (WHERE s.actie = 'svb_voorleggen'))[1] AS voorgelegd_door
    FROM zaakstappen s
    WHERE s.tenant_id = current_tenant() AND s.actie IN ('svb_voorleggen', 'svb_akkoord')
    GROUP BY s.zaak_id
    HAVING count(*) FILTER (WHERE s.actie = 'svb_voorleggen')
           > count(*) FILTER (WHERE s.actie = 'svb_akkoord')
)
SELECT z.id AS zaak_id, z.jongere_id, t.naam AS team,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       v.voorgelegd_op, u.naam AS voorgelegd_door
FROM svb v
JOIN zaken z ON z.tenant_id = current_tenant() AND z.id = v.zaak_id
JOIN jongeren j ON j.tenant_id = current_tenant() AND j.id = z.jongere_id
LEFT JOIN teams t ON t.tenant_id = current_tenant() AND t.id = z.team_id
LEFT JOIN users u ON u.id = v.voorgelegd_door
WHERE z.status <> 'afgesloten'
ORDER BY v.voorgelegd_op
LIMIT 200
"""


async def werkvoorraad(
    db: Database,
    principal: Principal,
    request_id: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
    team_id: UUID | None = None,
    verlopen_op: date | None = None,
) -> Werkvoorraad:
    """`team_id` narrows a wider view to one team; `verlopen_op` keeps only work whose first
    open deadline lies before that day (so a page lists, and audits, only what it shows)."""
    after_date, after_id = decode_cursor(cursor) if cursor else (None, None)
    team = principal.team_id if team_scoped(principal) else None
    team = team or team_id
    async with db.tenant_tx(principal, request_id=request_id, purpose="werkvoorraad") as tx:
        rows = await tx.conn.fetch(_WERK, team, after_date, after_id, limit + 1, verlopen_op)
        page = rows[:limit]
        akkoorden = []
        if allows(principal, Permission.LEAD_TEAM) and cursor is None:
            akkoorden = await tx.conn.fetch(_AKKOORDEN)
        shown = [r for r in page if r["jongere_id"] is not None] + list(akkoorden)
        if shown:
            await record_many(
                tx,
                "read",
                "werkvoorraad",
                [str(r.get("id") or r["zaak_id"]) for r in shown],
                [r["jongere_id"] for r in shown],
            )
    today = tx.vandaag
    items = [
        Werk(
            soort=r["kind"],
            id=r["id"],
            categorie=r["categorie"],
            status=zichtbare_status(r["status"], principal.boa),
            jongere_id=r["jongere_id"],
            naam=r["naam"] or None,
            brin=r["brin"],
            team=r["team"],
            eerstvolgende_termijn=eerstvolgende(r, today),
            zaak_id=r["zaak_id"],
        )
        for r in page
    ]
    return Werkvoorraad(
        items=items,
        next_cursor=volgende_cursor(rows, limit),
        ter_goedkeuring=[
            Akkoord(
                a["zaak_id"],
                a["jongere_id"],
                a["naam"],
                a["team"],
                a["voorgelegd_op"],
                a["voorgelegd_door"],
            )
            for a in akkoorden
        ],
    )
