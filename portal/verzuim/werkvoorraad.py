"""The leerplichtambtenaar's werkvoorraad: open signals of the controls and open meldingen, in one
list, nearest open deadline first (overdue marked), keyset-paged.

A leerplichtambtenaar without another role sees their own team's work; a teammanager or
administratief medewerker the whole gemeente's. Every jongere shown is an audited read.
"""

from __future__ import annotations

from datetime import date
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

# Both kinds with their first open deadline; work without one sorts last (9999-12-31).
_WERK = """
WITH werk AS (
    SELECT 'signaal' AS kind, s.id, s.soort AS categorie, s.status, s.jongere_id,
           concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
           NULL::text AS brin, s.team_id
    FROM signalen s JOIN jongeren j ON j.id = s.jongere_id
    WHERE s.status = 'open'
    UNION ALL
    SELECT 'melding', m.id, m.soort, m.status, m.jongere_id,
           concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam),
           m.brin, m.team_id
    FROM meldingen m LEFT JOIN jongeren j ON j.id = m.jongere_id
    WHERE m.status IN ('geregistreerd', 'in_behandeling')
)
SELECT w.*, t.naam AS team, d.soort AS t_soort, d.omschrijving AS t_omschrijving,
       d.artikel AS t_artikel, d.uiterlijk AS t_uiterlijk,
       coalesce(d.uiterlijk, '9999-12-31'::date) AS sorteer
FROM werk w
LEFT JOIN teams t ON t.id = w.team_id
LEFT JOIN LATERAL (
    SELECT * FROM termijnen d
    WHERE (d.signaal_id = w.id OR d.melding_id = w.id) AND d.voldaan_op IS NULL
    ORDER BY d.uiterlijk LIMIT 1) d ON true
WHERE ($1::uuid IS NULL OR w.team_id = $1)
  AND ($2::date IS NULL OR (coalesce(d.uiterlijk, '9999-12-31'::date), w.id) > ($2, $3::uuid))
ORDER BY sorteer, w.id
LIMIT $4
"""


class Werk(msgspec.Struct, frozen=True):
    soort: str
    """signaal or melding"""
    id: UUID
    categorie: str
    status: str
    jongere_id: UUID | None
    naam: str | None
    """None for a pupil whose dossier lies in another gemeente."""
    brin: str | None
    team: str | None
    eerstvolgende_termijn: Deadline | None


class Werkvoorraad(msgspec.Struct, frozen=True):
    items: list[Werk]
    next_cursor: str | None


async def werkvoorraad(
    db: Database,
    principal: Principal,
    request_id: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
) -> Werkvoorraad:
    after_date, after_id = decode_cursor(cursor) if cursor else (None, None)
    team = principal.team_id if principal.roles == frozenset({Role.LEERPLICHTAMBTENAAR}) else None
    async with db.tenant_tx(principal, request_id=request_id, purpose="werkvoorraad") as tx:
        rows = await tx.conn.fetch(_WERK, team, after_date, after_id, limit + 1)
        page = rows[:limit]
        shown = [r for r in page if r["jongere_id"] is not None]
        if shown:
            await record_many(
                tx,
                "read",
                "werkvoorraad",
                [str(r["id"]) for r in shown],
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
        )
        for r in page
    ]
    return Werkvoorraad(items=items, next_cursor=volgende_cursor(rows, limit))
