"""The messages the portal sends to its partners and the answers it accepts from them.

The portal owns these: a werkproces builds one and hands it to the outbox (or reads one from a
port), and never imports a partner's package. Each adapter in `integrations/` maps them to and
from its partner's wire format; where the partners' real interfaces are not public, the wire is
modelled on these same messages and the mapping is one to one. Modelled on the Ambtsinstructie
(articles named per message) and DOMAIN.md.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

import msgspec

# --- parts shared by several messages ----------------------------------------------------------


class Persoon(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str
    voornamen: str
    voorvoegsel: str | None = None
    geslachtsnaam: str
    geboortedatum: date


class Ouder(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str | None = None
    naam: str


# --- DUO (DOMAIN §3: DUO's soorten and statuses of a melding) -----------------------------------

MeldingStatus = Literal[
    "geregistreerd", "in_behandeling", "afgesloten", "ingetrokken", "ter_kennisgeving_aangenomen"
]


class MeldingStatusWijziging(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 6.13: the melding closed back to DUO's verzuimloket, with its reason."""

    duo_melding_id: str
    status: MeldingStatus
    reden_afgesloten: str | None = None
    datum: date


Verzuimsoort = Literal["16_uur_in_4_weken", "langdurig_relatief", "rmc", "luxe", "overig"]


class MeldingRegistratie(msgspec.Struct, frozen=True, kw_only=True):
    """Lpw art. 21 and the Besluit verzuimmelding: a school's melding made in the portal is
    registered in DUO's verzuimregister, so the school's legal duty is met in one place. DUO's
    kenmerk comes back as the receipt and is stored on the melding."""

    melding_id: UUID
    """The portal's id, which DUO keeps as the melder's own reference."""
    gemeentecode: str
    bsn: str
    brin: str
    vestiging: str
    soort: Verzuimsoort
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None = None
    verzuimde_dagen: int | None = None
    ondernomen_actie: str
    melder_naam: str
    melder_telefoon: str
    melder_email: str


