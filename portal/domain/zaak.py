"""The case of relatief verzuim under 18 as a state machine (art. 6, 15, 19; DOMAIN §5, §7).

`beslis(status, actie, feiten, uitleg)` says whether a step may be taken and where it leads:
- **Legal conditions** (age, BOA, consent, the three conditions of 6.11, the Halt and SVB criteria)
  can never be explained away: a step that breaks one is refused with the rule it breaks.
- **The method's order** (Methodische Aanpak Schoolverzuim) may be departed from only with a reason
  for the dossier ("pas toe of leg uit", art. 2.7): without `uitleg` such a step is refused, with it
  the step is taken and marked as a departure.
- A proces-verbaal cannot be withdrawn (toel. 19), and a closed case takes no more steps.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import msgspec


class Status(StrEnum):
    ONTVANGEN = "ontvangen"
    BEOORDEELD = "beoordeeld"
    UITGENODIGD = "uitgenodigd"
    GESPREK_GEVOERD = "gesprek_gevoerd"
    GEWAARSCHUWD = "gewaarschuwd"
    HALT_VERWEZEN = "halt_verwezen"
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
    SVB_MELDEN = "svb_melden"
    SVB_ONGEDAAN = "svb_ongedaan_maken"
    PROCES_VERBAAL = "proces_verbaal_opmaken"
    AFSLUITEN = "afsluiten"


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
    toestemming_jongere: bool = False
    toestemming_ouders: bool = False
    startkwalificatie: bool = False
    vrijgesteld: bool = False
    ingeschreven: bool = True
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


class Besluit(msgspec.Struct, frozen=True):
    toegestaan: bool
    naar: Status | None
    regel: str | None = None
    """The rule a refused step breaks (with its article), or the departure taken."""
    afwijking: bool = False


S, A = Status, Actie
# The method's order: from which status each step is the next one, and where it leads.
VOLGORDE: dict[Actie, tuple[frozenset[Status], Status]] = {
    A.BEOORDELEN: (frozenset({S.ONTVANGEN}), S.BEOORDEELD),
    A.KENNISGEVINGSBRIEF: (frozenset({S.BEOORDEELD}), S.AFGESLOTEN),
    A.UITNODIGEN: (frozenset({S.BEOORDEELD}), S.UITGENODIGD),
    A.GESPREK_VOEREN: (frozenset({S.UITGENODIGD}), S.GESPREK_GEVOERD),
    A.WAARSCHUWINGSBRIEF: (frozenset({S.GESPREK_GEVOERD}), S.GEWAARSCHUWD),
    A.SCHRIFTELIJKE_WAARSCHUWING: (frozenset({S.GESPREK_GEVOERD, S.GEWAARSCHUWD}), S.GEWAARSCHUWD),
    A.HALT_VERWIJZEN: (frozenset({S.GESPREK_GEVOERD, S.GEWAARSCHUWD}), S.HALT_VERWEZEN),
    A.HALT_POSITIEF: (frozenset({S.HALT_VERWEZEN}), S.AFGESLOTEN),
    A.HALT_NEGATIEF: (frozenset({S.HALT_VERWEZEN}), S.GEWAARSCHUWD),
    A.SVB_MELDEN: (frozenset({S.GESPREK_GEVOERD, S.GEWAARSCHUWD}), S.GEWAARSCHUWD),
    A.SVB_ONGEDAAN: (frozenset({S.GEWAARSCHUWD}), S.GEWAARSCHUWD),
    A.PROCES_VERBAAL: (frozenset({S.GEWAARSCHUWD}), S.PROCES_VERBAAL),
    A.AFSLUITEN: (
        frozenset(
            {S.BEOORDEELD, S.UITGENODIGD, S.GESPREK_GEVOERD, S.GEWAARSCHUWD, S.PROCES_VERBAAL}
        ),
        S.AFGESLOTEN,
    ),
}
# Steps that only follow from another (an afdoening needs a referral); no reason makes them fit.
ALLEEN_IN_VOLGORDE = frozenset(
    {A.HALT_POSITIEF, A.HALT_NEGATIEF, A.KENNISGEVINGSBRIEF, A.SVB_ONGEDAAN}
)


def _wettelijk(actie: Actie, f: Feiten) -> str | None:
    """The legal condition the step breaks, or None."""
    if actie is A.KENNISGEVINGSBRIEF and not (f.eerste_melding and f.leeftijd >= 12):
        return "art. 6.3: kennisgevingsbrief alleen bij een eerste melding, jongere vanaf 12"
    if actie is A.SCHRIFTELIJKE_WAARSCHUWING:
        if not (f.verwijtbaar and not f.kennelijke_opzet):
            return "art. 6.11: alleen bij verwijtbaar verzuim zonder kennelijke opzet"
        if not f.eerste_overtreding_met_zorg:
            return "art. 6.11: alleen bij een eerste overtreding waarbij zorg speelt"
        if f.uren_in_4_weken >= 16:
            return "art. 6.11: alleen bij licht verzuim (minder dan 16 uur in 4 weken)"
    if actie is A.HALT_VERWIJZEN:
        if not 12 <= f.leeftijd < 18:
            return "art. 6.8: Halt is voor jongeren van 12 tot 18 jaar"
        if not f.verwijtbaar:
            return "art. 6.8: Halt alleen bij verwijtbaar verzuim"
        if f.eerder_naar_halt:
            return "art. 6.8: een jongere gaat één keer naar Halt"
        if not (9 <= f.uren_in_4_weken <= 60 or (f.keer_te_laat >= 12 and f.uren_in_4_weken <= 60)):
            return "art. 6.8: Halt-criteria: 9 tot 60 uur verzuim, of 12 keer te laat"
        if not f.boa:
            return "art. 6.9: een Halt-verwijzing maakt een BOA op"
        if not f.toestemming_jongere or (f.leeftijd < 16 and not f.toestemming_ouders):
            return "art. 6.9: toestemming van de jongere (en onder 16 van de ouders) ontbreekt"
    if actie is A.SVB_MELDEN:
        if f.leeftijd not in (16, 17):
            return "art. 19: een SVB-melding alleen voor jongeren van 16 of 17"
        if f.startkwalificatie or f.vrijgesteld:
            return "art. 19: niet bij een startkwalificatie of vrijstelling"
        if f.uren_in_4_weken < 16 and f.ingeschreven:
            return "art. 19: alleen bij 16 uur verzuim in 4 weken of niet ingeschreven"
        if not f.akkoord_teammanager:
            return "art. 19.2: eerst overleg met en akkoord van de teammanager"
        if not (f.verwijtbaar or f.weigert_mee_te_werken or f.recidive):
            return "art. 19: alleen bij verwijtbaarheid, onwil tot medewerking of recidive"
        if not f.verwijtbaar and f.ouders_meewerkend and not f.weigert_mee_te_werken:
            return "art. 19: niet als ouders en jongere niet verwijtbaar zijn en meewerken"
        if f.svb_gemeld:
            return "art. 19: de melding aan de SVB is al gedaan"
        if not f.svb_oproep_gedaan:
            return "art. 19.3: eerst ouders en jongere oproepen over de voorgenomen melding"
        if not f.svb_afspraken_volledig:
            return "art. 19.4: de schriftelijke afspraken missen een van de zes onderdelen"
    if actie is A.SVB_ONGEDAAN:
        if not f.svb_gemeld:
            return "toel. 19: er is geen melding aan de SVB om ongedaan te maken"
        if not (f.voorwaarden_vervuld and f.verzuim_gestopt):
            return "toel. 19: ongedaan maken als aan de voorwaarden is voldaan en het verzuim stopt"
    if actie is A.PROCES_VERBAAL:
        if not f.boa:
            return "art. 6.10: een proces-verbaal maakt een BOA op"
        if not f.verhoor_aangekondigd:
            return "art. 6.10: het verhoor is niet als zodanig aangekondigd"
        if not f.verwijtbaar or f.vrijgesteld:
            return "art. 6.10: alleen bij verwijtbaar verzuim zonder vrijstelling"
        if f.hulpverlening_voorliggend:
            return "art. 6.10: hulpverlening is voorliggend"
        if f.halt_negatief and not f.om_geraadpleegd:
            return "art. 6.9: na een negatieve Halt-afdoening eerst het OM raadplegen"
    if actie is A.AFSLUITEN and not (f.reden_afsluiten and f.reden_afsluiten.strip()):
        return "art. 6.13: afsluiten naar het verzuimloket vraagt een reden"
    return None


def beslis(status: Status, actie: Actie, feiten: Feiten, uitleg: str | None = None) -> Besluit:
    if status is S.AFGESLOTEN:
        return Besluit(False, None, "een afgesloten zaak neemt geen stappen meer")
    if status is S.PROCES_VERBAAL and actie is not A.AFSLUITEN:
        return Besluit(
            False,
            None,
            "toel. 19: na een proces-verbaal volgt alleen afsluiten; het is niet in te trekken",
        )
    regel = _wettelijk(actie, feiten)
    if regel:
        return Besluit(False, None, regel)
    van, naar = VOLGORDE[actie]
    if status in van:
        return Besluit(True, naar)
    if actie in ALLEEN_IN_VOLGORDE or status is S.ONTVANGEN:
        return Besluit(False, None, f"'{actie.value}' kan niet vanuit '{status.value}'")
    if not (uitleg and uitleg.strip()):
        return Besluit(
            False,
            None,
            f"art. 2.7: '{actie.value}' na '{status.value}' wijkt af van de methode; leg uit",
        )
    return Besluit(True, naar, f"afwijking van de methode: {uitleg.strip()}", afwijking=True)


def kwartaal_na(datum: date) -> date:
    """The first day of the quarter after `datum`: kinderbijslag stops from there (toel. 19)."""
    q = (datum.month - 1) // 3 + 1
    return date(datum.year + (q == 4), (q % 4) * 3 + 1, 1)


def begin_kwartaal(datum: date) -> date:
    """Kinderbijslag restarts from the quarter in which compliance is confirmed (art. 19)."""
    return date(datum.year, ((datum.month - 1) // 3) * 3 + 1, 1)
