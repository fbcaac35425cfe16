"""Reading a case: who may see it (the team scope, held in the database too), and the case as the
reader may see it (a Wpg status masked for a non-BOA)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from portal.audit.log import record
from portal.auth.permissions import team_scoped
from portal.auth.principal import Principal
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.stapkeuze import Stapkeuze, keuzes
from portal.domain.termijnen import BEOORDEELD, te_laat, voorlopig
from portal.domain.zaak import (
    BIJ_BOA,
    Aanpak,
    Status,
    Zaaksoort,
    volgende,
    zichtbare_status,
)
from portal.domain.zaakregels import WPG_ACTIES
from portal.domain.zaakstand import OpenTermijn
from portal.verzuim import om
from portal.verzuim.zaak_feiten import feiten_van_stap
from portal.verzuim.zaak_kop import lees_kop
from portal.verzuim.zaak_models import Stap, Termijn, Vaststellingen, Zaak, ZaakKort, ZaakRij


def alleen_eigen_team(principal: Principal) -> bool:
    """A leerplichtambtenaar (and nothing else) works on the own team's cases and the cases
    assigned to them; the database holds the same scope (migration 0034)."""
    return team_scoped(principal)


def in_scope(
    principal: Principal | None, team_id: UUID | None, behandelaar_id: UUID | None
) -> bool:
    """May this principal see a case of `team_id` assigned to `behandelaar_id`?"""
    if principal is None or not alleen_eigen_team(principal):
        return True
    own_team = team_id is not None and team_id == principal.team_id
    return own_team or behandelaar_id == principal.user_id


async def lees(tx: Tx, zaak_id: UUID) -> Zaak | None:
    zaak = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1", zaak_id)
    if zaak is None or not in_scope(tx.principal, zaak["team_id"], zaak["behandelaar_id"]):
        return None
    stappen = await tx.conn.fetch(
        "SELECT * FROM zaakstappen WHERE zaak_id = $1 ORDER BY gezet_op, id", zaak_id
    )
    termijnen = await tx.conn.fetch(
        "SELECT soort, omschrijving, artikel, uiterlijk, voldaan_op FROM termijnen"
        " WHERE melding_id = $1 OR signaal_id = $2 ORDER BY uiterlijk, soort",
        zaak["melding_id"],
        zaak["signaal_id"],
    )
    vandaag = tx.vandaag
    soort, status = Zaaksoort(zaak["soort"]), Status(zaak["status"])
    gedaan = {t["soort"] for t in termijnen if t["voldaan_op"] is not None} | (
        {BEOORDEELD} if any(s["actie"] == "beoordelen" for s in stappen) else set()
    )
    boa = tx.principal.boa if tx.principal else True
    zichtbaar = zichtbare_status(zaak["status"], boa)
    open_termijnen = [t for t in termijnen if t["voldaan_op"] is None]
    eerstvolgende = (
        OpenTermijn(open_termijnen[0]["omschrijving"], open_termijnen[0]["uiterlijk"])
        if open_termijnen
        else None
    )
    return Zaak(
        id=zaak["id"],
        soort=soort,
        jongere_id=zaak["jongere_id"],
        melding_id=zaak["melding_id"],
        signaal_id=zaak["signaal_id"],
        status=zichtbaar,
        behandelaar_id=zaak["behandelaar_id"],
        kenmerk=zaak["kenmerk"],
        aanpak=Aanpak(zaak["ernst_oorzaak"]) if zaak["ernst_oorzaak"] else None,
        # Whoever is no BOA takes no Halt or proces-verbaal step, nor any on a case with a BOA.
        volgende_stappen=[]
        if zichtbaar == BIJ_BOA
        else [a for a in volgende(soort, status) if boa or a not in WPG_ACTIES],
        termijnen=[
            Termijn(
                t["soort"],
                t["omschrijving"],
                t["artikel"],
                t["uiterlijk"],
                t["voldaan_op"],
                t["voldaan_op"] is None and t["uiterlijk"] < vandaag,
                te_laat(t["uiterlijk"], t["voldaan_op"]),
                t["voldaan_op"] is None and voorlopig(t["soort"], gedaan),
            )
            for t in termijnen
        ],
        stappen=[
            Stap(
                s["actie"],
                s["van_status"],
                s["naar_status"],
                s["afwijking"],
                s["uitleg"],
                s["gezet_op"],
            )
            for s in stappen
        ],
        kop=await lees_kop(tx, zaak_id, zichtbaar, eerstvolgende),
        keuzes=await _keuzes(tx, zaak, zichtbaar),
        om_afdoeningen=await om.van_zaak(tx, zaak_id) if zichtbaar == Status.PROCES_VERBAAL else [],
    )


async def _keuzes(tx: Tx, zaak: Any, zichtbaar: str) -> list[Stapkeuze]:
    """The reader's choices now; none on a case with a BOA for whoever is no BOA."""
    if tx.principal is None or zichtbaar == BIJ_BOA:
        return []
    rij = ZaakRij.van(zaak)
    feiten, _, _ = await feiten_van_stap(tx, tx.principal, rij, Vaststellingen())
    return keuzes(rij.status, rij.soort, feiten)


async def lees_zaak(ctx: RequestContext, zaak_id: UUID) -> Zaak | None:
    async with ctx.tx(purpose="verzuimzaak") as tx:
        zaak = await lees(tx, zaak_id)
        if zaak is not None:
            await record(tx, "read", "zaak", zaak_id, jongere_id=zaak.jongere_id)
        return zaak


async def van_jongere(ctx: RequestContext, jongere_id: UUID) -> list[ZaakKort]:
    """The jongere's cases, newest first, for the dossier page (an audited read)."""
    async with ctx.tx(purpose="dossier inzien") as tx:
        rows = await tx.conn.fetch(
            "SELECT id, soort, status, geopend_op, gesloten_op, kenmerk FROM zaken"
            " WHERE jongere_id = $1"
            " ORDER BY geopend_op DESC",
            jongere_id,
        )
        if rows:
            await record(tx, "read", "zaken", jongere_id, jongere_id=jongere_id)
    return [
        ZaakKort(
            r["id"],
            Zaaksoort(r["soort"]),
            zichtbare_status(r["status"], ctx.principal.boa),
            r["geopend_op"],
            r["gesloten_op"],
            r["kenmerk"],
        )
        for r in rows
    ]