class VrijstellingRegistratie(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 12.5: a valid vrijstelling is registered in DUO's register onderwijsdeelnemers."""

    vrijstelling_id: UUID
    bsn: str
    grond: Literal["5a", "5b", "5c", "15", "3a", "3b"]
    van: date
    tot: date | None = None


class Verzuimmelding(msgspec.Struct, frozen=True, kw_only=True):
    """A melding from DUO's feed."""

    duo_melding_id: str
    bsn: str
    brin: str
    vestiging: str = "00"
    soort: Literal["16_uur_in_4_weken", "langdurig_relatief", "rmc", "luxe", "overig"]
    periode_van: date
    periode_tot: date
    verzuimde_uren: int | None = None


class Mutatie(msgspec.Struct, frozen=True, kw_only=True):
    """An in- or uitschrijving from DUO's feed."""

    duo_mutatie_id: str
    bsn: str
    brin: str
    vestiging: str = "00"
    soort: Literal["inschrijving", "uitschrijving"]
    datum: date
    onderwijssoort: str | None = None
    """Of an inschrijving; without it, the school's own."""
    leerjaar: int | None = None


class DuoPagina(msgspec.Struct, frozen=True):
    """One page of DUO's feed and the cursor after it."""

    verzuimmeldingen: list[Verzuimmelding]
    mutaties: list[Mutatie]
    volgende: str | None


# --- Halt (art. 6.8-6.9, API.md's callback) ----------------------------------------------------


class Verwijzing(msgspec.Struct, frozen=True, kw_only=True):
    """A Halt-verwijzing with the verkort proces-verbaal's facts (Wpg)."""

    verwijzing_id: UUID
    gemeentecode: str
    jongere: Persoon
    ouders: list[Ouder] = msgspec.field(default_factory=list)
    school_brin: str | None = None
    periode_van: date
    periode_tot: date
    verzuimde_uren: int
    keer_te_laat: int = 0
    pv_nummer: str
    toestemming_jongere: bool
    toestemming_ouders: bool | None = None


class Afdoening(msgspec.Struct, frozen=True):
    """The callback `POST /api/v1/partners/halt/afdoeningen` (API.md)."""

    bericht_id: str
    verwijzing_id: UUID
    uitkomst: Literal["positief", "negatief"]
    datum: date


# --- SVB (art. 19, toelichting 19) -------------------------------------------------------------


class SvbMelding(msgspec.Struct, frozen=True, kw_only=True):
    melding_id: UUID
    gemeentecode: str
    jongere: Persoon
    ouders: list[Ouder]
    reden: Literal["ongeoorloofd_verzuim", "niet_ingeschreven"]
    datum_melding: date
    kinderbijslag_stopt_per: date
    """The first day of the quarter after the melding (toelichting 19)."""


class SvbIntrekking(msgspec.Struct, frozen=True, kw_only=True):
    """Ongedaan maken: the conditions were met; kinderbijslag restarts from the quarter of the
    leerplichtambtenaar's confirmation."""

    melding_id: UUID
    svb_referentie: str
    datum_bevestiging: date
    kinderbijslag_herstart_per: date


# --- Inspectie van het onderwijs (art. 13, 20) -------------------------------------------------


class AdviesVerzoek(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 13.1: is this onderwijsvoorziening a school in the sense of the Leerplichtwet?"""

    verzoek_id: UUID
    gemeentecode: str
    voorziening: str
    adres: str
    aantal_jongeren: int
    advies_uiterlijk: date


# --- Veilig Thuis (art. 16-17, the meldcode) -----------------------------------------------------


class VeiligThuisAdviesvraag(msgspec.Struct, frozen=True, kw_only=True):
    """Meldcode step 2: an anonymous adviesvraag. No BSN, no name: only the age and the question."""

    vraag_id: UUID
    gemeentecode: str
    leeftijd: int
    signalen: list[str]
    vraag: str


class VeiligThuisMelding(msgspec.Struct, frozen=True, kw_only=True):
    """Meldcode step 5: the melding, with the facts (and which came from others), whether it was
    discussed with jongere and ouders, and the steps taken."""

    melding_id: UUID
    gemeentecode: str
    jongere: Persoon
    signalen: list[str]
    besproken_met_ouders: bool
    reden_niet_besproken: str | None = None
    afweging: str


class VeiligThuisAntwoord(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The callback `POST /api/v1/partners/veilig-thuis/antwoorden` (API.md): Veilig Thuis's
    kenmerk on a melding, and later its outcome."""

    bericht_id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    melding_id: UUID
    vt_referentie: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    uitkomst: Literal["ontvangen", "in_onderzoek", "afgerond"]
    datum: date
    toelichting: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class InspectieSignaal(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 20: a schriftelijk signaal (after advice and the teammanager's akkoord) or a melding
    (lid 5) about a school: the facts observed and how the leerplichtambtenaar acted."""

    signaal_id: UUID
    soort: Literal["signaal", "melding"]
    gemeentecode: str
    brin: str
    vestiging: str
    feiten: str
    ondernomen_door_leerplichtambtenaar: str
    school_geinformeerd_op: date


# --- Nederlandse Arbeidsinspectie (art. 18, with 10.5 and 12.13) -------------------------------


class ArbeidsinspectieMelding(msgspec.Struct, frozen=True, kw_only=True):
    """What art. 18 has the gemeente pass on: a vervangende leerplicht (3a, 3b) granted, or a
    vrijstelling of a jongere of 16 or 17 (10.5, 12.13)."""

    melding_id: UUID
    gemeentecode: str
    jongere: Persoon
    reden: Literal["vervangende_leerplicht", "vrijstelling_16_17"]
    grond: str
    """The vrijstelling's article: 3a, 3b, 5a, 5b, 5c or 15."""
    van: date
    tot: date | None = None


# --- Openbaar Ministerie (art. 6.10) and the Raad voor de Kinderbescherming (art. 15) ----------


class Verdachte(msgspec.Struct, frozen=True, kw_only=True):
    rol: Literal["ouder", "jongere"]
    naam: str
    bsn: str | None = None


class Zaakstap(msgspec.Struct, frozen=True, kw_only=True):
    """A step of the case, as the proces-verbaal and the consultation tell it."""

    datum: date
    stap: str


class ProcesVerbaal(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 6.10: the BOA's proces-verbaal of his findings, sent to the officier van justitie, with
    the document itself (the PDF kept in the dossier) and its SHA-256. Wpg data."""

    proces_verbaal_id: UUID
    pv_nummer: str
    gemeentecode: str
    verbalisant: str
    opgemaakt_op: date
    jongere: Persoon
    verdachten: list[Verdachte]
    school_brin: str | None = None
    periode_van: date
    periode_tot: date
    verzuimde_uren: int
    stappen: list[Zaakstap]
    bevindingen: str
    document_sha256: str
    document: bytes


class OmAfdoening(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The callback `POST /api/v1/partners/om/afdoeningen` (API.md): the OM's receipt, then its
    decision and, after a dagvaarding, the court's judgment."""

    bericht_id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    proces_verbaal_id: UUID
    afdoening: Literal[
        "ontvangen", "sepot", "transactie", "strafbeschikking", "dagvaarding", "uitspraak"
    ]
    datum: date
    parketnummer: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    toelichting: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class RaadConsultatie(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 15: before a proces-verbaal, the Adviesteam of the Raad voor de Kinderbescherming is
    consulted on the route for this jongere and the family: voluntary help, civil or criminal."""

    consultatie_id: UUID
    gemeentecode: str
    jongere: Persoon
    ouders: list[Ouder]
    school_brin: str | None = None
    periode_van: date
    periode_tot: date
    verzuimde_uren: int
    stappen: list[Zaakstap]
    vraag: str


# --- Another gemeente's leerplicht department (art. 3.9) ---------------------------------------


class Schoolinschrijving(msgspec.Struct, frozen=True, kw_only=True):
    brin: str
    vestiging: str
    school: str | None = None
    onderwijssoort: str
    van: date
    tot: date | None = None


class Schoolmelding(msgspec.Struct, frozen=True, kw_only=True):
    soort: str
    periode_van: date
    periode_tot: date
    status: str


class Schoolvrijstelling(msgspec.Struct, frozen=True, kw_only=True):
    grond: str
    van: date
    tot: date | None = None


class WoongemeenteOverdracht(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 3.9: a jongere moved out of the region; the school history goes to the new
    woongemeente (enrolments, recent meldingen, vrijstellingen) with the document kept in the
    dossier, and whom to call for the warm handover."""

    overdracht_id: UUID
    van_gemeentecode: str
    naar_gemeentecode: str
    jongere: Persoon
    inschrijvingen: list[Schoolinschrijving]
    meldingen: list[Schoolmelding]
    vrijstellingen: list[Schoolvrijstelling]
    contactpersoon: str
    telefoon: str | None = None
    email: str | None = None
    document_sha256: str
    document: bytes


class ArbeidsinspectieSignaal(msgspec.Struct, frozen=True, kw_only=True):
    """Art. 18 under c: a jongere the leerplichtambtenaar found working against the rules (a
    child under 16, or a jeugdige werknemer of 16 or 17, as the Arbeidstijdenwet names them)."""

    signaal_id: UUID
    gemeentecode: str
    jongere: Persoon
    leeftijd: int
    waargenomen_op: date
    bevinding: str
    werkgever: str | None = None


# --- Inlichtingenbureau (art. 9a; API.md's income classes) -------------------------------------

Inkomen = Literal["geen", "tot_300", "boven_300", "uitkering", "wajong", "onbekend"]


class VsvRegel(msgspec.Struct, frozen=True, kw_only=True):
    bsn: str
    geboortedatum: date
    woongemeente: str


class VsvLijst(msgspec.Struct, frozen=True, kw_only=True):
    lijst_id: str
    maand: str
    regio: str
    regels: list[VsvRegel]


class Verrijking(msgspec.Struct, frozen=True):
    bsn: str
    inkomen: Inkomen


class Verrijkt(msgspec.Struct, frozen=True, kw_only=True):
    """The answer to a list sent: still being processed, or ready with an income class per BSN."""

    lijst_id: str
    status: Literal["in_behandeling", "gereed"]
    regels: list[Verrijking] = msgspec.field(default_factory=list)
