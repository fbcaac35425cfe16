"""Case work: open a case on a melding or a signal of absoluut verzuim, take a step through the
state machine of its kind.

Each step is one transaction: the new status, the step (with its reason when it departs from the
method), the werklogboek entry, the audit event, the letter, the deurbezoek task and the partner
message (Halt, SVB, DUO's closing) commit together or not at all. Facts the portal knows (age, BOA
status, earlier meldingen and Halt referrals, the verhoor announced, the teammanager's akkoord,
startkwalificatie, vrijstelling, enrolment) are looked up here, never taken from the request.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar.exceptions import ClientException

from portal.audit.log import record
from portal.auth.principal import Principal, Role
from portal.brieven.service import opstellen
from portal.db.pool import Database, Tx
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.leerplicht import (
    Diploma,
    Vrijstelling,
    leeftijd,
    startkwalificatie,
    vrijstelling_op,
)
from portal.domain.termijnen import te_laat
from portal.domain.uitkomst import MAATREGELEN
from portal.domain.zaak import (
    BIJ_BOA,
    Aanpak,
    Actie,
    Feiten,
    Inkomen,
    Oorzaak,
    Soort,
    Status,
    aanpak,
    begin_kwartaal,
    beslis,
    kwartaal_na,
    soort_voor,
    volgende,
    zichtbare_status,
)
from portal.dossier.werklog import werklog
from portal.outbox.berichten import (
    MeldingStatusWijziging,
    Ouder,
    Persoon,
    SvbIntrekking,
    SvbMelding,
    Verwijzing,
)
from portal.outbox.store import enqueue
from portal.problems import FieldError, unprocessable
from portal.rmc import overdrachten
from portal.rmc.overdrachten import reden_geen_vsv
from portal.verzuim import termijnketen

# Steps of a BOA in that capacity: they and their werklogboek entry carry the Wpg label.
WPG_ACTIES = frozenset(
    {
        Actie.VERHOOR_AANKONDIGEN,
        Actie.HALT_VERWIJZEN,
        Actie.HALT_POSITIEF,
        Actie.HALT_NEGATIEF,
        Actie.PROCES_VERBAAL,
    }
)
SLUITEND = frozenset({Status.AFGESLOTEN})


class BriefRegel(msgspec.Struct, frozen=True):
    soort: str
    kopie_school: bool = False
    """Art. 6.5: the waarschuwingsbrief goes to the school as well."""
    wpg: bool = False
    """Wpg data (toelichting 4): a letter that names a (verkort) proces-verbaal; BOAs only."""
    aan_school: bool = False
    """Addressed to the school of the melding: not sent when the case has none."""


# The letter a step sends; a kind of case may have its own (the 18+ invitation is to the jongere).
BRIEVEN: dict[tuple[Soort | None, Actie], tuple[BriefRegel, ...]] = {
    (None, Actie.UITNODIGEN): (BriefRegel("uitnodiging"),),
    (Soort.VERZUIM_18PLUS, Actie.UITNODIGEN): (BriefRegel("uitnodiging_18plus"),),
    (None, Actie.WAARSCHUWINGSBRIEF): (BriefRegel("waarschuwingsbrief", kopie_school=True),),
    (None, Actie.KENNISGEVINGSBRIEF): (BriefRegel("kennisgevingsbrief"),),
    (None, Actie.CONTACT_OUDERS): (BriefRegel("absoluut_verzuim"),),
    # Art. 6.8: the letter to jongere and parents names the verkort proces-verbaal (Wpg); the
    # school is told of the referral in a letter of its own, without it.
    (None, Actie.HALT_VERWIJZEN): (
        BriefRegel("halt_verwijzing", wpg=True),
        BriefRegel("halt_melding_school", kopie_school=True, aan_school=True),
    ),
    (None, Actie.VERHOOR_AANKONDIGEN): (BriefRegel("uitnodiging_verhoor", wpg=True),),
}
# Which deadlines a step meets (art. 6.3: the invitation; art. 8.1-8.3 the steps of absoluut
# verzuim); closing meets whatever is still open.
_ALLE_TERMIJNEN = (
    "uitnodiging_gesprek",
    "administratieve_controle",
    "contact_ouders",
    "controle_advies",
    "navraag_school",
)
VOLDOET: dict[Actie, tuple[str, ...]] = {
    Actie.UITNODIGEN: ("uitnodiging_gesprek",),
    Actie.KENNISGEVINGSBRIEF: ("uitnodiging_gesprek",),
    Actie.GECORRIGEERD_AFSLUITEN: _ALLE_TERMIJNEN,
    Actie.ADMINISTRATIEF_CONTROLEREN: ("administratieve_controle",),
    Actie.CONTACT_OUDERS: ("contact_ouders",),
    Actie.ADVIES_CONTROLEREN: ("controle_advies",),
    Actie.CONTACT_SCHOOL: ("navraag_school",),
    Actie.AFSLUITEN: _ALLE_TERMIJNEN,
}
# What a step must put in writing (a 422 without it): the verslag of a gesprek (art. 6.5), the
# outcome of a contact (art. 8.2, 8.4), the plan van aanpak (art. 7.5), the task of a deurbezoek.
VERPLICHT: dict[Actie, tuple[str, str]] = {
    Actie.GESPREK_VOEREN: ("verslag", "het verslag van het verzuimgesprek gaat in het dossier"),
    Actie.CONTACT_OUDERS: ("verslag", "leg vast wat ouders uitlegden en welk advies u gaf"),
    Actie.CONTACT_SCHOOL: ("verslag", "leg de zienswijze of het antwoord van de school vast"),
    Actie.ADVIES_CONTROLEREN: ("verslag", "leg vast wat u controleerde en wat u vond"),
    Actie.PLAN_VAN_AANPAK: ("plan_van_aanpak", "het plan van aanpak gaat in het dossier"),
    Actie.DEURBEZOEK: ("deurbezoek_opdracht", "zeg de leerplichtassistent wat de opdracht is"),
    Actie.REDEN_ONDERZOEKEN: ("vsv_reden", "leg de reden van het voortijdig schoolverlaten vast"),
    Actie.CONTACT_JONGERE: ("verslag", "leg vast hoe en met welk resultaat u contact zocht"),
    Actie.WACHTEN_OP_OPLEIDING: ("verslag", "leg vast op welke opleiding de jongere wacht"),
    Actie.RAAD_RAADPLEGEN: ("verslag", "leg het advies van de Raad voor de Kinderbescherming vast"),
}
DEURBEZOEK_WERKDAGEN = 5


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
    hulpverlening_voorliggend: bool = False
    om_geraadpleegd: bool = False
    reden_afsluiten: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    pv_nummer: Annotated[str, msgspec.Meta(max_length=50)] | None = None
    svb_oproep_gedaan: bool = False
    svb_afspraken: SvbAfspraken | None = None
    voorwaarden_vervuld: bool = False
    verzuim_gestopt: bool = False
    verslag: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    ernstig: bool | None = None
    oorzaak: Oorzaak | None = None
    zonder_achtergrond: bool = False
    plan_van_aanpak: Annotated[str, msgspec.Meta(max_length=5000)] | None = None
    advies_opgevolgd: bool = False
    deurbezoek_opdracht: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    vsv_reden: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    inkomen: Inkomen | None = None
    dagbesteding: bool | None = None
    contactvorm: Literal["telefonisch", "via_ketenpartner", "bericht"] | None = None


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


class OpenVerzoek(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A case starts from a melding, from a signal of the controls (absoluut verzuim), or from a
    jongere who left school without a startkwalificatie (voortijdig schoolverlaten)."""

    melding_id: UUID | None = None
    signaal_id: UUID | None = None
    jongere_id: UUID | None = None


