"""Case work on a melding: open a case, take a step through the state machine.

Each step is one transaction: the new status, the step (with its reason when it departs from the
method), the werklogboek entry, the audit event and the partner message (Halt, SVB) commit together
or not at all. Facts the portal knows (age, BOA status, earlier meldingen and Halt referrals,
startkwalificatie, vrijstelling, enrolment) are looked up here, never taken from the request.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar.exceptions import ClientException

from integrations.common import Ouder, Persoon
from integrations.halt.messages import Verwijzing
from integrations.svb.messages import Intrekking as SvbIntrekking
from integrations.svb.messages import Melding as SvbMelding
from portal.audit.log import record
from portal.auth.principal import Principal, Role
from portal.brieven.service import opstellen
from portal.db.pool import Database, Tx
from portal.domain.leerplicht import STARTKWALIFICATIES, leeftijd
from portal.domain.zaak import Actie, Feiten, Status, begin_kwartaal, beslis, kwartaal_na
from portal.outbox.store import enqueue
from portal.problems import FieldError, unprocessable

WPG_ACTIES = frozenset(
    {Actie.HALT_VERWIJZEN, Actie.HALT_POSITIEF, Actie.HALT_NEGATIEF, Actie.PROCES_VERBAAL}
)
SLUITEND = frozenset({Status.AFGESLOTEN})
# The letter a step sends, and whether the school gets a copy (art. 6.3, 6.5).
BRIEVEN: dict[Actie, tuple[str, bool]] = {
    Actie.UITNODIGEN: ("uitnodiging", False),
    Actie.WAARSCHUWINGSBRIEF: ("waarschuwingsbrief", True),
    Actie.KENNISGEVINGSBRIEF: ("kennisgevingsbrief", False),
}
# Which deadlines a step meets (art. 6.3: the invitation; closing meets whatever is still open).
VOLDOET: dict[Actie, tuple[str, ...]] = {
    Actie.UITNODIGEN: ("uitnodiging_gesprek",),
    Actie.KENNISGEVINGSBRIEF: ("uitnodiging_gesprek",),
    Actie.AFSLUITEN: ("uitnodiging_gesprek",),
}


class Vaststellingen(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What the leerplichtambtenaar established in the gesprek; the rest the portal looks up."""

    verwijtbaar: bool = False
    kennelijke_opzet: bool = False
    eerste_overtreding_met_zorg: bool = False
    keer_te_laat: Annotated[int, msgspec.Meta(ge=0)] = 0
    toestemming_jongere: bool = False
    toestemming_ouders: bool = False
    weigert_mee_te_werken: bool = False
    recidive: bool = False
    ouders_meewerkend: bool = True
    verhoor_aangekondigd: bool = False
    hulpverlening_voorliggend: bool = False
    om_geraadpleegd: bool = False
    reden_afsluiten: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    pv_nummer: Annotated[str, msgspec.Meta(max_length=50)] | None = None
    svb_oproep_gedaan: bool = False
    svb_afspraken: SvbAfspraken | None = None
    voorwaarden_vervuld: bool = False
    verzuim_gestopt: bool = False


