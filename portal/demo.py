"""Demo users for every role, so that a first-time visitor can log in as anyone.

Written as the owner (only the owner may set `users.demo`), per tenant, idempotently.
"""

from __future__ import annotations

import asyncpg

from portal.db.migrate import OWNER_ROLE

# (tenant, email, naam, roles, team, brin, boa)
DEMO_USERS: list[tuple[str, str, str, list[str], str | None, str | None, bool]] = [
    (
        "0363",
        "fatima.elamrani@amsterdam.demo",
        "Fatima El Amrani",
        ["leerplichtambtenaar"],
        "Zuid",
        None,
        True,
    ),
    (
        "0363",
        "jeroen.devries@amsterdam.demo",
        "Jeroen de Vries",
        ["leerplichtambtenaar"],
        "Noord",
        None,
        False,
    ),
    (
        "0363",
        "sanne.bakker@amsterdam.demo",
        "Sanne Bakker",
        ["leerplichtassistent"],
        "Zuid",
        None,
        False,
    ),
    (
        "0363",
        "kees.jansen@amsterdam.demo",
        "Kees Jansen",
        ["administratief_medewerker"],
        None,
        None,
        False,
    ),
    (
        "0363",
        "marieke.visser@amsterdam.demo",
        "Marieke Visser",
        ["teammanager"],
        "Zuid",
        None,
        True,
    ),
    ("0363", "ahmed.yilmaz@amsterdam.demo", "Ahmed Yilmaz", ["rmc_coordinator"], None, None, False),
    (
        "0363",
        "linda.smit@amsterdam.demo",
        "Linda Smit",
        ["functioneel_beheerder"],
        None,
        None,
        False,
    ),
    ("0363", "peter.mulder@amsterdam.demo", "Peter Mulder", ["privacy_officer"], None, None, False),
    (
        "0363",
        "administratie@zuiderlicht.demo",
        "Administratie Zuiderlicht College",
        ["school"],
        None,
        "20AA",
        False,
    ),
    (
        "0363",
        "intake@jongerenpunt.demo",
        "Jongerenpunt Amsterdam",
        ["jongerenpunt"],
        None,
        None,
        False,
    ),
    (
        "0363",
        "verwijzingen@halt.demo",
        "Halt Amsterdam-Amstelland",
        ["partner_halt"],
        None,
        None,
        False,
    ),
]
for _code, _naam in (
    ("0362", "Amstelveen"),
    ("0384", "Diemen"),
    ("0394", "Haarlemmermeer"),
    ("0439", "Purmerend"),
    ("0479", "Zaanstad"),
):
    _slug = _naam.lower()
    DEMO_USERS.append(
        (_code, f"rmc@{_slug}.demo", f"RMC-contact {_naam}", ["regiogemeente"], None, None, False)
    )
    DEMO_USERS.append(
        (
            _code,
            f"leerplicht@{_slug}.demo",
            f"Leerplichtambtenaar {_naam}",
            ["leerplichtambtenaar"],
            "Leerplicht en RMC",
            None,
            False,
        )
    )


async def seed_demo_users(admin_dsn: str) -> int:
    conn = await asyncpg.connect(admin_dsn)
    created = 0
    try:
        for tenant, email, naam, roles, team, brin, boa in DEMO_USERS:
            async with conn.transaction():
                await conn.execute(f"SET LOCAL ROLE {OWNER_ROLE}")
                await conn.execute("SET LOCAL search_path = portal, pg_catalog")
                await conn.execute("SELECT set_config('rmc.tenant_id', $1, true)", tenant)
                status = await conn.execute(
                    """INSERT INTO users
                           (tenant_id, email, naam, roles, team_id, brin, vestiging, boa, demo)
                       SELECT $1, $2, $3, $4, (SELECT id FROM teams WHERE naam = $5),
                              $6, CASE WHEN $6::text IS NULL THEN NULL ELSE '00' END, $7, true
                       ON CONFLICT (lower(email)) DO NOTHING""",
                    tenant,
                    email,
                    naam,
                    roles,
                    team,
                    brin,
                    boa,
                )
                created += int(status.split()[-1])
    finally:
        await conn.close()
    return created
