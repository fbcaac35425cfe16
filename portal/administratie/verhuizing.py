"""Art. 3.9: a jongere moved out of the region, so the school history goes to the new
woongemeente. The BRP import records the move (`woongemeente_overdrachten`); here each recorded
move becomes, in one transaction of its own, the document in the dossier, the message to the
`gemeente` channel with that document, the audit event and the status `verstuurd`.

What goes is administrative: the enrolments, the meldingen of the last two years, the
vrijstellingen, and whom to call. A Halt referral or a proces-verbaal is Wpg data and is not
sent; the document says so and names the contact for the warm handover."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import asyncpg

from portal.audit.log import record
from portal.brieven.service import opstellen
from portal.db.pool import Database, Tx
from portal.domain.personen import Jongere
from portal.domain.woorden import (
    MELDING_SOORT_LABELS,
    MELDING_STATUS_LABELS,
    VRIJSTELLING_GRONDEN,
)
from portal.observability.logging import get_logger
from portal.outbox.berichten import (
    Persoon,
    Schoolinschrijving,
    Schoolmelding,
    Schoolvrijstelling,
    WoongemeenteOverdracht,
)
from portal.outbox.store import enqueue

log = get_logger(__name__)

MELDINGEN_JAREN = 2
"""How far back the meldingen go: the recent ones, for the warm handover."""


async def versturen(
    db: Database, *, tenant_id: str, limit: int = 1000, request_id: str | None = None
) -> int:
    """Send up to `limit` recorded moves of the gemeente not sent yet; returns how many were
    sent. Each goes in its own transaction, so one that fails leaves the others sent and itself
    recorded. The worker does this after a BRP import, whoever ran the import (a beheerder may
    import the BRP, not read a dossier), so it is not in any one person's werklogboek."""
    verstuurd = 0
    mislukt: list[UUID] = []
    while verstuurd + len(mislukt) < limit:
        huidig: UUID | None = None
        try:
            async with db.tenant_tx(
                None, tenant_id=tenant_id, request_id=request_id, purpose="overdracht woongemeente"
            ) as tx:
                rij = await tx.conn.fetchrow(
                    "SELECT id, jongere_id, naar_gemeentecode FROM woongemeente_overdrachten"
                    " WHERE status = 'te_versturen' AND id <> ALL($1::uuid[])"
                    " ORDER BY geconstateerd_op, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                    mislukt,
                )
                if rij is None:
                    return verstuurd
                huidig = rij["id"]
                await _een(tx, huidig, rij["jongere_id"], rij["naar_gemeentecode"])
            verstuurd += 1
        except (asyncpg.PostgresError, ValueError) as exc:
            if huidig is None:
                raise  # the database itself: the worker's round tries again
            # One that cannot go now stays recorded and is tried in the next round; the rest go.
            log.error("overdracht_woongemeente_mislukt", error_type=type(exc).__name__)
            mislukt.append(huidig)
    return verstuurd