class SvbAfspraken(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The written agreements of art. 19.4; the melding date and the date kinderbijslag stops
    are added by the portal (the quarter after the melding, toelichting 19)."""

    geconstateerd_verzuim: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    ondernomen_acties: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    voorwaarden_ongedaan_maken: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    evaluatiedatum: date


class StapVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    actie: Actie
    uitleg: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    vaststellingen: Vaststellingen = Vaststellingen()


class OpenVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    melding_id: UUID


class Stap(msgspec.Struct, frozen=True):
    actie: str
    van_status: str
    naar_status: str
    afwijking: bool
    uitleg: str | None
    gezet_op: datetime


class Zaak(msgspec.Struct, frozen=True):
    id: UUID
    jongere_id: UUID
    melding_id: UUID | None
    status: str
    stappen: list[Stap]
    berichten: list[str] = msgspec.field(default_factory=list)
    """Partner messages queued by the step (outbox ids)."""
    brieven: list[str] = msgspec.field(default_factory=list)
    """Letters drafted by the step."""


async def open_zaak(
    db: Database, principal: Principal, melding_id: UUID, request_id: str
) -> Zaak | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        melding = await tx.conn.fetchrow(
            "SELECT id, jongere_id, team_id, status FROM meldingen WHERE id = $1 FOR UPDATE",
            melding_id,
        )
        if melding is None:
            return None
        if melding["jongere_id"] is None:
            raise unprocessable(
                [
                    FieldError(
                        "melding_id",
                        "de jongere woont in een andere gemeente: het dossier ligt daar",
                    )
                ]
            )
        if await tx.conn.fetchval("SELECT 1 FROM zaken WHERE melding_id = $1", melding_id):
            raise ClientException("Voor deze melding is al een zaak geopend.", status_code=409)
        zaak_id = await tx.conn.fetchval(
            "INSERT INTO zaken (tenant_id, jongere_id, melding_id, team_id) VALUES ($1, $2, $3, $4)"
            " RETURNING id",
            tx.tenant_id,
            melding["jongere_id"],
            melding_id,
            melding["team_id"],
        )
        await tx.conn.execute(
            "UPDATE meldingen SET status = 'in_behandeling'"
            " WHERE id = $1 AND status = 'geregistreerd'",
            melding_id,
        )
        await werklog(
            tx, melding["jongere_id"], "Zaak geopend", "Melding in behandeling genomen", False
        )
        await record(tx, "create", "zaak", zaak_id, jongere_id=melding["jongere_id"])
        return await _lees(tx, zaak_id)


async def lees_zaak(
    db: Database, principal: Principal, zaak_id: UUID, request_id: str
) -> Zaak | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        zaak = await _lees(tx, zaak_id)
        if zaak is not None:
            await record(tx, "read", "zaak", zaak_id, jongere_id=zaak.jongere_id)
        return zaak


async def stap_zetten(
    db: Database, principal: Principal, zaak_id: UUID, verzoek: StapVerzoek, request_id: str
) -> Zaak | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        zaak = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1 FOR UPDATE", zaak_id)
        if zaak is None:
            return None
        feiten, jongere, melding = await _feiten(tx, principal, zaak, verzoek.vaststellingen)
        status = Status(zaak["status"])
        besluit = beslis(status, verzoek.actie, feiten, verzoek.uitleg)
        if not besluit.toegestaan or besluit.naar is None:
            raise ClientException(besluit.regel or "Deze stap kan nu niet.", status_code=409)
        wpg = verzoek.actie in WPG_ACTIES or status in (Status.HALT_VERWEZEN, Status.PROCES_VERBAAL)
        await tx.conn.execute(
            "UPDATE zaken SET status = $2, gesloten_op = CASE WHEN $2 = 'afgesloten' THEN now() END"
            " WHERE id = $1",
            zaak_id,
            besluit.naar.value,
        )
        await tx.conn.execute(
            "INSERT INTO zaakstappen"
            " (tenant_id, zaak_id, actie, van_status, naar_status, afwijking,"
            " uitleg, wpg) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            tx.tenant_id,
            zaak_id,
            verzoek.actie.value,
            status.value,
            besluit.naar.value,
            besluit.afwijking,
            verzoek.uitleg,
            wpg,
        )
        if zaak["melding_id"] and verzoek.actie in VOLDOET:
            await tx.conn.execute(
                "UPDATE termijnen SET voldaan_op = current_date"
                " WHERE melding_id = $1 AND soort = ANY($2::text[]) AND voldaan_op IS NULL",
                zaak["melding_id"],
                list(VOLDOET[verzoek.actie]),
            )
        if besluit.naar in SLUITEND and zaak["melding_id"]:
            await tx.conn.execute(
                "UPDATE meldingen SET status = 'afgesloten', reden_afgesloten = $2 WHERE id = $1",
                zaak["melding_id"],
                verzoek.vaststellingen.reden_afsluiten or verzoek.actie.value.replace("_", " "),
            )
        resultaat = (
            f"{verzoek.actie.value.replace('_', ' ')}: {status.value} → {besluit.naar.value}"
        )
        afspraken = verzoek.vaststellingen.svb_afspraken
        if verzoek.actie is Actie.SVB_MELDEN and afspraken is not None:
            vandaag = date.today()
            resultaat += (
                f". Afspraken (art. 19.4): verzuim: {afspraken.geconstateerd_verzuim}; acties: "
                f"{afspraken.ondernomen_acties}; melding aan de SVB: {vandaag:%d-%m-%Y}; "
                f"kinderbijslag stopt per {kwartaal_na(vandaag):%d-%m-%Y}; voorwaarden: "
                f"{afspraken.voorwaarden_ongedaan_maken}; evaluatie uiterlijk "
                f"{afspraken.evaluatiedatum:%d-%m-%Y}"
            )
        if besluit.afwijking:
            resultaat += f" (afwijking van de methode: {verzoek.uitleg})"
        await werklog(tx, zaak["jongere_id"], "Stap in de verzuimzaak", resultaat, wpg)
        berichten = await _berichten(tx, verzoek, zaak, jongere, melding)
        brieven = []
        if verzoek.actie in BRIEVEN:
            soort, kopie = BRIEVEN[verzoek.actie]
            brieven.append(
                str(
                    await opstellen(
                        tx,
                        soort,
                        jongere=jongere,
                        zaak_id=zaak_id,
                        melding=melding,
                        kopie_school=kopie and melding is not None,
                    )
                )
            )
        await record(
            tx,
            "update",
            "zaak",
            zaak_id,
            jongere_id=zaak["jongere_id"],
            detail={"actie": verzoek.actie.value, "naar": besluit.naar.value, "wpg": wpg},
        )
        result = await _lees(tx, zaak_id)
    assert result is not None
    return msgspec.structs.replace(result, berichten=berichten, brieven=brieven)


async def _feiten(
    tx: Tx, principal: Principal, zaak: Any, v: Vaststellingen
) -> tuple[Feiten, Any, Any]:
    """The facts for the state machine, and the jongere and melding rows they came from."""
    jongere = await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", zaak["jongere_id"])
    assert jongere is not None
    vandaag = date.today()
    melding = await tx.conn.fetchrow(
        "SELECT brin, vestiging, verzuimde_uren, periode_van, periode_tot FROM meldingen"
        " WHERE id = $1",
        zaak["melding_id"],
    )
    uren = 0
    if (
        melding
        and melding["verzuimde_uren"] is not None
        and (melding["periode_tot"] - melding["periode_van"]).days < 28
    ):
        uren = melding["verzuimde_uren"]
    counts = await tx.conn.fetchrow(
        """SELECT (SELECT count(*) FROM meldingen WHERE jongere_id = $1) AS meldingen,
                  (SELECT count(*) FROM zaakstappen s JOIN zaken z ON z.id = s.zaak_id
                   WHERE z.jongere_id = $1 AND s.actie = 'halt_verwijzen') AS halt,
                  (SELECT count(*) FROM zaakstappen WHERE zaak_id = $2
                   AND actie = 'halt_afdoening_negatief') AS halt_negatief,
                  (SELECT count(*) FILTER (WHERE actie = 'svb_melden')
                        - count(*) FILTER (WHERE actie = 'svb_ongedaan_maken')
                   FROM zaakstappen WHERE zaak_id = $2) AS svb_open,
                  EXISTS (SELECT 1 FROM diplomas WHERE jongere_id = $1 AND diploma = ANY($3::text[])
                          AND datum <= $4) AS startkwalificatie,
                  EXISTS (SELECT 1 FROM vrijstellingen WHERE jongere_id = $1 AND van <= $4
                          AND (tot IS NULL OR tot >= $4)) AS vrijgesteld,
                  EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1
                          AND datum_inschrijving <= $4
                          AND (datum_uitschrijving IS NULL OR datum_uitschrijving >= $4))
                      AS ingeschreven""",
        zaak["jongere_id"],
        zaak["id"],
        sorted(STARTKWALIFICATIES),
        vandaag,
    )
    assert counts is not None
    feiten = Feiten(
        leeftijd=leeftijd(jongere["geboortedatum"], vandaag),
        eerste_melding=counts["meldingen"] <= 1,
        verwijtbaar=v.verwijtbaar,
        kennelijke_opzet=v.kennelijke_opzet,
        eerste_overtreding_met_zorg=v.eerste_overtreding_met_zorg,
        uren_in_4_weken=uren,
        keer_te_laat=v.keer_te_laat,
        eerder_naar_halt=counts["halt"] > 0,
        boa=principal.boa,
        toestemming_jongere=v.toestemming_jongere,
        toestemming_ouders=v.toestemming_ouders,
        startkwalificatie=counts["startkwalificatie"],
        vrijgesteld=counts["vrijgesteld"],
        ingeschreven=counts["ingeschreven"],
        # The teammanager's approval (art. 19.2): the step is taken by the teammanager.
        akkoord_teammanager=principal.has_any(Role.TEAMMANAGER),
        weigert_mee_te_werken=v.weigert_mee_te_werken,
        recidive=v.recidive,
        ouders_meewerkend=v.ouders_meewerkend,
        verhoor_aangekondigd=v.verhoor_aangekondigd,
        hulpverlening_voorliggend=v.hulpverlening_voorliggend,
        om_geraadpleegd=v.om_geraadpleegd,
        halt_negatief=counts["halt_negatief"] > 0,
        reden_afsluiten=v.reden_afsluiten,
        svb_oproep_gedaan=v.svb_oproep_gedaan,
        svb_afspraken_volledig=v.svb_afspraken is not None
        and v.svb_afspraken.evaluatiedatum > vandaag,
        svb_gemeld=counts["svb_open"] > 0,
        voorwaarden_vervuld=v.voorwaarden_vervuld,
        verzuim_gestopt=v.verzuim_gestopt,
    )
    return feiten, jongere, melding


async def _berichten(tx: Tx, verzoek: StapVerzoek, zaak: Any, j: Any, melding: Any) -> list[str]:
    persoon = Persoon(
        bsn=j["bsn"],
        voornamen=j["voornamen"],
        voorvoegsel=j["voorvoegsel"],
        geslachtsnaam=j["geslachtsnaam"],
        geboortedatum=j["geboortedatum"],
    )
    ouders = [
        Ouder(bsn=j[f"ouder{n}_bsn"], naam=j[f"ouder{n}_naam"])
        for n in (1, 2)
        if j[f"ouder{n}_naam"]
    ]
    if verzoek.actie is Actie.HALT_VERWIJZEN:
        if not verzoek.vaststellingen.pv_nummer:
            raise unprocessable(
                [
                    FieldError(
                        "vaststellingen.pv_nummer", "het verkort proces-verbaal heeft een nummer"
                    )
                ]
            )
        verwijzing = Verwijzing(
            verwijzing_id=zaak["id"],
            gemeentecode=tx.tenant_id,
            jongere=persoon,
            ouders=ouders,
            school_brin=melding["brin"] if melding else None,
            periode_van=melding["periode_van"] if melding else date.today(),
            periode_tot=melding["periode_tot"] if melding else date.today(),
            verzuimde_uren=(melding["verzuimde_uren"] or 0) if melding else 0,
            keer_te_laat=verzoek.vaststellingen.keer_te_laat,
            pv_nummer=verzoek.vaststellingen.pv_nummer,
            toestemming_jongere=verzoek.vaststellingen.toestemming_jongere,
            toestemming_ouders=verzoek.vaststellingen.toestemming_ouders,
        )
        return [str(await enqueue(tx, "halt", "verwijzing", verwijzing))]
    if verzoek.actie is Actie.SVB_MELDEN:
        vandaag = date.today()
        svb = SvbMelding(
            melding_id=zaak["id"],
            gemeentecode=tx.tenant_id,
            jongere=persoon,
            ouders=ouders,
            reden="ongeoorloofd_verzuim",
            datum_melding=vandaag,
            kinderbijslag_stopt_per=kwartaal_na(vandaag),
        )
        return [str(await enqueue(tx, "svb", "melding", svb))]
    if verzoek.actie is Actie.SVB_ONGEDAAN:
        referentie = await tx.conn.fetchval(
            "SELECT partner_ref FROM outbox WHERE partner = 'svb' AND soort = 'melding'"
            " AND payload->>'melding_id' = $1 AND status = 'delivered'"
            " ORDER BY created_at DESC LIMIT 1",
            str(zaak["id"]),
        )
        if referentie is None:
            raise ClientException(
                "De SVB heeft de melding nog niet bevestigd; ongedaan maken kan daarna.",
                status_code=409,
            )
        vandaag = date.today()
        intrekking = SvbIntrekking(
            melding_id=zaak["id"],
            svb_referentie=referentie,
            datum_bevestiging=vandaag,
            kinderbijslag_herstart_per=begin_kwartaal(vandaag),
        )
        return [str(await enqueue(tx, "svb", "intrekking", intrekking))]
    return []


async def werklog(
    tx: Tx,
    jongere_id: UUID,
    wat: str,
    resultaat: str,
    wpg: bool,
    auteur: Principal | None = None,
) -> None:
    """One werklogboek entry; `auteur` names who acted when the transaction is the system's
    (a partner's answer), otherwise the transaction's principal is the author."""
    door = tx.principal or auteur
    if door is None:
        raise ValueError("a werklogboek entry needs an author")
    await tx.conn.execute(
        "INSERT INTO werklogboek"
        " (tenant_id, jongere_id, auteur_id, auteur_naam, datum, met_wie_wat, resultaat, wpg)"
        " VALUES ($1, $2, $3, $4, current_date, $5, $6, $7)",
        tx.tenant_id,
        jongere_id,
        door.user_id,
        door.naam,
        wat,
        resultaat[:5000],
        wpg,
    )


async def _lees(tx: Tx, zaak_id: UUID) -> Zaak | None:
    zaak = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1", zaak_id)
    if zaak is None:
        return None
    stappen = await tx.conn.fetch(
        "SELECT * FROM zaakstappen WHERE zaak_id = $1 ORDER BY gezet_op, id", zaak_id
    )
    return Zaak(
        id=zaak["id"],
        jongere_id=zaak["jongere_id"],
        melding_id=zaak["melding_id"],
        status=zaak["status"],
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
    )
