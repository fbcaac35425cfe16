"""Halt's afdoening of a referral (API.md "Partners"), idempotent on Halt's message id.

The first message with a `bericht_id` is recorded and applied to the case through the state
machine (positive: the case closes; negative: back to the leerplichtambtenaar, who consults the OM
before a proces-verbaal, art. 6.9); a repeat is answered the same and changes nothing. The answer
is Wpg data: it is written by the system with the Wpg label, and Halt reads nothing back.
"""

from __future__ import annotations

import msgspec

from portal.audit.log import record
from portal.auth.principal import Principal
from portal.db.pool import Database
from portal.domain.zaak import Actie, Feiten, Status, beslis
from portal.dossier.werklog import werklog
from portal.outbox.berichten import Afdoening
from portal.problems import conflict
from portal.verzuim.zaken import sluit_herkomst, zet_status


class Ontvangen(msgspec.Struct, frozen=True):
    bericht_id: str
    status: str


async def afdoening_ontvangen(
    db: Database, principal: Principal, afdoening: Afdoening, request_id: str
) -> tuple[Ontvangen, bool]:
    """(answer, first time). Raises LookupError when the referral is not this gemeente's."""
    async with db.tenant_tx(
        None,
        tenant_id=principal.tenant_id,
        request_id=request_id,
        purpose="Halt-afdoening",
        system_wpg=True,
    ) as tx:
        inserted = await tx.conn.fetchval(
            "INSERT INTO partnerberichten (tenant_id, partner, bericht_id, soort, inhoud)"
            " VALUES ($1, 'halt', $2, 'afdoening', $3) ON CONFLICT DO NOTHING RETURNING true",
            tx.tenant_id,
            afdoening.bericht_id,
            msgspec.to_builtins(afdoening),
        )
        if not inserted:
            return Ontvangen(afdoening.bericht_id, "verwerkt"), False
        zaak = await tx.conn.fetchrow(
            "SELECT * FROM zaken WHERE id = $1 FOR UPDATE", afdoening.verwijzing_id
        )
        if zaak is None:
            raise LookupError  # rolls back the recorded message too
        actie = Actie.HALT_POSITIEF if afdoening.uitkomst == "positief" else Actie.HALT_NEGATIEF
        # An afdoening has no legal conditions of its own: only the case's status decides.
        besluit = beslis(Status(zaak["status"]), actie, Feiten(leeftijd=12, reden_afsluiten="Halt"))
        if not besluit.toegestaan or besluit.naar is None:
            raise conflict(besluit.regel or "De verwijzing staat niet open.")
        await zet_status(tx, zaak["id"], besluit.naar, actie)
        await tx.conn.execute(
            "INSERT INTO zaakstappen (tenant_id, zaak_id, actie, van_status, naar_status, wpg,"
            " gezet_door) VALUES ($1, $2, $3, $4, $5, true, $6)",
            tx.tenant_id,
            zaak["id"],
            actie.value,
            zaak["status"],
            besluit.naar.value,
            principal.user_id,
        )
        if besluit.naar is Status.AFGESLOTEN:
            await sluit_herkomst(tx, zaak, "Halt-afdoening positief", actie)
        await werklog(
            tx,
            zaak["jongere_id"],
            "Afdoening van Halt",
            f"Halt meldt uitkomst {afdoening.uitkomst} op {afdoening.datum.isoformat()}",
            True,
            auteur=principal,
        )
        await record(
            tx,
            "update",
            "zaak",
            zaak["id"],
            jongere_id=zaak["jongere_id"],
            detail={"halt_afdoening": afdoening.uitkomst, "bericht_id": afdoening.bericht_id},
        )
    return Ontvangen(afdoening.bericht_id, "verwerkt"), True
