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
from portal.auth.principal import Principal, Role
from portal.db.pool import Database

# Both kinds with their first open deadline; work without one sorts last (9999-12-31). Every
# table is keyed by the tenant explicitly, besides row-level security: the regional VSV policies
# make RLS's own tenant test one branch of an OR, which no index can serve.
_WERK = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
           NULL::text AS brin, s.team_id
    FROM signalen s JOIN jongeren j ON j.tenant_id = s.tenant_id AND j.id = s.jongere_id
    WHERE s.tenant_id = current_tenant() AND s.status = 'open'
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id,
           concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam),
           m.brin, m.team_id
    FROM meldingen m LEFT JOIN jongeren j ON j.tenant_id = m.tenant_id AND j.id = m.jongere_id
    WHERE m.tenant_id = current_tenant() AND m.status IN ('geregistreerd', 'in_behandeling')
    UNION ALL
    -- A VSV case has no melding or signal; one waiting for a study shows when the enrolment came.
    SELECT 'zaak', z.id, 'vsv',
           CASE WHEN z.status = 'wacht_op_opleiding' AND EXISTS (
                    SELECT 1 FROM inschrijvingen i WHERE i.tenant_id = z.tenant_id
                    AND i.jongere_id = z.jongere_id AND i.datum_uitschrijving IS NULL)
                THEN 'ingeschreven' ELSE z.status END,
           z.jongere_id, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam), NULL,
           z.team_id
    FROM zaken z JOIN jongeren j ON j.tenant_id = z.tenant_id AND j.id = z.jongere_id
    WHERE z.tenant_id = current_tenant() AND z.soort = 'vsv'
      AND z.status NOT IN ('afgesloten', 'overgedragen')
)
SELECT w.*, t.naam AS team, CASE WHEN w.kind = 'zaak' THEN w.id ELSE z.id END AS zaak_id,
       d.soort AS t_soort, d.omschrijving AS t_omschrijving,
       d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk,
       coalesce(d.uiterlijk, '9999-12-31'::date) AS sorteer
FROM werk w
LEFT JOIN teams t ON t.id = w.team_id
LEFT JOIN zaken z ON w.kind <> 'zaak' AND z.tenant_id = current_tenant()
    AND (z.melding_id = w.id OR z.signaal_id = w.id)
LEFT JOIN LATERAL (
    SELECT * FROM termijnen d
    WHERE d.tenant_id = current_tenant() AND (d.signaal_id = w.id OR d.melding_id = w.id)
      AND d.voldaan_op IS NULL
    ORDER BY d.uiterlijk LIMIT 1) d ON true
WHERE ($1::uuid IS NULL OR w.team_id = $1)
  AND ($2::date IS NULL OR (coalesce(d.uiterlijk, '9999-12-31'::date), w.id) > ($2, $3::uuid))
  AND ($5::date IS NULL OR d.uiterlijk < $5)
ORDER BY sorteer, w.id
LIMIT $4
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


_AKKOORDEN = """
SELECT z.id AS zaak_id, z.jongere_id, t.naam AS team,
       concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       v.gezet_op AS voorgelegd_op, u.naam AS voorgelegd_door
FROM zaken z
JOIN jongeren j ON j.id = z.jongere_id
LEFT JOIN teams t ON t.id = z.team_id
JOIN LATERAL (SELECT s.gezet_op, s.gezet_door FROM zaakstappen s
              WHERE s.zaak_id = z.id AND s.actie = 'svb_voorleggen'
              ORDER BY s.gezet_op DESC LIMIT 1) v ON true
LEFT JOIN users u ON u.id = v.gezet_door
WHERE z.status <> 'afgesloten'
  AND (SELECT count(*) FILTER (WHERE actie = 'svb_voorleggen')
            - count(*) FILTER (WHERE actie = 'svb_akkoord')
       FROM zaakstappen s WHERE s.zaak_id = z.id) > 0
ORDER BY v.gezet_op
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
    team = principal.team_id if principal.roles == frozenset({Role.LEERPLICHTAMBTENAAR}) else None
    team = team or team_id
    async with db.tenant_tx(principal, request_id=request_id, purpose="werkvoorraad") as tx:
        rows = await tx.conn.fetch(_WERK, team, after_date, after_id, limit + 1, verlopen_op)
        page = rows[:limit]
        akkoorden = []
        if principal.has_any(Role.TEAMMANAGER) and cursor is None:
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
    today = date.today()
    items = [
        Werk(
            soort=r["kind"],
            id=r["id"],
            categorie=r["categorie"],
            status=r["status"],
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
