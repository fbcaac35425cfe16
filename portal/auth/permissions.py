"""What each role may do, as named permissions in one table.

Guards, services and the pages' navigation ask for a permission, never for a list of roles, so
that who may read a dossier or decide a verlofaanvraag is written once and reads as a sentence
(in the spirit of Open Zaak's scopes). What lies outside one's scope (another tenant, team or
school) is not decided here: those queries return nothing.
"""

from __future__ import annotations

from enum import StrEnum

from portal.auth.principal import Principal, Role


class Permission(StrEnum):
    READ_DOSSIER = "dossier.lezen"
    WRITE_WERKLOGBOEK = "werklogboek.schrijven"
    READ_CASE_HISTORY = "zaakhistorie.lezen"  # letters and case notes in the dossier
    READ_WERKVOORRAAD = "werkvoorraad.lezen"  # the queue, signals, vrijstellingen
    HANDLE_ZAKEN = "zaken.behandelen"
    DECIDE = "besluiten.nemen"  # what the law gives to the leerplichtambtenaar alone
    APPROVE = "akkoord.geven"  # the teammanager's akkoord, assignment, koppelingen
    LEAD_TEAM = "team.leiden"
    RUN_CONTROLES = "controles.uitvoeren"
    READ_TAKEN = "taken.lezen"
    DO_TAKEN = "taken.uitvoeren"
    READ_RMC_MONITORING = "rmc.monitoring"
    READ_VSV = "vsv.lezen"
    BUILD_VSV = "vsv.opbouwen"
    READ_REGION = "regio.overzicht"
    RECEIVE_OVERDRACHTEN = "overdrachten.ontvangen"
    SUBMIT_AS_SCHOOL = "school.indienen"
    READ_TEAMS = "teams.lezen"
    READ_SCHOOLVAKANTIES = "schoolvakanties.lezen"
    ADMINISTER = "beheer"
    INSPECT_AUDIT = "inzage.audit"
    REPORT_HALT = "halt.afdoening"
    REPORT_VEILIG_THUIS = "veilig_thuis.antwoord"
    REPORT_OM = "om.afdoening"


LPA = Role.LEERPLICHTAMBTENAAR
TM = Role.TEAMMANAGER
AM = Role.ADMINISTRATIEF_MEDEWERKER
ASSISTENT = Role.LEERPLICHTASSISTENT
FB = Role.FUNCTIONEEL_BEHEERDER

ROLES: dict[Permission, frozenset[Role]] = {
    Permission.READ_DOSSIER: frozenset({LPA, TM, AM, ASSISTENT}),
    Permission.WRITE_WERKLOGBOEK: frozenset({LPA, TM}),
    Permission.READ_CASE_HISTORY: frozenset({LPA, TM, ASSISTENT}),
    Permission.READ_WERKVOORRAAD: frozenset({LPA, TM, AM}),
    Permission.HANDLE_ZAKEN: frozenset({LPA, TM}),
    Permission.DECIDE: frozenset({LPA}),
    Permission.APPROVE: frozenset({TM}),
    Permission.LEAD_TEAM: frozenset({TM}),
    Permission.RUN_CONTROLES: frozenset({AM, TM}),
    Permission.READ_TAKEN: frozenset({ASSISTENT, LPA, TM}),
    Permission.DO_TAKEN: frozenset({ASSISTENT}),
    Permission.READ_RMC_MONITORING: frozenset({LPA, TM, Role.RMC_COORDINATOR}),
    Permission.READ_VSV: frozenset({Role.REGIOGEMEENTE, Role.RMC_COORDINATOR}),
    Permission.BUILD_VSV: frozenset({Role.RMC_COORDINATOR}),
    Permission.READ_REGION: frozenset({Role.RMC_COORDINATOR}),
    Permission.RECEIVE_OVERDRACHTEN: frozenset({Role.JONGERENPUNT}),
    Permission.SUBMIT_AS_SCHOOL: frozenset({Role.SCHOOL}),
    Permission.READ_TEAMS: frozenset({FB, TM, LPA, AM}),
    Permission.READ_SCHOOLVAKANTIES: frozenset({FB, LPA, TM}),
    Permission.ADMINISTER: frozenset({FB}),
    Permission.INSPECT_AUDIT: frozenset({Role.PRIVACY_OFFICER}),
    Permission.REPORT_HALT: frozenset({Role.PARTNER_HALT}),
    Permission.REPORT_VEILIG_THUIS: frozenset({Role.PARTNER_VEILIG_THUIS}),
    Permission.REPORT_OM: frozenset({Role.PARTNER_OM}),
}


def allows(principal: Principal, *permissions: Permission) -> bool:
    """True when one of the principal's roles grants any of the permissions."""
    return any(not principal.roles.isdisjoint(ROLES[p]) for p in permissions)


def granted(principal: Principal) -> frozenset[Permission]:
    return frozenset(p for p in Permission if allows(principal, p))


def team_scoped(principal: Principal) -> bool:
    """A leerplichtambtenaar without another role works in the own team only; a teammanager or an
    administratief medewerker looks across teams."""
    return principal.roles == frozenset({LPA})
