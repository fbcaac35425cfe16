"""Veilig Thuis's answer on a meldcode melding (API.md "Partners"), idempotent on its message id,
as Halt's afdoening is: the first message with a `bericht_id` is recorded on the traject (the
kenmerk, then the outcome), a repeat is answered the same and changes nothing. Written by the
system: Veilig Thuis reads nothing back."""

from __future__ import annotations

import msgspec

from portal.audit.log import record
from portal.db.request_context import RequestContext
from portal.outbox.berichten import VeiligThuisAntwoord


class Ontvangen(msgspec.Struct, frozen=True):
    bericht_id: str
    status: str


async def antwoord_ontvangen(
    ctx: RequestContext, antwoord: VeiligThuisAntwoord
) -> tuple[Ontvangen, bool]:
    """(answer, first time). Raises LookupError for a melding that is not this gemeente's."""
    async with ctx.db.tenant_tx(
        None, tenant_id=ctx.principal.tenant_id, request_id=ctx.request_id, purpose="meldcode"
    ) as tx:
        traject = await tx.conn.fetchrow(
            "SELECT id, jongere_id FROM meldcode_trajecten WHERE id = $1"
            " AND uitkomst IN ('melden', 'melden_en_hulpverlening') FOR UPDATE",
            antwoord.melding_id,
        )
        if traject is None:
            raise LookupError
        # The traject row is locked, so a repeat of this message waits here and then sees it.
        if await tx.conn.fetchval(
            "SELECT true FROM partnerberichten WHERE partner = 'veilig_thuis' AND bericht_id = $1",
            antwoord.bericht_id,
        ):
            return Ontvangen(antwoord.bericht_id, "verwerkt"), False
        await tx.conn.execute(
            "UPDATE meldcode_trajecten SET vt_referentie = $2, vt_uitkomst = $3, vt_datum = $4,"
            " vt_toelichting = $5 WHERE id = $1",
            antwoord.melding_id,
            antwoord.vt_referentie,
            antwoord.uitkomst,
            antwoord.datum,
            antwoord.toelichting,
        )
        await tx.conn.execute(
            "INSERT INTO partnerberichten (tenant_id, partner, bericht_id, soort, inhoud)"
            " VALUES ($1, 'veilig_thuis', $2, 'antwoord', $3)",
            tx.tenant_id,
            antwoord.bericht_id,
            msgspec.to_builtins(antwoord),
        )
        await record(
            tx,
            "update",
            "meldcode",
            antwoord.melding_id,
            jongere_id=traject["jongere_id"],
            detail={"veilig_thuis": antwoord.uitkomst, "bericht_id": antwoord.bericht_id},
        )
    return Ontvangen(antwoord.bericht_id, "verwerkt"), True
