"""A case step meets its terms and moves the terms after it (DOMAIN §4: a term counts from the day
its step was actually taken, not from the term before it).

The rule is `domain.termijnen.keten`; this module reads what happened (the chain's start, the
terms met, the first assessment) and writes the met and moved terms in the step's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from portal.clock import ZONE
from portal.db.pool import Tx
from portal.domain import termijnen
from portal.verzuim.zaak_models import ZaakRij

# The step that records the first assessment of a melding (art. 6.2): the invitation counts from it.
BEOORDELING = ("beoordelen",)


async def stap_gezet(tx: Tx, zaak: ZaakRij, voldoet: Iterable[str]) -> None:
    """Mark the terms `voldoet` names as met today, then recompute the open terms of the chain
    from what has now happened."""
    rows = await tx.conn.fetch(
        "SELECT id, soort, uiterlijk, voldaan_op FROM termijnen"
        " WHERE (melding_id = $1 OR signaal_id = $2) FOR UPDATE",
        zaak.melding_id,
        zaak.signaal_id,
    )
    if not rows:
        return
    vandaag = tx.vandaag
    nu_voldaan = set(voldoet)
    gebeurd: dict[str, date] = await _begin(tx, zaak)
    for r in rows:
        if r["voldaan_op"] is not None:
            gebeurd[r["soort"]] = r["voldaan_op"]
        elif r["soort"] in nu_voldaan:
            gebeurd[r["soort"]] = vandaag
    if beoordeeld := await _eerste_beoordeling(tx, zaak):  # the step itself is written already
        gebeurd[termijnen.BEOORDEELD] = beoordeeld
    schakels = termijnen.keten_van(r["soort"] for r in rows)
    nieuw = (
        {t.soort: t.uiterlijk for t in termijnen.keten(schakels, gebeurd)}
        if schakels is not None
        else {}
    )
    for r in rows:
        if r["voldaan_op"] is not None:
            continue
        voldaan = vandaag if r["soort"] in nu_voldaan else None
        uiterlijk = nieuw.get(r["soort"], r["uiterlijk"])
        if voldaan is not None or uiterlijk != r["uiterlijk"]:
            await tx.conn.execute(
                "UPDATE termijnen SET voldaan_op = $2, uiterlijk = $3 WHERE id = $1",
                r["id"],
                voldaan,
                uiterlijk,
            )


async def _begin(tx: Tx, zaak: ZaakRij) -> dict[str, date]:
    """The event that started the chain: the signal found, or the melding received."""
    if zaak.signaal_id is not None:
        peildatum = await tx.conn.fetchval(
            "SELECT peildatum FROM signalen WHERE id = $1", zaak.signaal_id
        )
        return {termijnen.GEVONDEN: peildatum} if peildatum else {}
    ontvangen = await tx.conn.fetchval(
        "SELECT ontvangen_op FROM meldingen WHERE id = $1", zaak.melding_id
    )
    return {termijnen.ONTVANGEN: ontvangen.astimezone(ZONE).date()} if ontvangen else {}


async def _eerste_beoordeling(tx: Tx, zaak: ZaakRij) -> date | None:
    moment = await tx.conn.fetchval(
        "SELECT min(gezet_op) FROM zaakstappen WHERE zaak_id = $1 AND actie = ANY($2::text[])",
        zaak.id,
        list(BEOORDELING),
    )
    return moment.astimezone(ZONE).date() if moment else None