async def _een(tx: Tx, overdracht_id: UUID, jongere_id: UUID, naar: str) -> None:
    jongere = Jongere.van(
        await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", jongere_id)
    )
    inschrijvingen = [
        Schoolinschrijving(
            brin=r["brin"],
            vestiging=r["vestiging"],
            school=r["naam"],
            onderwijssoort=r["onderwijssoort"],
            van=r["datum_inschrijving"],
            tot=r["datum_uitschrijving"],
        )
        for r in await tx.conn.fetch(
            "SELECT i.brin, i.vestiging, s.naam, i.onderwijssoort, i.datum_inschrijving,"
            " i.datum_uitschrijving FROM inschrijvingen i LEFT JOIN scholen s ON s.brin = i.brin"
            " WHERE i.jongere_id = $1 ORDER BY i.datum_inschrijving",
            jongere_id,
        )
    ]
    sinds = tx.vandaag - timedelta(days=365 * MELDINGEN_JAREN)
    meldingen = [
        Schoolmelding(
            soort=MELDING_SOORT_LABELS.get(r["soort"], r["soort"]),
            periode_van=r["periode_van"],
            periode_tot=r["periode_tot"],
            status=MELDING_STATUS_LABELS.get(r["status"], r["status"]),
        )
        for r in await tx.conn.fetch(
            "SELECT soort, periode_van, periode_tot, status FROM meldingen"
            " WHERE jongere_id = $1 AND periode_tot >= $2 ORDER BY periode_van",
            jongere_id,
            sinds,
        )
    ]
    vrijstellingen = [
        Schoolvrijstelling(grond=VRIJSTELLING_GRONDEN[r["grond"]], van=r["van"], tot=r["tot"])
        for r in await tx.conn.fetch(
            "SELECT grond, van, tot FROM vrijstellingen WHERE jongere_id = $1 ORDER BY van",
            jongere_id,
        )
    ]
    contact = await _contact(tx, jongere_id)
    regio = await tx.conn.fetchval("SELECT naam FROM tenants WHERE id = $1", naar)
    kenmerk = f"OVD-{tx.vandaag.year}-{str(overdracht_id)[:8].upper()}"
    inhoud: dict[str, Any] = {
        "geboortedatum": jongere.geboortedatum,
        "bsn": jongere.bsn,
        "inschrijvingen": [_dict(i) for i in inschrijvingen],
        "meldingen": [_dict(m) for m in meldingen],
        "vrijstellingen": [_dict(v) for v in vrijstellingen],
        "naar_gemeente": regio or naar,
        "leerplichtambtenaar": contact["naam"],
        "contactpersoon": contact["naam"],
        "functie": contact["functie"],
        "telefoon": contact["telefoon"],
        "email": contact["email"],
        "contact": contact,
    }
    brief_id = await opstellen(
        tx,
        "overdracht_woongemeente",
        jongere=jongere,
        zaak_id=None,
        kopie_school=False,
        extra=inhoud,
        kenmerk=kenmerk,
    )
    if regio is not None:
        # Within the region: the dossier's administrative part to the other tenant, through the
        # one named cross-tenant route, which audits on the receiving side.
        await tx.conn.fetchval("SELECT dossier_naar_regiogemeente($1, $2)", overdracht_id, brief_id)
    else:
        await _naar_gemeente(tx, overdracht_id, naar, jongere, brief_id, contact,
                             inschrijvingen, meldingen, vrijstellingen)  # fmt: skip
    await tx.conn.execute(
        "UPDATE woongemeente_overdrachten SET status = 'verstuurd' WHERE id = $1", overdracht_id
    )
    await record(
        tx,
        "create",
        "overdracht_woongemeente",
        overdracht_id,
        jongere_id=jongere_id,
        detail={"naar_gemeentecode": naar, "brief_id": str(brief_id)},
    )


async def _naar_gemeente(
    tx: Tx,
    overdracht_id: UUID,
    naar: str,
    jongere: Jongere,
    brief_id: UUID,
    contact: dict[str, Any],
    inschrijvingen: list[Schoolinschrijving],
    meldingen: list[Schoolmelding],
    vrijstellingen: list[Schoolvrijstelling],
) -> None:
    """Outside the region: the message with the document to the `gemeente` channel."""
    document = await tx.conn.fetchrow("SELECT pdf, sha256 FROM brieven WHERE id = $1", brief_id)
    assert document is not None  # drawn up in this same transaction
    bericht = WoongemeenteOverdracht(
        overdracht_id=overdracht_id,
        van_gemeentecode=tx.tenant_id,
        naar_gemeentecode=naar,
        jongere=Persoon(
            bsn=jongere.bsn,
            voornamen=jongere.voornamen,
            voorvoegsel=jongere.voorvoegsel,
            geslachtsnaam=jongere.geslachtsnaam,
            geboortedatum=jongere.geboortedatum,
        ),
        inschrijvingen=inschrijvingen,
        meldingen=meldingen,
        vrijstellingen=vrijstellingen,
        contactpersoon=contact["naam"],
        telefoon=contact["telefoon"],
        email=contact["email"],
        document_sha256=document["sha256"],
        document=bytes(document["pdf"]),
    )
    await enqueue(tx, "gemeente", "overdracht", bericht)


def _dict(waarde: Any) -> dict[str, Any]:
    return {f: getattr(waarde, f) for f in waarde.__struct_fields__}


async def _contact(tx: Tx, jongere_id: UUID) -> dict[str, Any]:
    """The behandelaar of the jongere's latest case, else the department of the gemeente."""
    rij = await tx.conn.fetchrow(
        "SELECT u.naam, u.functie, u.telefoon, u.email FROM zaken z"
        " JOIN users u ON u.id = z.behandelaar_id"
        " WHERE z.jongere_id = $1 ORDER BY z.geopend_op DESC LIMIT 1",
        jongere_id,
    )
    if rij is not None and rij["naam"]:
        return {
            "naam": rij["naam"],
            "functie": rij["functie"] or "leerplichtambtenaar",
            "telefoon": rij["telefoon"],
            "email": rij["email"],
        }
    afdeling = await tx.conn.fetchval("SELECT afdeling FROM brief_afzender")
    return {
        "naam": f"de afdeling {afdeling or 'Leerplicht en RMC'}",
        "functie": "namens de leerplichtambtenaren",
        "telefoon": None,
        "email": None,
    }
