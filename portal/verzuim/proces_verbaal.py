"""The proces-verbaal of art. 6.10 as a document and a message: what the BOA found, drawn up in
the dossier (Wpg) and sent to the officier van justitie through the outbox with the document
itself, in the step's transaction. The facts are the portal's (the melding, the steps taken, the
parents); only the findings and the choice of suspects are the BOA's."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from portal.db.pool import Tx
from portal.domain.leerplicht import leeftijd
from portal.domain.personen import Jongere
from portal.domain.woorden import ACTIE_LABELS
from portal.domain.zaak import Actie, verdachten_van
from portal.outbox.berichten import Persoon, ProcesVerbaal, Verdachte, Zaakstap
from portal.outbox.store import enqueue
from portal.verzuim.zaak_models import MeldingRij, StapVerzoek, ZaakRij


def pv_nummer(verzoek: StapVerzoek, zaak: ZaakRij) -> str:
    """The BOA's own number when given, otherwise one derived from the case's kenmerk."""
    eigen = (verzoek.vaststellingen.pv_nummer or "").strip()
    return eigen or f"PV-{zaak.kenmerk or str(zaak.id)[:8]}"


async def inhoud(
    tx: Tx, verzoek: StapVerzoek, zaak: ZaakRij, j: Jongere, melding: MeldingRij | None
) -> dict[str, Any]:
    """What the document says beyond every letter's frame: number, suspects, steps, findings."""
    rollen = verdachten_van(
        verzoek.vaststellingen.verdachten, leeftijd(j.geboortedatum, tx.vandaag)
    )
    verdachten: list[dict[str, Any]] = []
    if "ouder" in rollen:
        verdachten += [{"rol": "ouder", "naam": o.naam, "bsn": o.bsn} for o in j.verzorgers] or [
            {"rol": "ouder", "naam": f"de ouder(s)/verzorger(s) van {j.naam}", "bsn": None}
        ]
    if "jongere" in rollen:
        verdachten.append({"rol": "jongere", "naam": j.naam, "bsn": j.bsn})
    rows = await tx.conn.fetch(
        "SELECT actie, gezet_op FROM zaakstappen WHERE zaak_id = $1 AND actie <> $2"
        " ORDER BY gezet_op, id",
        zaak.id,
        Actie.PROCES_VERBAAL.value,
    )
    stappen = [
        {"datum": r["gezet_op"].date(), "stap": ACTIE_LABELS.get(Actie(r["actie"]), r["actie"])}
        for r in rows
        if r["actie"] in Actie._value2member_map_
    ]
    plaats = await tx.conn.fetchval("SELECT naam FROM tenants WHERE id = $1", tx.tenant_id)
    return {
        "pv_nummer": pv_nummer(verzoek, zaak),
        "geboortedatum": j.geboortedatum,
        "verdachten": verdachten,
        "stappen": stappen,
        "bevindingen": " ".join((verzoek.vaststellingen.verslag or "").split()),
        "plaats": plaats or tx.tenant_id,
        "verzuimde_uren": (melding.verzuimde_uren or 0) if melding else 0,
    }


async def naar_om(
    tx: Tx,
    zaak: ZaakRij,
    j: Jongere,
    melding: MeldingRij | None,
    stuk: dict[str, Any],
    brief_id: str,
) -> str:
    """The proces-verbaal to the officier van justitie, with the stored document."""
    document = await tx.conn.fetchrow(
        "SELECT pdf, sha256 FROM brieven WHERE id = $1", UUID(brief_id)
    )
    assert document is not None  # drawn up in this same transaction
    bericht = ProcesVerbaal(
        proces_verbaal_id=zaak.id,
        pv_nummer=stuk["pv_nummer"],
        gemeentecode=tx.tenant_id,
        verbalisant=tx.principal.naam if tx.principal else "",
        opgemaakt_op=tx.vandaag,
        jongere=Persoon(
            bsn=j.bsn,
            voornamen=j.voornamen,
            voorvoegsel=j.voorvoegsel,
            geslachtsnaam=j.geslachtsnaam,
            geboortedatum=j.geboortedatum,
        ),
        verdachten=[
            Verdachte(rol=v["rol"], naam=v["naam"], bsn=v["bsn"]) for v in stuk["verdachten"]
        ],
        school_brin=melding.brin if melding else None,
        periode_van=melding.periode_van if melding else tx.vandaag,
        periode_tot=melding.periode_tot if melding else tx.vandaag,
        verzuimde_uren=stuk["verzuimde_uren"],
        stappen=[Zaakstap(datum=s["datum"], stap=s["stap"]) for s in stuk["stappen"]],
        bevindingen=stuk["bevindingen"],
        document_sha256=document["sha256"],
        document=bytes(document["pdf"]),
    )
    return str(await enqueue(tx, "om", "proces_verbaal", bericht, zaak_id=zaak.id))