class Termijn(msgspec.Struct, frozen=True):
    soort: str
    omschrijving: str
    artikel: str
    uiterlijk: date
    voldaan_op: date | None
    verlopen: bool
    """Open past its last day."""
    te_laat: bool = False
    """Met, but after its last day."""


class Stap(msgspec.Struct, frozen=True):
    actie: str
    van_status: str
    naar_status: str
    afwijking: bool
    uitleg: str | None
    gezet_op: datetime


class Zaak(msgspec.Struct, frozen=True):
    id: UUID
    soort: Soort
    jongere_id: UUID
    melding_id: UUID | None
    signaal_id: UUID | None
    status: str
    behandelaar_id: UUID | None
    """The leerplichtambtenaar who handles the case (who opened it, unless reassigned)."""
    aanpak: Aanpak | None
    """The ernst/oorzaak choice (adviseur, handhaver, regisseur), once recorded."""
    volgende_stappen: list[Actie]
    """The method's next steps from this status; the facts decide whether each is allowed."""
    termijnen: list[Termijn]
    stappen: list[Stap]
    berichten: list[str] = msgspec.field(default_factory=list)
    """Partner messages queued by the step (outbox ids)."""
    brieven: list[str] = msgspec.field(default_factory=list)
    """Letters drafted by the step."""


