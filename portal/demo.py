"""The demo: a synthetic region and demo users for every role, so that a first-time visitor can
log in as anyone and find realistic work.

Users are written as the owner (only the owner may set `users.demo`), per tenant, idempotently.
The region is generated and imported through the same imports an operator uses, once: a demo that
is started again keeps its data (and what visitors did with it).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import asyncpg

from portal.db.migrate import OWNER_ROLE
from portal.db.pool import Database

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
                # The sender on their letters: a function and a direct number (demo numbers).
                await conn.execute(
                    """UPDATE users SET
                           functie = CASE WHEN 'rmc_coordinator' = ANY (roles)
                                          THEN 'RMC-coördinator'
                                          WHEN 'leerplichtassistent' = ANY (roles)
                                          THEN 'leerplichtassistent'
                                          ELSE 'leerplichtambtenaar' END,
                           telefoon = '020-123 '
                               || lpad((abs(hashtext(email)) % 10000)::text, 4, '0')
                       WHERE lower(email) = lower($1) AND demo AND telefoon IS NULL
                         AND roles && ARRAY['leerplichtambtenaar', 'teammanager',
                                            'leerplichtassistent', 'rmc_coordinator']""",
                    email,
                )
    finally:
        await conn.close()
    return created


async def seed_demo_region(
    db: Database, jongeren: int = 3000, say: Callable[[str], None] = print
) -> bool:
    """Generate and import the region when it holds no jongeren yet; True when it did."""
    from portal.administratie.service import import_file
    from portal.administratie.synthetic import tenant_counts, write_region

    async with db.tenant_tx(None, tenant_id="0363") as tx:
        if await tx.conn.fetchval("SELECT EXISTS (SELECT 1 FROM jongeren)"):
            return False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        totals = write_region(folder, jongeren)
        say(f"Demoregio: {totals['jongeren']} jongeren, {totals['inschrijvingen']} inschrijvingen")
        await import_file(db, "scholen", folder / "scholen.csv", tenant_id=None)
        for code in tenant_counts(jongeren):
            for soort in ("brp", "inschrijvingen", "diplomas"):
                await import_file(db, soort, folder / f"{soort}_{code}.csv", tenant_id=code)
    return True
