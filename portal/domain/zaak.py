"""Cases of verzuim as explicit state machines: relatief verzuim under 18 (art. 6, 15, 19),
verzuim 18+ (art. 7) and absoluut verzuim (art. 8); DOMAIN §5, §7, §8.

`beslis(status, actie, feiten, uitleg, soort=...)` says whether a step may be taken and where it
leads:
- **Legal conditions** (age, BOA, consent, the three conditions of 6.11, the Halt and SVB criteria,
  a wettelijke melding never closed "gecorrigeerd") can never be explained away: a step that breaks
  one is refused with the rule it breaks.
- **The method's order** (Methodische Aanpak Schoolverzuim) may be departed from only with a reason
  for the dossier ("pas toe of leg uit", art. 2.7): without `uitleg` such a step is refused, with it
  the step is taken and marked as a departure.
- A step that belongs to another kind of case (Halt for an 18-year-old's case) is refused; a
  proces-verbaal cannot be withdrawn (toel. 19); a closed case takes no more steps.
Some steps leave the status as it is (recording the ernst/oorzaak choice, a deurbezoek, contact with
the school, announcing a verhoor, consulting the Raad voor de Kinderbescherming before a
proces-verbaal, art. 15): their target in the table is None.
"""

from __future__ import annotations

from datetime import date

from portal.domain.zaaktypen import (
    Aanpak,
    Actie,
    Besluit,
    Feiten,
    Inkomen,
    Oorzaak,
    Status,
    Verdachten,
    Zaaksoort,
    aanpak,
)

__all__ = [
    "BIJ_BOA",
    "METHODE",
    "WPG_STATUSSEN",
    "Aanpak",
    "Actie",
    "Besluit",
    "Feiten",
    "Inkomen",
    "Oorzaak",
    "Status",
    "Verdachten",
    "Zaaksoort",
    "aanpak",
    "begin_kwartaal",
    "beslis",
    "kwartaal_na",
    "soort_voor",
    "verdachten_van",
    "volgende",
    "zichtbare_status",
]


S, A = Status, Actie
Overgang = tuple[frozenset[Status], Status | None]
"""From which statuses a step is the method's next one; where it leads (None: the status stays)."""


def _van(*statussen: Status) -> frozenset[Status]:
    return frozenset(statussen)


