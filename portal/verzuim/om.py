"""The OM's answer on a proces-verbaal (API.md "Partners"), idempotent on its message id, as
Halt's afdoening is: the first message with a `bericht_id` is recorded on the case (receipt, the
decision, a judgment), a repeat is answered the same and changes nothing. Wpg data: written by the
system with the Wpg label, read by BOAs only; the OM reads nothing back."""

from __future__ import annotations

from datetime import date

import msgspec

from portal.audit.log import record
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.zaakstand import datum_in_woorden
from portal.dossier.werklog import werklog
from portal.outbox.berichten import OmAfdoening

AFDOENINGEN = {
    "ontvangen": "het proces-verbaal ontvangen",
    "sepot": "de zaak geseponeerd",
    "transactie": "een transactie aangeboden",
    "strafbeschikking": "een strafbeschikking uitgevaardigd",
    "dagvaarding": "de verdachte(n) gedagvaard",
    "uitspraak": "de uitspraak van de rechter doorgegeven",
}
"""What the OM did, as the werklogboek and the case page say it."""


class Ontvangen(msgspec.Struct, frozen=True):
    bericht_id: str
    status: str


class Afdoening(msgspec.Struct, frozen=True):
    """One answer of the OM, on the case page of a BOA."""

    afdoening: str
    omschrijving: str
    datum: date
    parketnummer: str | None
    toelichting: str | None


async def afdoening_ontvangen(ctx: RequestContext, a: OmAfdoening) -> tuple[Ontvangen, bool]:
    """(answer, first time). Raises LookupError for a case of another gemeente, or one whose
    proces-verbaal never went to the OM."""
    async with ctx.db.tenant_tx(
        None,
        tenant_id=ctx.principal.tenant_id,
        request_id=ctx.request_id,
        purpose="OM-afdoening",
        system_wpg=True,
    ) as tx:
        rij = await tx.conn.fetchrow(
            "SELECT z.id, z.jongere_id FROM zaken z WHERE z.id = $1 AND EXISTS ("
            " SELECT 1 FROM outbox o WHERE o.zaak_id = z.id AND o.partner = 'om'"
            " AND o.soort = 'proces_verbaal') FOR UPDATE OF z",
            a.proces_verbaal_id,
        )
        if rij is None:
            raise LookupError
        # The case row is locked, so a repeat of this message waits here and then sees it.
        if await tx.conn.fetchval(
            "SELECT true FROM om_afdoeningen WHERE bericht_id = $1", a.bericht_id
        ):
            return Ontvangen(a.bericht_id, "verwerkt"), False
        await tx.conn.execute(
            "INSERT INTO om_afdoeningen (tenant_id, bericht_id, zaak_id, afdoening, datum,"
            " parketnummer, toelichting) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            tx.tenant_id,
            a.bericht_id,
            a.proces_verbaal_id,
            a.afdoening,
            a.datum,
            a.parketnummer,
            a.toelichting,
        )
        op = datum_in_woorden(a.datum)
        zin = f"Het Openbaar Ministerie heeft op {op} {AFDOENINGEN[a.afdoening]}"
        if a.parketnummer:
            zin += f" (parketnummer {a.parketnummer})"
        if a.toelichting:
            zin += f": {' '.join(a.toelichting.split())}"
        await werklog(
            tx, rij["jongere_id"], "Afdoening door het OM", zin, True, auteur=ctx.principal
        )
        await record(
            tx,
            "update",
            "zaak",
            a.proces_verbaal_id,
            jongere_id=rij["jongere_id"],
            detail={"om_afdoening": a.afdoening, "bericht_id": a.bericht_id},
        )
    return Ontvangen(a.bericht_id, "verwerkt"), True


async def van_zaak(tx: Tx, zaak_id: object) -> list[Afdoening]:
    """The OM's answers on a case, oldest first; none for a reader who is not a BOA (RLS)."""
    rows = await tx.conn.fetch(
        "SELECT afdoening, datum, parketnummer, toelichting FROM om_afdoeningen"
        " WHERE zaak_id = $1 ORDER BY datum, ontvangen_op",
        zaak_id,
    )
    return [
        Afdoening(
            r["afdoening"],
            AFDOENINGEN[r["afdoening"]],
            r["datum"],
            r["parketnummer"],
            r["toelichting"],
        )
        for r in rows
    ]
