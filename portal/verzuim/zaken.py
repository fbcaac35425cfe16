"""Case work: open a case on a melding or a signal of absoluut verzuim, take a step through the
state machine of its kind.

Each step is one transaction: the new status, the step (with its reason when it departs from the
method), the werklogboek entry, the audit event, the letter, the deurbezoek task and the partner
message (Halt, SVB, DUO's closing) commit together or not at all. Facts the portal knows (age, BOA
status, earlier meldingen and Halt referrals, the verhoor announced, the teammanager's akkoord,
startkwalificatie, vrijstelling, enrolment) are looked up here, never taken from the request.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.auth.principal import Principal
from portal.brieven.service import opstellen
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.uitkomst import MAATREGELEN
from portal.domain.woorden import overgang
from portal.domain.zaak import (
    Actie,
    Status,
    aanpak,
    beslis,
    kwartaal_na,
)
from portal.domain.zaakregels import (
    BRIEVEN,
    DEURBEZOEK_WERKDAGEN,
    SLUITEND,
    VERPLICHT,
    VOLDOET,
    WPG_ACTIES,
    BriefRegel,
)
from portal.dossier.werklog import werklog
from portal.problems import FieldError, conflict, unprocessable
from portal.rmc import vsv_zaak
from portal.verzuim import proces_verbaal, termijnketen
from portal.verzuim.zaak_berichten import sluit_herkomst, stap_berichten
from portal.verzuim.zaak_feiten import feiten_van_stap
from portal.verzuim.zaak_lezen import alleen_eigen_team, in_scope, lees, lees_zaak, van_jongere
from portal.verzuim.zaak_models import (
    OpenVerzoek,
    Stap,
    StapVerzoek,
    SvbAfspraken,
    Termijn,
    Vaststellingen,
    Zaak,
    ZaakKort,
    ZaakRij,
)
from portal.verzuim.zaak_openen import open_zaak

__all__ = [
    "BRIEVEN",
    "DEURBEZOEK_WERKDAGEN",
    "SLUITEND",
    "VERPLICHT",
    "VOLDOET",
    "WPG_ACTIES",
    "Antwoord",
    "BriefRegel",
    "OpenVerzoek",
    "Stap",
    "StapVerzoek",
    "SvbAfspraken",
    "Termijn",
    "Vaststellingen",
    "Zaak",
    "ZaakKort",
    "alleen_eigen_team",
    "feiten_van_stap",
    "in_scope",
    "lees",
    "lees_zaak",
    "open_zaak",
    "sluit_herkomst",
    "stap",
    "stap_berichten",
    "stap_voorbeeld",
    "stap_zetten",
    "van_jongere",
    "zet_status",
]


async def stap_zetten(ctx: RequestContext, zaak_id: UUID, verzoek: StapVerzoek) -> Zaak | None:
    async with ctx.tx(purpose="verzuimzaak") as tx:
        rij = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1 FOR UPDATE", zaak_id)
        if rij is None or not in_scope(ctx.principal, rij["team_id"], rij["behandelaar_id"]):
            return None
        berichten, brieven = await stap(tx, ctx.principal, ZaakRij.van(rij), verzoek)
        result = await lees(tx, zaak_id)
    assert result is not None
    return msgspec.structs.replace(result, berichten=berichten, brieven=brieven)


def _leesbaar(tekst: str | None) -> str:
    """The leerplichtambtenaar's words for a letter, without control characters (a NUL or an
    escape has no place on paper); line breaks become spaces, as in the letter's paragraph."""
    return " ".join("".join(c if c.isprintable() else " " for c in tekst or "").split())


class _Voorbeeld(Exception):
    """Ends a preview's transaction: everything the step wrote is rolled back."""

    def __init__(self, pdf: bytes | None, jongere_id: UUID) -> None:
        self.pdf, self.jongere_id = pdf, jongere_id


async def stap_voorbeeld(ctx: RequestContext, zaak_id: UUID, verzoek: StapVerzoek) -> bytes | None:
    """The letter the step would send, as it would be sent, without taking the step: the step runs
    whole (every rule, the same letter) in a transaction that is then rolled back. None for a
    case out of scope; a 409 or 422 as the step itself would give; b"" when the step sends no
    letter. The reading of the letter is audited on its own."""
    try:
        async with ctx.tx(purpose="verzuimzaak") as tx:
            rij = await tx.conn.fetchrow("SELECT * FROM zaken WHERE id = $1 FOR UPDATE", zaak_id)
            if rij is None or not in_scope(ctx.principal, rij["team_id"], rij["behandelaar_id"]):
                return None
            _, brieven = await stap(tx, ctx.principal, ZaakRij.van(rij), verzoek)
            pdf = None
            if brieven:
                pdf = await tx.conn.fetchval("SELECT pdf FROM brieven WHERE id = $1", brieven[0])
            raise _Voorbeeld(bytes(pdf) if pdf is not None else None, rij["jongere_id"])
    except _Voorbeeld as voorbeeld:
        async with ctx.tx(purpose="verzuimzaak") as tx:
            await record(
                tx,
                "read",
                "briefvoorbeeld",
                zaak_id,
                jongere_id=voorbeeld.jongere_id,
                detail={"actie": verzoek.actie.value},
            )
        return voorbeeld.pdf or b""