# Relatief verzuim under 18 (art. 6, 15, 19).
_RELATIEF_OPEN = _van(S.BEOORDEELD, S.UITGENODIGD, S.GESPREK_GEVOERD, S.GEWAARSCHUWD)
_ESCALATIE = _van(S.GESPREK_GEVOERD, S.GEWAARSCHUWD)
_RELATIEF: dict[Actie, Overgang] = {
    A.BEOORDELEN: (_van(S.ONTVANGEN), S.BEOORDEELD),
    A.KENNISGEVINGSBRIEF: (_van(S.BEOORDEELD), S.AFGESLOTEN),
    A.UITNODIGEN: (_van(S.BEOORDEELD), S.UITGENODIGD),
    A.GESPREK_VOEREN: (_van(S.UITGENODIGD), S.GESPREK_GEVOERD),
    A.WAARSCHUWINGSBRIEF: (_van(S.GESPREK_GEVOERD), S.GEWAARSCHUWD),
    A.SCHRIFTELIJKE_WAARSCHUWING: (_ESCALATIE, S.GEWAARSCHUWD),
    A.HALT_VERWIJZEN: (_ESCALATIE, S.HALT_VERWEZEN),
    A.HALT_POSITIEF: (_van(S.HALT_VERWEZEN), S.AFGESLOTEN),
    A.HALT_NEGATIEF: (_van(S.HALT_VERWEZEN), S.GEWAARSCHUWD),
    A.SVB_VOORLEGGEN: (_ESCALATIE, None),
    A.SVB_AKKOORD: (_ESCALATIE, None),
    A.SVB_AFWIJZEN: (_ESCALATIE, None),
    A.SVB_MELDEN: (_ESCALATIE, S.GEWAARSCHUWD),
    A.SVB_ONGEDAAN: (_van(S.GEWAARSCHUWD), None),
    A.VERHOOR_AANKONDIGEN: (_van(S.GEWAARSCHUWD), None),
    A.RAAD_RAADPLEGEN: (_van(S.GEWAARSCHUWD), None),
    A.PROCES_VERBAAL: (_van(S.GEWAARSCHUWD), S.PROCES_VERBAAL),
    A.ERNST_OORZAAK: (_RELATIEF_OPEN | {S.HALT_VERWEZEN}, None),
    A.DEURBEZOEK: (_RELATIEF_OPEN, None),
    A.CONTACT_SCHOOL: (_RELATIEF_OPEN | {S.HALT_VERWEZEN}, None),
    A.AFSLUITEN: (_RELATIEF_OPEN | {S.PROCES_VERBAAL}, S.AFGESLOTEN),
}
# Verzuim 18+ (art. 7): a gesprek and a plan van aanpak; no Halt, SVB or proces-verbaal.
_PLUS_OPEN = _van(S.BEOORDEELD, S.UITGENODIGD, S.GESPREK_GEVOERD, S.PLAN_VAN_AANPAK)
_18PLUS: dict[Actie, Overgang] = {
    A.BEOORDELEN: (_van(S.ONTVANGEN), S.BEOORDEELD),
    A.GECORRIGEERD_AFSLUITEN: (_van(S.ONTVANGEN, S.BEOORDEELD), S.AFGESLOTEN),
    A.UITNODIGEN: (_van(S.BEOORDEELD), S.UITGENODIGD),
    A.GESPREK_VOEREN: (_van(S.UITGENODIGD), S.GESPREK_GEVOERD),
    A.PLAN_VAN_AANPAK: (_van(S.GESPREK_GEVOERD), S.PLAN_VAN_AANPAK),
    A.ERNST_OORZAAK: (_PLUS_OPEN, None),
    A.DEURBEZOEK: (_PLUS_OPEN, None),
    A.CONTACT_SCHOOL: (_PLUS_OPEN, None),
    A.AFSLUITEN: (_PLUS_OPEN, S.AFGESLOTEN),
}
# Absoluut verzuim (art. 8): administrative check, contact, check of the advice, then enforcement.
_ABSOLUUT_OPEN = _van(S.GECONTROLEERD, S.CONTACT_GELEGD, S.ADVIES_GECONTROLEERD)
_ABSOLUUT: dict[Actie, Overgang] = {
    A.ADMINISTRATIEF_CONTROLEREN: (_van(S.ONTVANGEN), S.GECONTROLEERD),
    A.CONTACT_OUDERS: (_van(S.GECONTROLEERD), S.CONTACT_GELEGD),
    A.ADVIES_CONTROLEREN: (_van(S.CONTACT_GELEGD), S.ADVIES_GECONTROLEERD),
    A.CONTACT_SCHOOL: (_ABSOLUUT_OPEN, None),
    A.ERNST_OORZAAK: (_ABSOLUUT_OPEN, None),
    A.DEURBEZOEK: (_ABSOLUUT_OPEN, None),
    A.SVB_VOORLEGGEN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.SVB_AKKOORD: (_van(S.ADVIES_GECONTROLEERD), None),
    A.SVB_AFWIJZEN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.SVB_MELDEN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.SVB_ONGEDAAN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.VERHOOR_AANKONDIGEN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.RAAD_RAADPLEGEN: (_van(S.ADVIES_GECONTROLEERD), None),
    A.PROCES_VERBAAL: (_van(S.ADVIES_GECONTROLEERD), S.PROCES_VERBAAL),
    A.AFSLUITEN: (_ABSOLUUT_OPEN | {S.PROCES_VERBAAL}, S.AFGESLOTEN),
}
# Voortijdig schoolverlaten of a jongere past the leerplicht (art. 9a): the reason, income or
# dagbesteding, then waiting for a new study, a handover to the Jongerenpunt, or closing.
_VSV_OPEN = _van(S.ONDERZOCHT, S.WACHT_OP_OPLEIDING, S.OVERGEDRAGEN)
_VSV: dict[Actie, Overgang] = {
    A.REDEN_ONDERZOEKEN: (_van(S.ONTVANGEN), S.ONDERZOCHT),
    A.INKOMEN_VASTLEGGEN: (_van(S.ONDERZOCHT, S.WACHT_OP_OPLEIDING), None),
    A.DAGBESTEDING_VASTLEGGEN: (_van(S.ONDERZOCHT, S.WACHT_OP_OPLEIDING), None),
    A.CONTACT_JONGERE: (_VSV_OPEN, None),
    A.DEURBEZOEK: (_VSV_OPEN, None),
    A.CONTACT_SCHOOL: (_van(S.ONDERZOCHT), None),
    A.WACHTEN_OP_OPLEIDING: (_van(S.ONDERZOCHT), S.WACHT_OP_OPLEIDING),
    A.OVERDRAGEN: (_van(S.ONDERZOCHT), S.OVERGEDRAGEN),
    A.AFSLUITEN: (_VSV_OPEN, S.AFGESLOTEN),
}
# Statuses that are Wpg data themselves (toelichting 4): that a case is with Halt or has a
# proces-verbaal tells a criminal measure. Whoever is no BOA sees the case as with a BOA.
WPG_STATUSSEN = frozenset({S.HALT_VERWEZEN, S.PROCES_VERBAAL})
BIJ_BOA = "in_behandeling_bij_boa"


