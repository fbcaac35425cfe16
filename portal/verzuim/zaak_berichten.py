"""The partner messages a step sends through the outbox (Halt, SVB, the Raad voor de
Kinderbescherming, DUO's closing), in the portal's own messages (portal.outbox.berichten)."""

from __future__ import annotations

from uuid import uuid4

from portal.db.pool import Tx
from portal.domain.personen import Jongere
from portal.domain.woorden import ACTIE_LABELS
from portal.domain.zaak import (
    Actie,
    begin_kwartaal,
    kwartaal_na,
)
from portal.outbox.berichten import (
    MeldingStatusWijziging,
    Ouder,
    Persoon,
    RaadConsultatie,
    SvbIntrekking,
    SvbMelding,
    Verwijzing,
    Zaakstap,
)
from portal.outbox.store import enqueue
from portal.problems import conflict
from portal.verzuim.zaak_models import MeldingRij, StapVerzoek, ZaakRij


async def stap_berichten(
    tx: Tx, verzoek: StapVerzoek, zaak: ZaakRij, j: Jongere, melding: MeldingRij | None
) -> list[str]:
    persoon = Persoon(
        bsn=j.bsn,
        voornamen=j.voornamen,
        voorvoegsel=j.voorvoegsel,
        geslachtsnaam=j.geslachtsnaam,
        geboortedatum=j.geboortedatum,
    )
    ouders = [Ouder(bsn=o.bsn, naam=o.naam) for o in j.verzorgers]
    if verzoek.actie is Actie.HALT_VERWIJZEN:
        # Checked before the step's first write (zaakregels.VERPLICHT).
        assert verzoek.vaststellingen.pv_nummer
        verwijzing = Verwijzing(
            verwijzing_id=zaak.id,
            gemeentecode=tx.tenant_id,
            jongere=persoon,
            ouders=ouders,
            school_brin=melding.brin if melding else None,
            periode_van=melding.periode_van if melding else tx.vandaag,
            periode_tot=melding.periode_tot if melding else tx.vandaag,
            verzuimde_uren=(melding.verzuimde_uren or 0) if melding else 0,
            keer_te_laat=verzoek.vaststellingen.keer_te_laat,
            pv_nummer=verzoek.vaststellingen.pv_nummer,
            toestemming_jongere=verzoek.vaststellingen.toestemming_jongere,
            toestemming_ouders=verzoek.vaststellingen.toestemming_ouders,
        )
        return [str(await enqueue(tx, "halt", "verwijzing", verwijzing, zaak_id=zaak.id))]
    if verzoek.actie is Actie.SVB_MELDEN:
        vandaag = tx.vandaag
        svb = SvbMelding(
            melding_id=zaak.id,
            gemeentecode=tx.tenant_id,
            jongere=persoon,
            ouders=ouders,
            reden="ongeoorloofd_verzuim",
            datum_melding=vandaag,
            kinderbijslag_stopt_per=kwartaal_na(vandaag),
        )
        return [str(await enqueue(tx, "svb", "melding", svb, zaak_id=zaak.id))]
    if verzoek.actie is Actie.RAAD_RAADPLEGEN:
        # Art. 15: the Adviesteam is asked about the route before a proces-verbaal.
        rows = await tx.conn.fetch(
            "SELECT actie, gezet_op FROM zaakstappen WHERE zaak_id = $1 ORDER BY gezet_op, id",
            zaak.id,
        )
        consultatie = RaadConsultatie(
            consultatie_id=uuid4(),
            gemeentecode=tx.tenant_id,
            jongere=persoon,
            ouders=ouders,
            school_brin=melding.brin if melding else None,
            periode_van=melding.periode_van if melding else tx.vandaag,
            periode_tot=melding.periode_tot if melding else tx.vandaag,
            verzuimde_uren=(melding.verzuimde_uren or 0) if melding else 0,
            stappen=[
                Zaakstap(datum=r["gezet_op"].date(), stap=ACTIE_LABELS[Actie(r["actie"])])
                for r in rows
                if r["actie"] in Actie._value2member_map_
            ],
            vraag=" ".join((verzoek.vaststellingen.verslag or "").split()),
        )
        return [
            str(
                await enqueue(
                    tx, "raad_kinderbescherming", "consultatie", consultatie, zaak_id=zaak.id
                )
            )
        ]
    if verzoek.actie is Actie.SVB_ONGEDAAN:
        referentie = await tx.conn.fetchval(
            "SELECT partner_ref FROM outbox WHERE partner = 'svb' AND soort = 'melding'"
            " AND payload->>'melding_id' = $1 AND status = 'delivered'"
            " ORDER BY created_at DESC LIMIT 1",
            str(zaak.id),
        )
        if referentie is None:
            raise conflict("De SVB heeft de melding nog niet bevestigd; ongedaan maken kan daarna.")
        vandaag = tx.vandaag
        intrekking = SvbIntrekking(
            melding_id=zaak.id,
            svb_referentie=referentie,
            datum_bevestiging=vandaag,
            kinderbijslag_herstart_per=begin_kwartaal(vandaag),
        )
        return [str(await enqueue(tx, "svb", "intrekking", intrekking, zaak_id=zaak.id))]
    return []


async def sluit_herkomst(tx: Tx, zaak: ZaakRij, reden: str | None, actie: Actie) -> list[str]:
    """Closing a case closes its melding back to DUO's verzuimloket with the reason (art. 6.13),
    or its signal of the controls."""
    reden = (reden or "").strip() or actie.value.replace("_", " ")
    if zaak.signaal_id is not None:
        await tx.conn.execute(
            "UPDATE signalen SET status = 'afgehandeld' WHERE id = $1", zaak.signaal_id
        )
        return []
    duo_id = await tx.conn.fetchval(
        "UPDATE meldingen SET status = 'afgesloten', reden_afgesloten = $2 WHERE id = $1"
        " RETURNING duo_melding_id",
        zaak.melding_id,
        reden,
    )
    if duo_id is None:
        return []
    bericht = MeldingStatusWijziging(
        duo_melding_id=duo_id, status="afgesloten", reden_afgesloten=reden, datum=tx.vandaag
    )
    return [str(await enqueue(tx, "duo", "melding_status", bericht, zaak_id=zaak.id))]
