"""The VSV case's own steps (art. 9a.2-9a.5): what the case keeps of the reason, the income and
the daytime activity, and the handover to the Jongerenpunt. The case engine (verzuim.zaken) calls
them inside the step's transaction, after the step was decided and validated."""

from __future__ import annotations

from portal.db.pool import Tx
from portal.domain.personen import Jongere
from portal.domain.zaak import Actie
from portal.rmc import overdrachten
from portal.verzuim.zaak_models import StapVerzoek, ZaakRij


async def vastleggen(tx: Tx, zaak: ZaakRij, verzoek: StapVerzoek, jongere: Jongere) -> None:
    """What a VSV case keeps (art. 9a.2-9a.5), and the handover a step makes."""
    v = verzoek.vaststellingen
    if verzoek.actie is Actie.REDEN_ONDERZOEKEN:
        await tx.conn.execute(
            "UPDATE zaken SET vsv_reden = $2 WHERE id = $1", zaak.id, (v.vsv_reden or "").strip()
        )
    elif verzoek.actie is Actie.INKOMEN_VASTLEGGEN and v.inkomen is not None:
        await tx.conn.execute(
            "UPDATE zaken SET inkomen = $2 WHERE id = $1", zaak.id, v.inkomen.value
        )
    elif verzoek.actie is Actie.DAGBESTEDING_VASTLEGGEN:
        await tx.conn.execute(
            "UPDATE zaken SET dagbesteding = $2 WHERE id = $1", zaak.id, v.dagbesteding
        )
    elif verzoek.actie is Actie.OVERDRAGEN:
        await overdrachten.aanmaken(
            tx, jongere, zaak.vsv_reden or "voortijdig schoolverlaten", v.verslag
        )