def zichtbare_status(status: str, boa: bool) -> str:
    """The case's status as the reader may see it: without the measure for a non-BOA."""
    return BIJ_BOA if not boa and status in WPG_STATUSSEN else status


METHODE: dict[Zaaksoort, dict[Actie, Overgang]] = {
    Zaaksoort.RELATIEF_VERZUIM: _RELATIEF,
    Zaaksoort.VERZUIM_18PLUS: _18PLUS,
    Zaaksoort.ABSOLUUT_VERZUIM: _ABSOLUUT,
    Zaaksoort.VSV: _VSV,
}
# Steps that only follow from another (an afdoening needs a referral); no reason makes them fit.
ALLEEN_IN_VOLGORDE = frozenset(
    {
        A.HALT_POSITIEF,
        A.HALT_NEGATIEF,
        A.KENNISGEVINGSBRIEF,
        A.SVB_ONGEDAAN,
        A.SVB_AKKOORD,
        A.SVB_AFWIJZEN,
        A.GECORRIGEERD_AFSLUITEN,
    }
)
_NAMEN = {
    Zaaksoort.RELATIEF_VERZUIM: "relatief verzuim",
    Zaaksoort.VERZUIM_18PLUS: "verzuim 18+",
    Zaaksoort.ABSOLUUT_VERZUIM: "absoluut verzuim",
    Zaaksoort.VSV: "voortijdig schoolverlaten",
}


