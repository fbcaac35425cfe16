"""Who handles a case: the teammanager assigns and reassigns, one case or many at once, and sees
the caseload of every leerplichtambtenaar. Each case's werklogboek says who took it over from
whom; the whole request is checked before the first write, so it is done for all or for none."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from portal.audit.log import record_many
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.dossier.werklog import werklog
from portal.problems import FieldError, conflict, unprocessable

MAXIMUM = 200


class Toewijzingsverzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    zaak_ids: Annotated[list[UUID], msgspec.Meta(min_length=1, max_length=MAXIMUM)]
    behandelaar_id: UUID


class Toegewezen(msgspec.Struct, frozen=True):
    zaak_ids: list[UUID]
    behandelaar_id: UUID
    behandelaar: str
    gewijzigd: int
    """How many cases changed hands (a case already with the behandelaar stays as it is)."""


class Caseload(msgspec.Struct, frozen=True):
    """One leerplichtambtenaar's open cases, and how many of those have a deadline past."""

    id: UUID
    naam: str
    team: str | None
    open_zaken: int
    verlopen: int


_CASELOAD = """
SELECT u.id, u.naam, t.naam AS team,
       count(z.id) AS open_zaken,
       count(z.id) FILTER (WHERE EXISTS (
           SELECT 1 FROM termijnen d WHERE d.tenant_id = z.tenant_id AND d.voldaan_op IS NULL
           AND d.uiterlijk < $1 AND (d.melding_id = z.melding_id OR d.signaal_id = z.signaal_id)
       )) AS verlopen
FROM users u
LEFT JOIN teams t ON t.tenant_id = u.tenant_id AND t.id = u.team_id
LEFT JOIN zaken z ON z.tenant_id = u.tenant_id AND z.behandelaar_id = u.id
     AND z.status <> 'afgesloten'
WHERE u.tenant_id = current_tenant() AND u.actief AND 'leerplichtambtenaar' = ANY (u.roles)
  AND ($2::uuid IS NULL OR u.team_id = $2)
GROUP BY u.id, u.naam, t.naam
ORDER BY t.naam NULLS LAST, u.naam, u.id
"""


async def caseload(ctx: RequestContext, team_id: UUID | None = None) -> list[Caseload]:
    """Every active leerplichtambtenaar of the gemeente (or of one team) with their open cases
    (counts only)."""
    async with ctx.tx(purpose="caseload") as tx:
        rows = await tx.conn.fetch(_CASELOAD, tx.vandaag, team_id)
    return [Caseload(r["id"], r["naam"], r["team"], r["open_zaken"], r["verlopen"]) for r in rows]


async def toewijzen(ctx: RequestContext, verzoek: Toewijzingsverzoek) -> Toegewezen | None:
    """Give the cases to one leerplichtambtenaar. None (a 404) when a case does not exist in the
    caller's gemeente; a 422 for a behandelaar who is no active leerplichtambtenaar of it; a 409
    for a closed case. Nothing is written unless every case can be assigned."""
    ids = list(dict.fromkeys(verzoek.zaak_ids))
    async with ctx.tx(purpose="toewijzing") as tx:
        naam = await _behandelaar(tx, verzoek.behandelaar_id)
        rows = await tx.conn.fetch(
            "SELECT z.id, z.jongere_id, z.status, z.behandelaar_id, u.naam AS was FROM zaken z"
            " LEFT JOIN users u ON u.id = z.behandelaar_id"
            " WHERE z.id = ANY($1::uuid[]) ORDER BY z.id FOR UPDATE OF z",
            ids,
        )
        if len(rows) != len(ids):
            return None
        if gesloten := [r for r in rows if r["status"] == "afgesloten"]:
            raise conflict(
                f"{len(gesloten)} van de gekozen zaken is afgesloten; een afgesloten zaak krijgt"
                " geen behandelaar meer. Er is niets gewijzigd."
            )
        await tx.conn.execute(
            "UPDATE zaken SET behandelaar_id = $2 WHERE id = ANY($1::uuid[])"
            " AND behandelaar_id IS DISTINCT FROM $2",
            ids,
            verzoek.behandelaar_id,
        )
        gewijzigd = [r for r in rows if r["behandelaar_id"] != verzoek.behandelaar_id]
        for r in gewijzigd:
            await werklog(
                tx,
                r["jongere_id"],
                "Zaak toegewezen",
                f"Behandelaar: {naam} (was: {r['was'] or 'niemand'})",
                False,
            )
        await record_many(
            tx, "update", "zaak", [str(r["id"]) for r in rows], [r["jongere_id"] for r in rows]
        )
    return Toegewezen(ids, verzoek.behandelaar_id, naam, len(gewijzigd))


async def _behandelaar(tx: Tx, user_id: UUID) -> str:
    naam: str | None = await tx.conn.fetchval(
        "SELECT naam FROM users WHERE tenant_id = current_tenant() AND id = $1 AND actief"
        " AND 'leerplichtambtenaar' = ANY (roles)",
        user_id,
    )
    if naam is None:
        raise unprocessable(
            [FieldError("behandelaar_id", "kies een actieve leerplichtambtenaar van uw gemeente")]
        )
    return naam