async def open_zaak(
    db: Database, principal: Principal, verzoek: OpenVerzoek, request_id: str
) -> Zaak | None:
    herkomst = [verzoek.melding_id, verzoek.signaal_id, verzoek.jongere_id]
    if sum(h is not None for h in herkomst) != 1:
        raise unprocessable(
            [FieldError("melding_id", "geef één van melding_id, signaal_id of jongere_id")]
        )
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        if verzoek.melding_id is not None:
            zaak_id = await _open_op_melding(tx, verzoek.melding_id)
        elif verzoek.signaal_id is not None:
            zaak_id = await _open_op_signaal(tx, verzoek.signaal_id)
        else:
            assert verzoek.jongere_id is not None
            zaak_id = await _open_voor_vsv(tx, verzoek.jongere_id)
        if zaak_id is None:
            return None
        return await _lees(tx, zaak_id)


def alleen_eigen_team(principal: Principal) -> bool:
    """A leerplichtambtenaar (and nothing else) works on the own team's cases and the cases
    assigned to them; the database holds the same scope (migration 0034)."""
    return principal.roles == frozenset({Role.LEERPLICHTAMBTENAAR})


def in_scope(
    principal: Principal | None, team_id: UUID | None, behandelaar_id: UUID | None
) -> bool:
    """May this principal see a case of `team_id` assigned to `behandelaar_id`?"""
    if principal is None or not alleen_eigen_team(principal):
        return True
    own_team = team_id is not None and team_id == principal.team_id
    return own_team or behandelaar_id == principal.user_id


def _mag_openen(tx: Tx, team_id: UUID | None) -> bool:
    """Opening makes a leerplichtambtenaar the behandelaar: of an own team's work, or work of no
    team; another team's melding or signal is not theirs to take (404)."""
    return team_id is None or in_scope(tx.principal, team_id, None)


def _behandelaar(tx: Tx) -> UUID | None:
    """The leerplichtambtenaar who opens a case handles it."""
    p = tx.principal
    return p.user_id if p is not None and Role.LEERPLICHTAMBTENAAR in p.roles else None


async def _open_op_melding(tx: Tx, melding_id: UUID) -> UUID | None:
    melding = await tx.conn.fetchrow(
        "SELECT m.id, m.jongere_id, m.team_id, m.status, m.soort, j.geboortedatum"
        " FROM meldingen m LEFT JOIN jongeren j ON j.id = m.jongere_id WHERE m.id = $1"
        " FOR UPDATE OF m",
        melding_id,
    )
    if melding is None:
        return None
    if melding["jongere_id"] is None:
        raise unprocessable(
            [
                FieldError(
                    "melding_id", "de jongere woont in een andere gemeente: het dossier ligt daar"
                )
            ]
        )
    if not _mag_openen(tx, melding["team_id"]):
        return None
    if await tx.conn.fetchval("SELECT 1 FROM zaken WHERE melding_id = $1", melding_id):
        raise ClientException("Voor deze melding is al een zaak geopend.", status_code=409)
    soort = soort_voor(melding["soort"], leeftijd(melding["geboortedatum"], tx.vandaag))
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, melding_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        tx.tenant_id,
        melding["jongere_id"],
        melding_id,
        melding["team_id"],
        soort.value,
        _behandelaar(tx),
    )
    await tx.conn.execute(
        "UPDATE meldingen SET status = 'in_behandeling' WHERE id = $1 AND status = 'geregistreerd'",
        melding_id,
    )
    await werklog(
        tx,
        melding["jongere_id"],
        "Zaak geopend",
        f"Melding in behandeling genomen ({soort})",
        False,
    )
    await record(tx, "create", "zaak", zaak_id, jongere_id=melding["jongere_id"])
    return zaak_id