def _svb_criteria(f: Feiten) -> str | None:
    """Who may be reported to the SVB at all (art. 19)."""
    if f.leeftijd not in (16, 17):
        return "art. 19.1: een SVB-melding alleen voor jongeren van 16 of 17"
    if f.startkwalificatie or f.vrijgesteld:
        return "art. 19.1: niet bij een startkwalificatie of vrijstelling"
    if f.uren_in_4_weken < 16 and f.ingeschreven:
        return "art. 19.1: alleen bij 16 uur verzuim in 4 weken of niet ingeschreven"
    if f.svb_gemeld:
        return "art. 19: de melding aan de SVB is al gedaan"
    return None


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
            return "art. 6.8: een Halt-verwijzing maakt een BOA op"
        if not f.toestemming_jongere or (f.leeftijd < 16 and not f.toestemming_ouders):
            return "art. 6.8: toestemming van de jongere (en onder 16 van de ouders) ontbreekt"
    if actie is A.SVB_VOORLEGGEN:
        if regel := _svb_criteria(f):
            return regel
        if f.svb_voorgelegd:
            return "art. 19.2: de voorgenomen melding ligt al bij de teammanager"
    if actie in (A.SVB_AKKOORD, A.SVB_AFWIJZEN):
        if not f.teammanager:
            return "art. 19.2: over een voorgenomen SVB-melding beslist de teammanager"
        if not f.svb_voorgelegd:
            return "art. 19.2: er ligt geen voorgenomen SVB-melding ter beoordeling"
    if actie is A.SVB_MELDEN:
        if regel := _svb_criteria(f):
            return regel
        if not f.akkoord_teammanager:
            return "art. 19.2: eerst overleg met en akkoord van de teammanager"
        if not (f.verwijtbaar or f.weigert_mee_te_werken or f.recidive):
            return "art. 19.2: alleen bij verwijtbaarheid, onwil tot medewerking of recidive"
        if not f.verwijtbaar and f.ouders_meewerkend and not f.weigert_mee_te_werken:
            return "toel. 19: niet als ouders en jongere niet verwijtbaar zijn en meewerken"
        if not f.svb_oproep_gedaan:
            return "art. 19.3: eerst ouders en jongere oproepen over de voorgenomen melding"
        if not f.svb_afspraken_volledig:
            return "art. 19.4: de schriftelijke afspraken missen een van de zes onderdelen"
    if actie is A.SVB_ONGEDAAN:
        if not f.svb_gemeld:
            return "toel. 19: er is geen melding aan de SVB om ongedaan te maken"
        if not (f.voorwaarden_vervuld and f.verzuim_gestopt):
            return "toel. 19: ongedaan maken als aan de voorwaarden is voldaan en het verzuim stopt"
    if actie is A.VERHOOR_AANKONDIGEN and not f.boa:
        return "art. 6.10: een verhoor kondigt een BOA als zodanig aan"
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
        if f.advies_opgevolgd:
            return "art. 8.3: het advies is opgevolgd; dat gaat in het dossier, geen proces-verbaal"
        if f.verdachten in (Verdachten.JONGERE, Verdachten.OUDERS_EN_JONGERE) and f.leeftijd < 12:
            return "art. 6.10: een jongere is pas vanaf 12 jaar verdachte; noem de ouders"
    if actie is A.GECORRIGEERD_AFSLUITEN:
        if f.wettelijke_melding:
            return "art. 7.3: een wettelijke melding wordt nooit gecorrigeerd afgesloten"
        if not f.zonder_achtergrond:
            return (
                "art. 7.3: alleen een melding zonder achtergrondinformatie gecorrigeerd afsluiten"
            )
    if actie is A.PLAN_VAN_AANPAK and not f.plan_van_aanpak:
        return "art. 7.5: het plan van aanpak met jongere en school ontbreekt"
    if actie is A.ERNST_OORZAAK and f.ernstig is None:
        return "3.4 (2016): leg vast of het verzuim ernstig is"
    if actie is A.ERNST_OORZAAK and f.ernstig and f.oorzaak is None:
        return "3.4 (2016): bij ernstig verzuim bepaalt de oorzaak (onwil of onmacht) de aanpak"
    if actie is A.OVERDRAGEN:
        if not f.vsv_reden:
            return "art. 9a.2: onderzoek eerst de reden van het voortijdig schoolverlaten"
        # Werkproces 3-5: income first; a dagbesteding is asked only when there is none.
        if f.inkomen is None:
            return "art. 9a.4: leg eerst vast of de jongere inkomen heeft uit werk of uitkering"
        if f.inkomen is not Inkomen.GEEN:
            return "art. 9a.5: naar het Jongerenpunt alleen zonder inkomen, en er is inkomen"
        if f.dagbesteding is None:
            return "art. 9a.3: leg eerst vast of de jongere een dagbesteding (WMO) heeft"
        if f.dagbesteding:
            return "art. 9a.5: naar het Jongerenpunt alleen zonder dagbesteding"
    if actie is A.INKOMEN_VASTLEGGEN and f.inkomen is None:
        return "art. 9a.4: leg vast of er inkomen is uit werk of uitkering"
    if actie is A.DAGBESTEDING_VASTLEGGEN:
        if f.inkomen is None:
            return "art. 9a.3: leg eerst het inkomen vast; een dagbesteding volgt alleen zonder"
        if f.inkomen is not Inkomen.GEEN:
            return "art. 9a.3: een dagbesteding wordt alleen nagegaan als er geen inkomen is"
        if f.dagbesteding is None:
            return "art. 9a.3: leg vast of de jongere een dagbesteding (WMO) heeft"
    if actie is A.CONTACT_SCHOOL and not f.vorige_school:
        return "art. 8.4: de jongere stond niet eerder op een school ingeschreven"
    if actie is A.AFSLUITEN and not (f.reden_afsluiten and f.reden_afsluiten.strip()):
        return "art. 6.13: afsluiten naar het verzuimloket vraagt een reden"
    return None