class Antwoord(msgspec.Struct, frozen=True, kw_only=True):
    """A partner's answer taken as a step (Halt's afdoening): how the werklogboek and the audit
    log say it, instead of a leerplichtambtenaar's account."""

    wat: str
    resultaat: str
    detail: dict[str, str]


async def stap(
    tx: Tx, door: Principal, zaak: ZaakRij, verzoek: StapVerzoek, antwoord: Antwoord | None = None
) -> tuple[list[str], list[str]]:
    """The one way a case moves, inside the caller's transaction on the locked case row: the
    facts are looked up and the step decided and validated before the first write; then the
    status, the step, the deadline chain, the messages, the werklogboek entry, the task, the
    letters and the audit event. Returns the ids of the messages and letters it made."""
    zaak_id = zaak.id
    soort = zaak.soort
    v = verzoek.vaststellingen
    feiten, jongere, melding = await feiten_van_stap(tx, door, zaak, v)
    status = zaak.status
    besluit = beslis(status, verzoek.actie, feiten, verzoek.uitleg, soort)
    if not besluit.toegestaan or besluit.naar is None:
        raise conflict(besluit.regel or "Deze stap kan nu niet.")
    if verzoek.actie in VERPLICHT:
        veld, reden = VERPLICHT[verzoek.actie]
        tekst = getattr(v, veld)
        if not (tekst and tekst.strip()):
            raise unprocessable([FieldError(f"vaststellingen.{veld}", reden)])
    wpg = verzoek.actie in WPG_ACTIES or status in (Status.HALT_VERWEZEN, Status.PROCES_VERBAAL)
    await zet_status(tx, zaak_id, besluit.naar, verzoek.actie)
    await vsv_zaak.vastleggen(tx, zaak, verzoek, jongere)
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
        " uitleg, wpg, gezet_op, gezet_door, verslag)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        tx.tenant_id,
        zaak_id,
        verzoek.actie.value,
        status.value,
        besluit.naar.value,
        besluit.afwijking,
        verzoek.uitleg,
        wpg,
        tx.nu,
        door.user_id,
        (v.verslag or "").strip() or None,
    )
    if verzoek.actie in VOLDOET or verzoek.actie.value in termijnketen.BEOORDELING:
        # Only a step that meets a term or is the first assessment moves the chain.
        await termijnketen.stap_gezet(tx, zaak, VOLDOET.get(verzoek.actie, ()))
    berichten = await stap_berichten(tx, verzoek, zaak, jongere, melding)
    if besluit.naar in SLUITEND:
        berichten += await sluit_herkomst(tx, zaak, v.reden_afsluiten, verzoek.actie)
    await werklog(
        tx,
        zaak.jongere_id,
        antwoord.wat if antwoord else "Stap in de verzuimzaak",
        antwoord.resultaat
        if antwoord
        else _resultaat(verzoek, status, besluit.naar, besluit.afwijking, tx.vandaag),
        wpg,
        auteur=door,
    )
    if verzoek.actie is Actie.DEURBEZOEK:
        await _deurbezoek(tx, zaak, v.deurbezoek_opdracht or "")
    brieven = []
    extra: dict[str, object] = {"brief_toelichting": _leesbaar(verzoek.brief_toelichting)}
    if verzoek.actie is Actie.PROCES_VERBAAL:
        extra |= await proces_verbaal.inhoud(tx, verzoek, zaak, jongere, melding)
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
                    periode=melding.periode if melding else None,
                    kopie_school=regel.kopie_school and melding is not None,
                    wpg=regel.wpg,
                    extra=extra,
                )
            )
        )
    if verzoek.actie is Actie.PROCES_VERBAAL:
        berichten.append(
            await proces_verbaal.naar_om(tx, zaak, jongere, melding, extra, brieven[0])
        )
    await record(
        tx,
        "update",
        "zaak",
        zaak_id,
        jongere_id=zaak.jongere_id,
        detail=antwoord.detail
        if antwoord
        else {"actie": verzoek.actie.value, "naar": besluit.naar.value, "wpg": wpg},
    )
    return berichten, brieven


def _resultaat(
    verzoek: StapVerzoek, van: Status, naar: Status, afwijking: bool, vandaag: date
) -> str:
    """The werklogboek's account of a step: what was done and what was established."""
    v = verzoek.vaststellingen
    delen = [overgang(verzoek.actie, van, naar)]
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


async def _deurbezoek(tx: Tx, zaak: ZaakRij, opdracht: str) -> None:
    """A task for the team's leerplichtassistenten (art. 6.4), due within a working week."""
    await tx.conn.execute(
        "INSERT INTO taken (tenant_id, zaak_id, jongere_id, soort, opdracht, team_id, uiterlijk)"
        " VALUES ($1, $2, $3, 'deurbezoek', $4, $5, $6)",
        tx.tenant_id,
        zaak.id,
        zaak.jongere_id,
        opdracht.strip(),
        zaak.team_id,
        termijn(tx.vandaag, DEURBEZOEK_WERKDAGEN, Dagsoort.WERKDAGEN),
    )