async def _open_voor_vsv(tx: Tx, jongere_id: UUID) -> UUID | None:
    """Voortijdig schoolverlaten (art. 9a): a resident past school without a startkwalificatie,
    handled by the team where the jongere lives."""
    j = await tx.conn.fetchrow(
        "SELECT * FROM jongeren WHERE id = $1 AND gemeentecode = tenant_id", jongere_id
    )
    if j is None:
        return None
    reden = await reden_geen_vsv(tx, j, tx.vandaag)
    if reden:
        raise unprocessable([FieldError("jongere_id", reden)])
    if not _mag_openen(tx, j["team_id"]):
        return None
    if await tx.conn.fetchval(
        "SELECT 1 FROM zaken WHERE jongere_id = $1 AND soort = 'vsv' AND status <> 'afgesloten'",
        jongere_id,
    ):
        raise ClientException("Voor deze jongere loopt al een VSV-zaak.", status_code=409)
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, 'vsv', $4) RETURNING id",
        tx.tenant_id,
        jongere_id,
        j["team_id"],
        _behandelaar(tx),
    )
    await werklog(tx, jongere_id, "Zaak geopend", "Voortijdig schoolverlaten in behandeling", False)
    await record(tx, "create", "zaak", zaak_id, jongere_id=jongere_id)
    return zaak_id


async def _open_op_signaal(tx: Tx, signaal_id: UUID) -> UUID | None:
    """Absoluut verzuim (art. 8): woongebonden, so the signal's team (where the jongere lives)."""
    signaal = await tx.conn.fetchrow(
        "SELECT id, jongere_id, team_id, status, soort FROM signalen WHERE id = $1 FOR UPDATE",
        signaal_id,
    )
    if signaal is None:
        return None
    if not _mag_openen(tx, signaal["team_id"]):
        return None
    if signaal["status"] != "open":
        raise ClientException("Dit signaal is al afgehandeld.", status_code=409)
    if await tx.conn.fetchval("SELECT 1 FROM zaken WHERE signaal_id = $1", signaal_id):
        raise ClientException("Voor dit signaal is al een zaak geopend.", status_code=409)
    zaak_id: UUID = await tx.conn.fetchval(
        "INSERT INTO zaken (tenant_id, jongere_id, signaal_id, team_id, soort, behandelaar_id)"
        " VALUES ($1, $2, $3, $4, 'absoluut_verzuim', $5) RETURNING id",
        tx.tenant_id,
        signaal["jongere_id"],
        signaal_id,
        signaal["team_id"],
        _behandelaar(tx),
    )
    await werklog(
        tx,
        signaal["jongere_id"],
        "Zaak geopend",
        f"Signaal {signaal['soort'].replace('_', ' ')} in behandeling genomen (absoluut verzuim)",
        False,
    )
    await record(tx, "create", "zaak", zaak_id, jongere_id=signaal["jongere_id"])
    return zaak_id


async def lees_zaak(
    db: Database, principal: Principal, zaak_id: UUID, request_id: str
) -> Zaak | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        zaak = await _lees(tx, zaak_id)
        if zaak is not None:
            await record(tx, "read", "zaak", zaak_id, jongere_id=zaak.jongere_id)
        return zaak


class ZaakKort(msgspec.Struct, frozen=True):
    id: UUID
    soort: Soort
    status: str
    geopend_op: datetime
    gesloten_op: datetime | None


async def van_jongere(
    db: Database, principal: Principal, jongere_id: UUID, request_id: str
) -> list[ZaakKort]:
    """The jongere's cases, newest first, for the dossier page (an audited read)."""
    async with db.tenant_tx(principal, request_id=request_id, purpose="dossier inzien") as tx:
        rows = await tx.conn.fetch(
            "SELECT id, soort, status, geopend_op, gesloten_op FROM zaken WHERE jongere_id = $1"
            " ORDER BY geopend_op DESC",
            jongere_id,
        )
        if rows:
            await record(tx, "read", "zaken", jongere_id, jongere_id=jongere_id)
    return [
        ZaakKort(
            r["id"],
            Soort(r["soort"]),
            zichtbare_status(r["status"], principal.boa),
            r["geopend_op"],
            r["gesloten_op"],
        )
        for r in rows
    ]


