"""Halt's afdoening of a referral (API.md "Partners"), idempotent on Halt's message id.

The first message with a `bericht_id` is recorded and applied to the case as a step, through the
same function as a leerplichtambtenaar's step (positive: the case closes; negative: back to the
leerplichtambtenaar, who consults the OM before a proces-verbaal, art. 6.9); a repeat is answered
the same and changes nothing. The answer is Wpg data: it is written by the system with the Wpg
label, and Halt reads nothing back.
"""

from __future__ import annotations

import msgspec

from portal.db.request_context import RequestContext
from portal.domain.zaak import Actie
from portal.outbox.berichten import Afdoening
from portal.verzuim.zaak_models import StapVerzoek, Vaststellingen, ZaakRij
from portal.verzuim.zaken import Antwoord, stap


class Ontvangen(msgspec.Struct, frozen=True):
    bericht_id: str
    status: str


async def afdoening_ontvangen(ctx: RequestContext, afdoening: Afdoening) -> tuple[Ontvangen, bool]:
    """(answer, first time). Raises LookupError when the referral is not this gemeente's."""
    async with ctx.db.tenant_tx(
        None,
        tenant_id=ctx.principal.tenant_id,
        request_id=ctx.request_id,
        purpose="Halt-afdoening",
        system_wpg=True,
    ) as tx:
        rij = await tx.conn.fetchrow(
            "SELECT * FROM zaken WHERE id = $1 FOR UPDATE", afdoening.verwijzing_id
        )
        if rij is None:
            raise LookupError
        # The case row is locked, so a repeat of this message waits here and then sees it.
        al = await tx.conn.fetchval(
            "SELECT true FROM partnerberichten WHERE partner = 'halt' AND bericht_id = $1",
            afdoening.bericht_id,
        )
        if al:
            return Ontvangen(afdoening.bericht_id, "verwerkt"), False
        positief = afdoening.uitkomst == "positief"
        verzoek = StapVerzoek(
            actie=Actie.HALT_POSITIEF if positief else Actie.HALT_NEGATIEF,
            vaststellingen=Vaststellingen(
                reden_afsluiten="Halt-afdoening positief" if positief else None
            ),
        )
        antwoord = Antwoord(
            wat="Afdoening van Halt",
            resultaat=f"Halt meldt uitkomst {afdoening.uitkomst} op {afdoening.datum.isoformat()}",
            detail={"halt_afdoening": afdoening.uitkomst, "bericht_id": afdoening.bericht_id},
        )
        await stap(tx, ctx.principal, ZaakRij.van(rij), verzoek, antwoord)
        await tx.conn.execute(
            "INSERT INTO partnerberichten (tenant_id, partner, bericht_id, soort, inhoud)"
            " VALUES ($1, 'halt', $2, 'afdoening', $3)",
            tx.tenant_id,
            afdoening.bericht_id,
            msgspec.to_builtins(afdoening),
        )
    return Ontvangen(afdoening.bericht_id, "verwerkt"), True
