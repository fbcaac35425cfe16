"""Werklogboek entries written by the werkprocessen themselves (2016, 3.8): every step of a case,
an overdracht's answers, a deurbezoek's report. Entries a user types go through the dossier's own
service; both land in the same append-only table."""

from __future__ import annotations

from uuid import UUID

from portal.auth.principal import Principal
from portal.db.pool import Tx


async def werklog(
    tx: Tx,
    jongere_id: UUID,
    wat: str,
    resultaat: str,
    wpg: bool,
    auteur: Principal | None = None,
) -> None:
    """One werklogboek entry; `auteur` names who acted when the transaction is the system's
    (a partner's answer), otherwise the transaction's principal is the author."""
    door = tx.principal or auteur
    if door is None:
        raise ValueError("a werklogboek entry needs an author")
    await tx.conn.execute(
        "INSERT INTO werklogboek"
        " (tenant_id, jongere_id, auteur_id, auteur_naam, datum, met_wie_wat, resultaat, wpg)"
        " VALUES ($1, $2, $3, $4, $8, $5, $6, $7)",
        tx.tenant_id,
        jongere_id,
        door.user_id,
        door.naam,
        wat,
        resultaat[:5000],
        wpg,
        tx.vandaag,
    )