async def stap_zetten(
    db: Database, principal: Principal, zaak_id: UUID, verzoek: StapVerzoek, request_id: str
) -> Zaak | None:
    async with db.tenant_tx(principal, request_id=request_id, purpose="verzuimzaak") as tx:
        zaak = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1 FOR UPDATE", zaak_id)
        if zaak is None or not in_scope(principal, zaak["team_id"], zaak["behandelaar_id"]):
            return None
        soort = Soort(zaak["soort"])
        v = verzoek.vaststellingen
        feiten, jongere, melding = await _feiten(tx, principal, zaak, v)
        status = Status(zaak["status"])
        besluit = beslis(status, verzoek.actie, feiten, verzoek.uitleg, soort)
        if not besluit.toegestaan or besluit.naar is None:
            raise ClientException(besluit.regel or "Deze stap kan nu niet.", status_code=409)
        if verzoek.actie in VERPLICHT:
            veld, reden = VERPLICHT[verzoek.actie]
            tekst = getattr(v, veld)
            if not (tekst and tekst.strip()):
                raise unprocessable([FieldError(f"vaststellingen.{veld}", reden)])
        wpg = verzoek.actie in WPG_ACTIES or status in (Status.HALT_VERWEZEN, Status.PROCES_VERBAAL)
        await zet_status(tx, zaak_id, besluit.naar, verzoek.actie)
        await _vsv_vastleggen(tx, zaak, verzoek, jongere)
        if verzoek.actie is Actie.ERNST_OORZAAK:
            rol = aanpak(bool(v.ernstig), v.oorzaak)
            await tx.conn.execute(
                "UPDATE zaken SET ernstig = $2, oorzaak = $3, ernst_oorzaak = $4 WHERE id = $1",
                zaak_id,
                v.ernstig,
                v.oorzaak.value if v.oorzaak else None,
                rol.value if rol else None,
            )
        await tx.conn.execute(
            "INSERT INTO zaakstappen"
            " (tenant_id, zaak_id, actie, van_status, naar_status, afwijking,"
            " uitleg, wpg, gezet_op) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            tx.tenant_id,
            zaak_id,
            verzoek.actie.value,
            status.value,
            besluit.naar.value,
            besluit.afwijking,
            verzoek.uitleg,
            wpg,
            tx.nu,
        )
        await termijnketen.stap_gezet(tx, zaak, VOLDOET.get(verzoek.actie, ()))
        berichten = await _berichten(tx, verzoek, zaak, jongere, melding)
        if besluit.naar in SLUITEND:
            berichten += await sluit_herkomst(tx, zaak, v.reden_afsluiten, verzoek.actie)
        await werklog(
            tx,
            zaak["jongere_id"],
            "Stap in de verzuimzaak",
            _resultaat(verzoek, status, besluit.naar, besluit.afwijking, tx.vandaag),
            wpg,
        )
        if verzoek.actie is Actie.DEURBEZOEK:
            await _deurbezoek(tx, zaak, v.deurbezoek_opdracht or "")
        brieven = []
        regels = BRIEVEN.get((soort, verzoek.actie)) or BRIEVEN.get((None, verzoek.actie), ())
        for regel in regels:
            if regel.aan_school and melding is None:
                continue
            brieven.append(
                str(
                    await opstellen(
                        tx,
                        regel.soort,
                        jongere=jongere,
                        zaak_id=zaak_id,
                        melding=melding,
                        kopie_school=regel.kopie_school and melding is not None,
                        wpg=regel.wpg,
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


async def _vsv_vastleggen(tx: Tx, zaak: Any, verzoek: StapVerzoek, jongere: Any) -> None:
    """What a VSV case keeps (art. 9a.2-9a.5), and the handover a step makes."""
    v = verzoek.vaststellingen
    if verzoek.actie is Actie.REDEN_ONDERZOEKEN:
        await tx.conn.execute(
            "UPDATE zaken SET vsv_reden = $2 WHERE id = $1", zaak["id"], (v.vsv_reden or "").strip()
        )
    elif verzoek.actie is Actie.INKOMEN_VASTLEGGEN and v.inkomen is not None:
        await tx.conn.execute(
            "UPDATE zaken SET inkomen = $2 WHERE id = $1", zaak["id"], v.inkomen.value
        )
    elif verzoek.actie is Actie.DAGBESTEDING_VASTLEGGEN:
        await tx.conn.execute(
            "UPDATE zaken SET dagbesteding = $2 WHERE id = $1", zaak["id"], v.dagbesteding
        )
    elif verzoek.actie is Actie.OVERDRAGEN:
        await overdrachten.aanmaken(
            tx, jongere, zaak["vsv_reden"] or "voortijdig schoolverlaten", v.verslag
        )


def _resultaat(
    verzoek: StapVerzoek, van: Status, naar: Status, afwijking: bool, vandaag: date
) -> str:
    """The werklogboek's account of a step: what was done and what was established."""
    v = verzoek.vaststellingen
    delen = [f"{verzoek.actie.value.replace('_', ' ')}: {van.value} → {naar.value}"]
    if v.verslag:
        delen.append(f"Verslag: {v.verslag.strip()}")
    if v.plan_van_aanpak:
        delen.append(f"Plan van aanpak: {v.plan_van_aanpak.strip()}")
    if verzoek.actie is Actie.REDEN_ONDERZOEKEN and v.vsv_reden:
        delen.append(f"Reden: {v.vsv_reden.strip()}")
    if verzoek.actie is Actie.INKOMEN_VASTLEGGEN and v.inkomen:
        delen.append(f"Inkomen: {v.inkomen.value}")
    if verzoek.actie is Actie.DAGBESTEDING_VASTLEGGEN:
        delen.append("Dagbesteding (WMO): " + ("ja" if v.dagbesteding else "nee"))
    if verzoek.actie is Actie.CONTACT_JONGERE and v.contactvorm:
        delen.append(f"Contact: {v.contactvorm.replace('_', ' ')}")
    if verzoek.actie is Actie.ERNST_OORZAAK:
        rol = aanpak(bool(v.ernstig), v.oorzaak)
        ernst = "ernstig" if v.ernstig else "niet ernstig"
        oorzaak = f", oorzaak {v.oorzaak.value}" if v.oorzaak else ""
        delen.append(f"Verzuim {ernst}{oorzaak}: aanpak als {rol.value if rol else '?'}")
    if verzoek.actie is Actie.ADVIES_CONTROLEREN:
        delen.append("Advies opgevolgd" if v.advies_opgevolgd else "Advies niet opgevolgd")
    if verzoek.actie is Actie.DEURBEZOEK:
        delen.append(f"Deurbezoek uitgezet: {v.deurbezoek_opdracht}")
    if v.reden_afsluiten and naar is Status.AFGESLOTEN:
        delen.append(f"Reden: {v.reden_afsluiten.strip()}")
    afspraken = v.svb_afspraken
    if verzoek.actie is Actie.SVB_MELDEN and afspraken is not None:
        delen.append(
            f"Afspraken (art. 19.4): verzuim: {afspraken.geconstateerd_verzuim}; acties: "
            f"{afspraken.ondernomen_acties}; melding aan de SVB: {vandaag:%d-%m-%Y}; "
            f"kinderbijslag stopt per {kwartaal_na(vandaag):%d-%m-%Y}; voorwaarden: "
            f"{afspraken.voorwaarden_ongedaan_maken}; evaluatie uiterlijk "
            f"{afspraken.evaluatiedatum:%d-%m-%Y}"
        )
    if afwijking:
        delen.append(f"(afwijking van de methode: {verzoek.uitleg})")
    return ". ".join(delen)


async def zet_status(tx: Tx, zaak_id: UUID, naar: Status, actie: Actie) -> None:
    """A step's new status, the closing time, and the measure it took change together. The
    figures read a case's measures from the case, because the steps of Halt and the
    proces-verbaal are Wpg rows that a teammanager who is no BOA cannot read."""
    await tx.conn.execute(
        "UPDATE zaken SET status = $2,"
        " gesloten_op = CASE WHEN $2 = 'afgesloten' THEN now() END,"
        " maatregelen = CASE WHEN $3 AND NOT $4 = ANY (maatregelen)"
        "                    THEN maatregelen || $4 ELSE maatregelen END"
        " WHERE id = $1",
        zaak_id,
        naar.value,
        actie in MAATREGELEN,
        actie.value,
    )


async def sluit_herkomst(tx: Tx, zaak: Any, reden: str | None, actie: Actie) -> list[str]:
    """Closing a case closes its melding back to DUO's verzuimloket with the reason (art. 6.13),
    or its signal of the controls."""
    reden = (reden or "").strip() or actie.value.replace("_", " ")
    if zaak["signaal_id"] is not None:
        await tx.conn.execute(
            "UPDATE signalen SET status = 'afgehandeld' WHERE id = $1", zaak["signaal_id"]
        )
        return []
    duo_id = await tx.conn.fetchval(
        "UPDATE meldingen SET status = 'afgesloten', reden_afgesloten = $2 WHERE id = $1"
        " RETURNING duo_melding_id",
        zaak["melding_id"],
        reden,
    )
    if duo_id is None:
        return []
    bericht = MeldingStatusWijziging(
        duo_melding_id=duo_id, status="afgesloten", reden_afgesloten=reden, datum=tx.vandaag
    )
    return [str(await enqueue(tx, "duo", "melding_status", bericht))]


async def _deurbezoek(tx: Tx, zaak: Any, opdracht: str) -> None:
    """A task for the team's leerplichtassistenten (art. 6.4), due within a working week."""
    await tx.conn.execute(
        "INSERT INTO taken (tenant_id, zaak_id, jongere_id, soort, opdracht, team_id, uiterlijk)"
        " VALUES ($1, $2, $3, 'deurbezoek', $4, $5, $6)",
        tx.tenant_id,
        zaak["id"],
        zaak["jongere_id"],
        opdracht.strip(),
        zaak["team_id"],
        termijn(tx.vandaag, DEURBEZOEK_WERKDAGEN, Dagsoort.WERKDAGEN),
    )


async def _feiten(
    tx: Tx, principal: Principal, zaak: Any, v: Vaststellingen
) -> tuple[Feiten, Any, Any]:
    """The facts for the state machine, and the jongere and melding rows they came from."""
    jongere = await tx.conn.fetchrow("SELECT * FROM jongeren WHERE id = $1", zaak["jongere_id"])
    assert jongere is not None
    vandaag = tx.vandaag
    melding = await tx.conn.fetchrow(
        "SELECT brin, vestiging, verzuimde_uren, periode_van, periode_tot, soort, wettelijk"
        " FROM meldingen WHERE id = $1",
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
                  (SELECT count(*) FILTER (WHERE actie = 'svb_voorleggen')
                        - count(*) FILTER (WHERE actie = 'svb_akkoord')
                   FROM zaakstappen WHERE zaak_id = $2) AS svb_voorgelegd,
                  (SELECT count(*) FILTER (WHERE actie = 'svb_akkoord')
                        - count(*) FILTER (WHERE actie = 'svb_melden')
                   FROM zaakstappen WHERE zaak_id = $2) AS svb_akkoord,
                  EXISTS (SELECT 1 FROM zaakstappen WHERE zaak_id = $2
                          AND actie = 'verhoor_aankondigen') AS verhoor,
                  EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1) AS eerder_school,
                  coalesce((SELECT array_agg(diploma) FROM diplomas WHERE jongere_id = $1), '{}')
                      AS dip_soort,
                  coalesce((SELECT array_agg(datum) FROM diplomas WHERE jongere_id = $1), '{}')
                      AS dip_datum,
                  coalesce((SELECT array_agg(grond ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_grond,
                  coalesce((SELECT array_agg(van ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_van,
                  coalesce((SELECT array_agg(tot ORDER BY van) FROM vrijstellingen
                            WHERE jongere_id = $1), '{}') AS vrij_tot,
                  EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1
                          AND datum_inschrijving <= $3
                          AND (datum_uitschrijving IS NULL OR datum_uitschrijving >= $3))
                      AS ingeschreven""",
        zaak["jongere_id"],
        zaak["id"],
        vandaag,
    )
    assert counts is not None
    diplomas = [
        Diploma(d, op) for d, op in zip(counts["dip_soort"], counts["dip_datum"], strict=True)
    ]
    vrijstellingen = [
        Vrijstelling(g, van, tot)
        for g, van, tot in zip(
            counts["vrij_grond"], counts["vrij_van"], counts["vrij_tot"], strict=True
        )
    ]
    wettelijk = bool(melding and melding["wettelijk"])
    if melding and melding["soort"] == "rmc":
        # 18+: the school must report after 4 weeks' continuous absence; earlier is a choice (7.1).
        wettelijk = (melding["periode_tot"] - melding["periode_van"]).days + 1 >= 28
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
        startkwalificatie=startkwalificatie(diplomas, vandaag) is not None,
        vrijgesteld=vrijstelling_op(vrijstellingen, vandaag) is not None,
        ingeschreven=counts["ingeschreven"],
        teammanager=principal.has_any(Role.TEAMMANAGER),
        svb_voorgelegd=counts["svb_voorgelegd"] > 0,
        # The teammanager's approval (art. 19.2): given as a step, or the teammanager melds.
        akkoord_teammanager=principal.has_any(Role.TEAMMANAGER) or counts["svb_akkoord"] > 0,
        weigert_mee_te_werken=v.weigert_mee_te_werken,
        recidive=v.recidive,
        ouders_meewerkend=v.ouders_meewerkend,
        verhoor_aangekondigd=counts["verhoor"],
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
        wettelijke_melding=wettelijk,
        zonder_achtergrond=v.zonder_achtergrond,
        plan_van_aanpak=bool(v.plan_van_aanpak and v.plan_van_aanpak.strip()),
        ernstig=v.ernstig,
        oorzaak=v.oorzaak,
        vorige_school=counts["eerder_school"],
        advies_opgevolgd=v.advies_opgevolgd,
        vsv_reden=bool(zaak["vsv_reden"] or (v.vsv_reden and v.vsv_reden.strip())),
        inkomen=v.inkomen or (Inkomen(zaak["inkomen"]) if zaak["inkomen"] else None),
        dagbesteding=v.dagbesteding if v.dagbesteding is not None else zaak["dagbesteding"],
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
            periode_van=melding["periode_van"] if melding else tx.vandaag,
            periode_tot=melding["periode_tot"] if melding else tx.vandaag,
            verzuimde_uren=(melding["verzuimde_uren"] or 0) if melding else 0,
            keer_te_laat=verzoek.vaststellingen.keer_te_laat,
            pv_nummer=verzoek.vaststellingen.pv_nummer,
            toestemming_jongere=verzoek.vaststellingen.toestemming_jongere,
            toestemming_ouders=verzoek.vaststellingen.toestemming_ouders,
        )
        return [str(await enqueue(tx, "halt", "verwijzing", verwijzing))]
    if verzoek.actie is Actie.SVB_MELDEN:
        vandaag = tx.vandaag
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
        vandaag = tx.vandaag
        intrekking = SvbIntrekking(
            melding_id=zaak["id"],
            svb_referentie=referentie,
            datum_bevestiging=vandaag,
            kinderbijslag_herstart_per=begin_kwartaal(vandaag),
        )
        return [str(await enqueue(tx, "svb", "intrekking", intrekking))]
    return []


async def _lees(tx: Tx, zaak_id: UUID) -> Zaak | None:
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
    soort, status = Soort(zaak["soort"]), Status(zaak["status"])
    boa = tx.principal.boa if tx.principal else True
    zichtbaar = zichtbare_status(zaak["status"], boa)
    return Zaak(
        id=zaak["id"],
        soort=soort,
        jongere_id=zaak["jongere_id"],
        melding_id=zaak["melding_id"],
        signaal_id=zaak["signaal_id"],
        status=zichtbaar,
        behandelaar_id=zaak["behandelaar_id"],
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
    )