def beslis(
    status: Status,
    actie: Actie,
    feiten: Feiten,
    uitleg: str | None = None,
    soort: Zaaksoort = Zaaksoort.RELATIEF_VERZUIM,
) -> Besluit:
    if status is S.AFGESLOTEN:
        return Besluit(False, None, "een afgesloten zaak neemt geen stappen meer")
    if status is S.PROCES_VERBAAL and actie is not A.AFSLUITEN:
        return Besluit(
            False,
            None,
            "toel. 19: na een proces-verbaal volgt alleen afsluiten; het is niet in te trekken",
        )
    methode = METHODE[soort]
    if actie not in methode:
        return Besluit(False, None, f"'{actie.value}' hoort niet bij een zaak van {_NAMEN[soort]}")
    regel = _wettelijk(actie, feiten)
    if regel:
        return Besluit(False, None, regel)
    van, naar = methode[actie]
    doel = naar or status
    if status in van:
        return Besluit(True, doel)
    if actie in ALLEEN_IN_VOLGORDE or status is S.ONTVANGEN:
        return Besluit(
            False, None, f"'{actie.value}' kan niet vanuit '{status.value}'", volgorde=True
        )
    if not (uitleg and uitleg.strip()):
        return Besluit(
            False,
            None,
            f"art. 2.7: '{actie.value}' na '{status.value}' wijkt af van de methode; leg uit",
            volgorde=True,
        )
    return Besluit(True, doel, f"afwijking van de methode: {uitleg.strip()}", afwijking=True)


def volgende(soort: Zaaksoort, status: Status) -> list[Actie]:
    """The method's next steps from `status`, in the method's order: the buttons of a case page.
    Whether one is allowed still depends on what the leerplichtambtenaar establishes."""
    if status is S.PROCES_VERBAAL:
        return [A.AFSLUITEN]
    return [a for a, (van, _) in METHODE[soort].items() if status in van]


def verdachten_van(keuze: Verdachten | None, leeftijd: int) -> tuple[str, ...]:
    """The suspects of a proces-verbaal (art. 6.10): as chosen, or by default the ouders, and the
    jongere too from 12 (the age at which the jongere was also summoned for the verhoor)."""
    if keuze is None:
        keuze = Verdachten.OUDERS_EN_JONGERE if leeftijd >= 12 else Verdachten.OUDERS
    return {
        Verdachten.OUDERS: ("ouder",),
        Verdachten.JONGERE: ("jongere",),
        Verdachten.OUDERS_EN_JONGERE: ("ouder", "jongere"),
    }[keuze]


def soort_voor(melding_soort: str | None, leeftijd: int) -> Zaaksoort:
    """A melding of 18+ (DUO's `rmc`, or any melding of a jongere of 18 or older) is an 18+
    case; one without a melding comes from the controls and is absoluut verzuim."""
    if melding_soort is None:
        return Zaaksoort.ABSOLUUT_VERZUIM
    if melding_soort == "rmc" or leeftijd >= 18:
        return Zaaksoort.VERZUIM_18PLUS
    return Zaaksoort.RELATIEF_VERZUIM


def kwartaal_na(datum: date) -> date:
    """The first day of the quarter after `datum`: kinderbijslag stops from there (toel. 19)."""
    q = (datum.month - 1) // 3 + 1
    return date(datum.year + (q == 4), (q % 4) * 3 + 1, 1)


def begin_kwartaal(datum: date) -> date:
    """Kinderbijslag restarts from the quarter in which compliance is confirmed (art. 19)."""
    return date(datum.year, ((datum.month - 1) // 3) * 3 + 1, 1)
