"""The permission table: complete, and the law's divisions of work hold in it."""

from __future__ import annotations

from uuid import uuid4

from portal.auth.permissions import ROLES, Permission, allows, granted, team_scoped
from portal.auth.principal import Principal, Role


def _principal(*roles: Role) -> Principal:
    return Principal(
        user_id=uuid4(), tenant_id="0363", email="x@example.nl", naam="X", roles=frozenset(roles)
    )


def test_every_permission_names_its_roles() -> None:
    assert set(ROLES) == set(Permission)
    assert all(ROLES[p] for p in Permission)


def test_only_the_leerplichtambtenaar_decides_and_only_the_teammanager_approves() -> None:
    assert ROLES[Permission.DECIDE] == {Role.LEERPLICHTAMBTENAAR}
    assert ROLES[Permission.APPROVE] == {Role.TEAMMANAGER}
    assert not allows(_principal(Role.TEAMMANAGER), Permission.DECIDE)


def test_outside_users_get_nothing_of_the_gemeente_s_casework() -> None:
    casework = {
        Permission.READ_DOSSIER,
        Permission.READ_WERKVOORRAAD,
        Permission.HANDLE_ZAKEN,
        Permission.READ_CASE_HISTORY,
    }
    for role in (Role.SCHOOL, Role.REGIOGEMEENTE, Role.JONGERENPUNT, Role.PARTNER_HALT):
        assert granted(_principal(role)).isdisjoint(casework), role


def test_a_user_with_several_roles_has_the_union() -> None:
    both = granted(_principal(Role.SCHOOL, Role.PRIVACY_OFFICER))
    assert both == granted(_principal(Role.SCHOOL)) | granted(_principal(Role.PRIVACY_OFFICER))


def test_only_a_plain_leerplichtambtenaar_is_held_to_the_own_team() -> None:
    assert team_scoped(_principal(Role.LEERPLICHTAMBTENAAR))
    assert not team_scoped(_principal(Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER))
    assert not team_scoped(_principal(Role.ADMINISTRATIEF_MEDEWERKER))
