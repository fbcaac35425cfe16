"""The portal's codes in Dutch words, one table for every place that shows them (pages, the
dossier, the werklogboek, the inzage-overzicht a citizen receives), so that no page shows a code
and no two places name a thing differently."""

from __future__ import annotations

from portal.domain.zaak import BIJ_BOA, Actie, Status, Zaaksoort

A = Actie
ACTIE_LABELS: dict[Actie, str] = {
    A.BEOORDELEN: "Eerste beoordeling vastleggen",
    A.KENNISGEVINGSBRIEF: "Afsluiten met een kennisgevingsbrief",
    A.UITNODIGEN: "Uitnodiging voor een gesprek versturen",
    A.GESPREK_VOEREN: "Verzuimgesprek vastleggen",
    A.WAARSCHUWINGSBRIEF: "Waarschuwingsbrief versturen",
    A.SCHRIFTELIJKE_WAARSCHUWING: "Schriftelijke waarschuwing in plaats van proces-verbaal",
    A.HALT_VERWIJZEN: "Verwijzen naar Halt",
    A.HALT_POSITIEF: "Halt-afdoening positief",
    A.HALT_NEGATIEF: "Halt-afdoening negatief",
    A.SVB_VOORLEGGEN: "SVB-melding voorleggen aan de teammanager",
    A.SVB_AKKOORD: "Akkoord geven op de SVB-melding",
    A.SVB_AFWIJZEN: "SVB-melding afwijzen",
    A.SVB_MELDEN: "Melden bij de SVB",
    A.SVB_ONGEDAAN: "SVB-melding ongedaan maken",
    A.VERHOOR_AANKONDIGEN: "Verhoor aankondigen",
    A.RAAD_RAADPLEGEN: "Raad voor de Kinderbescherming raadplegen",
    A.PROCES_VERBAAL: "Proces-verbaal opmaken",
    A.PLAN_VAN_AANPAK: "Plan van aanpak vastleggen",
    A.GECORRIGEERD_AFSLUITEN: "Gecorrigeerd afsluiten",
    A.ADMINISTRATIEF_CONTROLEREN: "Administratieve controle vastleggen",
    A.CONTACT_OUDERS: "Contact met ouders vastleggen en brief sturen",
    A.ADVIES_CONTROLEREN: "Controle van het advies vastleggen",
    A.ERNST_OORZAAK: "Ernst en oorzaak vastleggen",
    A.DEURBEZOEK: "Deurbezoek uitzetten",
    A.CONTACT_SCHOOL: "Contact met de school vastleggen",
    A.REDEN_ONDERZOEKEN: "Reden van voortijdig schoolverlaten vastleggen",
    A.INKOMEN_VASTLEGGEN: "Inkomen vastleggen",
    A.DAGBESTEDING_VASTLEGGEN: "Dagbesteding vastleggen",
    A.CONTACT_JONGERE: "Contact met de jongere vastleggen",
    A.WACHTEN_OP_OPLEIDING: "Wacht op een nieuwe opleiding",
    A.OVERDRAGEN: "Overdragen aan het Jongerenpunt",
    A.AFSLUITEN: "Zaak afsluiten",
}
STATUS_LABELS: dict[str, str] = {
    Status.ONTVANGEN: "Ontvangen",
    Status.BEOORDEELD: "Beoordeeld",
    Status.UITGENODIGD: "Uitgenodigd",
    Status.GESPREK_GEVOERD: "Gesprek gevoerd",
    Status.GEWAARSCHUWD: "Gewaarschuwd",
    Status.HALT_VERWEZEN: "Verwezen naar Halt",
    Status.PLAN_VAN_AANPAK: "Plan van aanpak",
    Status.GECONTROLEERD: "Administratief gecontroleerd",
    Status.CONTACT_GELEGD: "Contact gelegd",
    Status.ADVIES_GECONTROLEERD: "Advies gecontroleerd",
    Status.ONDERZOCHT: "Onderzocht",
    Status.WACHT_OP_OPLEIDING: "Wacht op opleiding",
    Status.OVERGEDRAGEN: "Overgedragen aan het Jongerenpunt",
    Status.PROCES_VERBAAL: "Proces-verbaal",
    Status.AFGESLOTEN: "Afgesloten",
    BIJ_BOA: "In behandeling bij een BOA",
}
SOORT_LABELS: dict[str, str] = {
    Zaaksoort.RELATIEF_VERZUIM: "Relatief verzuim",
    Zaaksoort.VERZUIM_18PLUS: "Verzuim 18+",
    Zaaksoort.ABSOLUUT_VERZUIM: "Absoluut verzuim",
    Zaaksoort.VSV: "Voortijdig schoolverlaten",
}

