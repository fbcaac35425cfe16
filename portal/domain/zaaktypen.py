"""The words of case work: the kinds of case, their statuses and steps, the facts a step is
decided on and the decision (`portal.domain.zaak` holds the state machines over them)."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Zaaksoort(StrEnum):
    RELATIEF_VERZUIM = "relatief_verzuim"
    VERZUIM_18PLUS = "verzuim_18plus"
    ABSOLUUT_VERZUIM = "absoluut_verzuim"
    VSV = "vsv"


class Status(StrEnum):
    ONTVANGEN = "ontvangen"
    BEOORDEELD = "beoordeeld"
    UITGENODIGD = "uitgenodigd"
    GESPREK_GEVOERD = "gesprek_gevoerd"
    GEWAARSCHUWD = "gewaarschuwd"
    HALT_VERWEZEN = "halt_verwezen"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    GECONTROLEERD = "administratief_gecontroleerd"
    CONTACT_GELEGD = "contact_gelegd"
    ADVIES_GECONTROLEERD = "advies_gecontroleerd"
    ONDERZOCHT = "onderzocht"
    WACHT_OP_OPLEIDING = "wacht_op_opleiding"
    OVERGEDRAGEN = "overgedragen"
    PROCES_VERBAAL = "proces_verbaal"
    AFGESLOTEN = "afgesloten"


class Actie(StrEnum):
    BEOORDELEN = "beoordelen"
    KENNISGEVINGSBRIEF = "kennisgevingsbrief"
    UITNODIGEN = "uitnodigen"
    GESPREK_VOEREN = "gesprek_voeren"
    WAARSCHUWINGSBRIEF = "waarschuwingsbrief"
    SCHRIFTELIJKE_WAARSCHUWING = "schriftelijke_waarschuwing"
    HALT_VERWIJZEN = "halt_verwijzen"
    HALT_POSITIEF = "halt_afdoening_positief"
    HALT_NEGATIEF = "halt_afdoening_negatief"
    SVB_VOORLEGGEN = "svb_voorleggen"
    SVB_AKKOORD = "svb_akkoord"
    SVB_AFWIJZEN = "svb_afwijzen"
    SVB_MELDEN = "svb_melden"
    SVB_ONGEDAAN = "svb_ongedaan_maken"
    VERHOOR_AANKONDIGEN = "verhoor_aankondigen"
    RAAD_RAADPLEGEN = "raad_kinderbescherming_raadplegen"
    PROCES_VERBAAL = "proces_verbaal_opmaken"
    PLAN_VAN_AANPAK = "plan_van_aanpak_maken"
    GECORRIGEERD_AFSLUITEN = "gecorrigeerd_afsluiten"
    ADMINISTRATIEF_CONTROLEREN = "administratief_controleren"
    CONTACT_OUDERS = "contact_ouders"
    ADVIES_CONTROLEREN = "advies_controleren"
    ERNST_OORZAAK = "ernst_oorzaak_vastleggen"
    DEURBEZOEK = "deurbezoek_uitzetten"
    CONTACT_SCHOOL = "contact_school"
    REDEN_ONDERZOEKEN = "reden_onderzoeken"
    INKOMEN_VASTLEGGEN = "inkomen_vastleggen"
    DAGBESTEDING_VASTLEGGEN = "dagbesteding_vastleggen"
    CONTACT_JONGERE = "contact_jongere"
    WACHTEN_OP_OPLEIDING = "wachten_op_opleiding"
    OVERDRAGEN = "overdragen_jongerenpunt"
    AFSLUITEN = "afsluiten"


class Inkomen(StrEnum):
    """What the leerplichtambtenaar found the VSV'er lives on (art. 9a.3-9a.4)."""

    WERK = "werk"
    UITKERING = "uitkering"
    GEEN = "geen"


class Aanpak(StrEnum):
    """The leerplichtambtenaar's role chosen by ernst and oorzaak (2016, 3.4)."""

    ADVISEUR = "adviseur"
    HANDHAVER = "handhaver"
    REGISSEUR = "regisseur"


