"""The database's own catalog proves the tenancy rules, for every table present and future."""

from __future__ import annotations

import asyncpg

from portal.db.migrate import APP_ROLE, OWNER_ROLE, discover, migrate
from portal.settings import Settings

# The cross-tenant reads the law routes (DESIGN.md "Tenancy"), each a named SELECT policy for the
# application role with its own role condition: the contactgemeente's RMC-coördinator building the
# region's VSV list and its counts, and a regiogemeente reading its residents' rows of that list.
NAMED_CROSS_TENANT = frozenset(
    {
        ("jongeren", "vsv_regionaal_lezen"),
        ("inschrijvingen", "vsv_regionaal_lezen"),
        ("diplomas", "vsv_regionaal_lezen"),
        ("overdrachten", "vsv_regionaal_lezen"),
        ("zaken", "vsv_regionaal_lezen"),
        ("vsv_lijsten", "vsv_lijst_regio"),
        ("vsv_regels", "vsv_eigen_inwoners"),
    }
)


async def test_every_tenant_table_has_forced_rls_with_using_and_check(admin_dsn: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        tables = await conn.fetch(
            """SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
               WHERE n.nspname = 'portal' AND c.relkind IN ('r', 'p')"""
        )
        assert {t["relname"] for t in tables} >= {"teams", "users", "audit_events"}
        found: set[tuple[str, str]] = set()
        for table in tables:
            assert table["relrowsecurity"], f"{table['relname']}: RLS not enabled"
            assert table["relforcerowsecurity"], f"{table['relname']}: RLS not forced"
            policies = await conn.fetch(
                "SELECT polname, pg_get_expr(polqual, polrelid) AS using_expr,"
                " pg_get_expr(polwithcheck, polrelid) AS check_expr, polroles::regrole[]::text[]"
                " AS roles, polpermissive FROM pg_policy WHERE polrelid = $1",
                table["oid"],
            )
            isolation = [p for p in policies if p["polname"] == "tenant_isolation"]
            assert len(isolation) == 1, f"{table['relname']}: no tenant_isolation policy"
            assert "current_tenant()" in isolation[0]["using_expr"]
            assert "current_tenant()" in isolation[0]["check_expr"]
            # Any other permissive policy (it would widen access) is granted to the owner only,
            # or is one of the cross-tenant routes the law names (DESIGN.md), read-only;
            # restrictive ones may only narrow what tenant_isolation allows.
            for other in policies:
                if other["polname"] != "tenant_isolation" and other["polpermissive"]:
                    key = (table["relname"], other["polname"])
                    if key in NAMED_CROSS_TENANT:
                        found.add(key)
                        assert other["roles"] == [APP_ROLE], key
                        assert other["check_expr"] is None, key  # SELECT only
                        assert "current_roles()" in other["using_expr"], key
                    else:
                        assert other["roles"] == [OWNER_ROLE], key
        assert found == NAMED_CROSS_TENANT  # and none has gone missing
    finally:
        await conn.close()


async def test_application_role_is_neither_owner_superuser_nor_bypassrls(admin_dsn: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        role = await conn.fetchrow(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles"
            " WHERE rolname = $1",
            APP_ROLE,
        )
        assert role is not None
        assert not any(role.values())
        owned = await conn.fetchval(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'portal' AND pg_get_userbyid(c.relowner) = $1",
            APP_ROLE,
        )
        assert owned == 0
        member_of_owner = await conn.fetchval(
            "SELECT pg_has_role($1, $2, 'MEMBER')", APP_ROLE, OWNER_ROLE
        )
        assert member_of_owner is False
    finally:
        await conn.close()


# The functions that run as the owner (around the application role's policies), each a narrow route
# reviewed on its own: adding one must add it here.
DEFINER_FUNCTIONS = frozenset(
    {
        "audit_chain_append",  # the audit trigger: links an event to the tenant's chain
        "audit_chain_head_commit",  # writes the chain head once at commit
        "audit_verify",  # recomputes a tenant's chain (operators' CLI)
        "auth_link_subject",  # login: binds an OIDC subject to its user
        "auth_user_by_id",  # authentication before any tenant is known
        "auth_user_by_subject",
        "demo_users",  # the demo login page's list (demo mode only)
        "melding_context",  # a school's melding: is this pupil enrolled here (any woongemeente)
        "verlof_context",  # a school's verlof: the pupil's verlof this school year, region-wide
        "open_zaken_per_team",  # the beheerder's teams page: counts, not cases
        "dossier_naar_regiogemeente",  # art. 3.9: a move within the region, by the portal only
        "kennisgeving_jongere",  # ties a school's notice to the jongere it may not read yet
        "opvolging_context",  # a school's uitschrijving: does the law follow this pupil up (3.8)
        "jongeren_met_naam",  # the name search's index: ids of the own gemeente, read under RLS
        "volgend_kenmerk",  # the next "Ons kenmerk" of the transaction's own gemeente
        "meldcode_aantal",  # the privacy officer's inzage: that a meldcode traject exists
    }
)


async def test_security_definer_functions_are_the_reviewed_ones_with_a_safe_search_path(
    admin_dsn: str,
) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT p.proname, p.proconfig, pg_get_userbyid(p.proowner) AS owner"
            " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'portal' AND p.prosecdef"
        )
    finally:
        await conn.close()
    assert {r["proname"] for r in rows} == DEFINER_FUNCTIONS
    for r in rows:
        assert r["owner"] == OWNER_ROLE, r["proname"]
        # pg_temp last: no temporary object of the caller's can stand in for a portal one
        assert "search_path=portal, pg_temp" in (r["proconfig"] or []), r["proname"]


async def test_migrate_is_idempotent_and_refuses_an_edited_migration(admin_dsn: str) -> None:
    assert await migrate(admin_dsn, Settings().db_app_password) == []
    conn = await asyncpg.connect(admin_dsn)
    try:
        versions = [
            r["version"] for r in await conn.fetch("SELECT version FROM portal.schema_migrations")
        ]
        assert versions == [m.version for m in discover()]
    finally:
        await conn.close()
