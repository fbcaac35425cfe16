"""The principal: the portal user behind a request, with tenant, roles, scope and BOA status.

Built only from the portal's own user table, never from claims in a token, so that an identity
provider can say who someone is but never what they may do.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

import asyncpg
import msgspec


class Role(StrEnum):
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar"
    LEERPLICHTASSISTENT = "leerplichtassistent"
    ADMINISTRATIEF_MEDEWERKER = "administratief_medewerker"
    TEAMMANAGER = "teammanager"
    RMC_COORDINATOR = "rmc_coordinator"
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder"
    SCHOOL = "school"
    REGIOGEMEENTE = "regiogemeente"
    JONGERENPUNT = "jongerenpunt"
    PRIVACY_OFFICER = "privacy_officer"
    PARTNER_HALT = "partner_halt"
    PARTNER_SVB = "partner_svb"
    PARTNER_VEILIG_THUIS = "partner_veilig_thuis"
    PARTNER_OM = "partner_om"


ROLE_LABELS: dict[Role, str] = {
    Role.LEERPLICHTAMBTENAAR: "Leerplichtambtenaar",
    Role.LEERPLICHTASSISTENT: "Leerplichtassistent",
    Role.ADMINISTRATIEF_MEDEWERKER: "Administratief medewerker",
    Role.TEAMMANAGER: "Teammanager",
    Role.RMC_COORDINATOR: "RMC-coördinator",
    Role.FUNCTIONEEL_BEHEERDER: "Functioneel beheerder",
    Role.SCHOOL: "School",
    Role.REGIOGEMEENTE: "Regiogemeente",
    Role.JONGERENPUNT: "Jongerenpunt",
    Role.PRIVACY_OFFICER: "Privacy officer",
    Role.PARTNER_HALT: "Halt",
    Role.PARTNER_SVB: "SVB",
    Role.PARTNER_VEILIG_THUIS: "Veilig Thuis",
    Role.PARTNER_OM: "Openbaar Ministerie",
}


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    user_id: UUID
    tenant_id: str
    email: str
    naam: str
    roles: frozenset[Role]
    team_id: UUID | None = None
    brin: str | None = None
    vestiging: str | None = None
    boa: bool = False

    def has_any(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def roles_csv(self) -> str:
        return ",".join(sorted(self.roles))


def principal_from_row(r: asyncpg.Record) -> Principal:
    """Map a `portal.auth_user` row to a Principal."""
    return Principal(
        user_id=r["id"],
        tenant_id=r["tenant_id"],
        email=r["email"],
        naam=r["naam"],
        roles=frozenset(Role(x) for x in r["roles"]),
        team_id=r["team_id"],
        brin=r["brin"],
        vestiging=r["vestiging"],
        boa=r["boa"],
    )