PARTNERS = {
    "duo": "DUO",
    "svb": "SVB",
    "halt": "Halt",
    "veilig_thuis": "Veilig Thuis",
    "inspectie": "Inspectie van het Onderwijs",
    "inlichtingenbureau": "Inlichtingenbureau",
    "arbeidsinspectie": "Nederlandse Arbeidsinspectie",
    "om": "Openbaar Ministerie",
    "gemeente": "Nieuwe woongemeente",
    "raad_kinderbescherming": "Raad voor de Kinderbescherming",
}
BERICHT_LABELS = {
    "svb.melding": "De SVB-melding",
    "svb.intrekking": "Het ongedaan maken van de SVB-melding",
    "halt.verwijzing": "De verwijzing naar Halt",
    "duo.melding_status": "Het afsluiten van de melding bij DUO",
    "arbeidsinspectie.melding": "Het bericht aan de Arbeidsinspectie",
    "arbeidsinspectie.signaal": "Het signaal aan de Arbeidsinspectie over werken",
    "gemeente.overdracht": "De schoolhistorie aan de nieuwe woongemeente",
    "om.proces_verbaal": "Het proces-verbaal aan de officier van justitie",
    "raad_kinderbescherming.consultatie": "De consultatie van de Raad voor de Kinderbescherming",
}
"""A partner message in words, by `partner.soort`."""
SIGNAAL_LABELS = {
    "vermoeden_absoluut_verzuim": "Vermoeden absoluut verzuim",
    "uitschrijving_zonder_inschrijving": "Uitschrijving zonder nieuwe school",
    "16_uur_in_4_weken": "Melding: 16 uur in 4 weken",
    "langdurig_relatief": "Melding: langdurig relatief verzuim",
    "rmc": "Melding: RMC (18+)",
    "luxe": "Melding: luxe verzuim",
    "overig": "Melding: overig verzuim",
    "vsv": "Voortijdig schoolverlaten",
}

# The kinds of melding in words, as the case page's melding box names them: the same words as
# the werkvoorraad's, without its "Melding: ".
MELDING_SOORT_LABELS = {
    soort: label.removeprefix("Melding: ")[:1].upper() + label.removeprefix("Melding: ")[1:]
    for soort, label in SIGNAAL_LABELS.items()
    if label.startswith("Melding: ")
}
MELDING_STATUS_LABELS = {
    "geregistreerd": "Geregistreerd",
    "in_behandeling": "In behandeling",
    "afgesloten": "Afgesloten",
    "ingetrokken": "Ingetrokken door de school",
    "ter_kennisgeving_aangenomen": "Ter kennisgeving aangenomen",
}
SIGNAAL_STATUS_LABELS = {"open": "Open", "afgehandeld": "Afgehandeld"}
VERLOF_GRONDEN = {
    "vakantie": "Vakantie (werk ouders)",
    "wettelijke_verplichting": "Wettelijke verplichting",
    "verhuizing": "Verhuizing",
    "huwelijk": "Huwelijk",
    "ernstige_ziekte": "Ernstige ziekte",
    "overlijden": "Overlijden",
    "jubileum": "Jubileum",
    "overig": "Andere gewichtige omstandigheid",
}
VERLOF_STAPPEN = {
    "ontvangst_bevestigen": "Ontvangst bevestigen (met beslistermijn)",
    "herstel_vragen": "Om aanvulling vragen (hersteltermijn)",
    "directeur_horen": "Directeur gehoord",
    "zienswijze_vragen": "Zienswijze van de ouders vastgelegd",
    "besluiten": "Besluiten",
    "bezwaar_registreren": "Bezwaar registreren",
}
VERLOF_STATUS_LABELS = {
    "in_behandeling": "In behandeling",
    "verleend": "Verleend",
    "geweigerd": "Geweigerd",
}
KENNISGEVING_LABELS = {
    "inschrijving": "Inschrijving",
    "uitschrijving": "Uitschrijving",
    "voorgenomen_verwijdering": "Voorgenomen verwijdering",
    "verwijdering": "Verwijdering",
}
VRIJSTELLING_STATUS_LABELS = {
    "in_behandeling": "In behandeling",
    "geldig": "Geldig: vrijstelling",
    "ongeldig": "Niet geldig",
}
BEMIDDELING_LABELS = {
    "in_bemiddeling": "in bemiddeling",
    "niet_bereikt": "niet bereikt",
    "afgerond": "bemiddeling afgerond",
}
OVERDRACHT_STATUS_LABELS = {
    "aangeboden": "Aangeboden",
    "geaccepteerd": "Geaccepteerd",
    "afgewezen": "Afgewezen",
}
VRIJSTELLING_GRONDEN = {
    "5a": "Ongeschikt voor onderwijs (artikel 5 onder a)",
    "5b": "Bedenkingen tegen de richting van het onderwijs (artikel 5 onder b)",
    "5c": "Onderwijs op een school buiten Nederland (artikel 5 onder c)",
    "15": "Ander onderwijs (artikel 15)",
    "3a": "Vervangende leerplicht met praktijktijd (artikel 3a)",
    "3b": "Vervangende leerplicht met arbeid van lichte aard (artikel 3b)",
}
GESLACHT_LABELS = {"V": "vrouw", "M": "man", "O": "onbekend", "X": "onbekend"}


def stand(status: str) -> str:
    """A case's status as words within a sentence ("gesprek gevoerd", "verwezen naar Halt")."""
    label = STATUS_LABELS.get(status, status.replace("_", " "))
    return label[:1].lower() + label[1:]


def overgang(actie: str, van: str, naar: str) -> str:
    """A step as the werklogboek and the inzage-overzicht tell it: what was done and how the
    case's stand changed ("Waarschuwingsbrief versturen: van gesprek gevoerd naar gewaarschuwd")."""
    try:
        wat = ACTIE_LABELS[Actie(actie)]
    except ValueError:
        wat = actie.replace("_", " ").capitalize()
    if van == naar:
        return f"{wat} (de zaak blijft {stand(van)})"
    return f"{wat}: van {stand(van)} naar {stand(naar)}"