class Verdachten(StrEnum):
    """Whom a proces-verbaal names as suspect (art. 6.10): the ouders and/or the jongere of 12
    or older."""

    OUDERS = "ouders"
    JONGERE = "jongere"
    OUDERS_EN_JONGERE = "ouders_en_jongere"


class Oorzaak(StrEnum):
    ONWIL = "onwil"
    ONMACHT = "onmacht"


def aanpak(ernstig: bool, oorzaak: Oorzaak | None) -> Aanpak | None:
    """Not serious: preventive (adviseur); serious and onwil: repressive (handhaver); serious and
    onmacht: problem-solving (regisseur). Serious without a known cause decides nothing yet."""
    if not ernstig:
        return Aanpak.ADVISEUR
    if oorzaak is Oorzaak.ONWIL:
        return Aanpak.HANDHAVER
    if oorzaak is Oorzaak.ONMACHT:
        return Aanpak.REGISSEUR
    return None


class Feiten(msgspec.Struct, frozen=True, kw_only=True):
    """What the leerplichtambtenaar established; defaults are the cautious answers."""

    leeftijd: int
    eerste_melding: bool = True
    verwijtbaar: bool = False
    kennelijke_opzet: bool = False
    eerste_overtreding_met_zorg: bool = False
    uren_in_4_weken: int = 0
    keer_te_laat: int = 0
    eerder_naar_halt: bool = False
    boa: bool = False
    teammanager: bool = False
    """The principal taking the step is the teammanager (who gives the SVB akkoord, art. 19.2)."""
    toestemming_jongere: bool = False
    toestemming_ouders: bool = False
    startkwalificatie: bool = False
    vrijgesteld: bool = False
    ingeschreven: bool = True
    svb_voorgelegd: bool = False
    """A voorgenomen SVB-melding awaits the teammanager's akkoord."""
    akkoord_teammanager: bool = False
    weigert_mee_te_werken: bool = False
    recidive: bool = False
    ouders_meewerkend: bool = True
    verhoor_aangekondigd: bool = False
    hulpverlening_voorliggend: bool = False
    om_geraadpleegd: bool = False
    halt_negatief: bool = False
    reden_afsluiten: str | None = None
    svb_oproep_gedaan: bool = False
    """Parents and jongere were summoned about the voorgenomen melding (or it went in writing)."""
    svb_afspraken_volledig: bool = False
    """The written agreements hold all six items of art. 19.4."""
    svb_gemeld: bool = False
    voorwaarden_vervuld: bool = False
    verzuim_gestopt: bool = False
    wettelijke_melding: bool = True
    """The school had to report (18+: after 4 weeks' continuous absence, art. 7.1)."""
    zonder_achtergrond: bool = False
    """The melding lacks the school's actions and the reasons of absence (art. 7.3)."""
    plan_van_aanpak: bool = False
    """A plan van aanpak was written down with jongere and school (art. 7.5)."""
    ernstig: bool | None = None
    oorzaak: Oorzaak | None = None
    vorige_school: bool = True
    """The jongere was enrolled somewhere before the absoluut verzuim (art. 8.4)."""
    advies_opgevolgd: bool = False
    """The parents followed the advice given in the contact of art. 8.2 (art. 8.3)."""
    vsv_reden: bool = False
    """The reason of leaving school without a startkwalificatie was established (art. 9a.2)."""
    inkomen: Inkomen | None = None
    dagbesteding: bool | None = None
    verdachten: Verdachten | None = None
    """Whom the proces-verbaal names; None: the default of `verdachten_van`."""


class Besluit(msgspec.Struct, frozen=True):
    toegestaan: bool
    naar: Status | None
    regel: str | None = None
    """The rule a refused step breaks (with its article), or the departure taken."""
    afwijking: bool = False
    volgorde: bool = False
    """Refused for the method's order alone (not a legal condition)."""
