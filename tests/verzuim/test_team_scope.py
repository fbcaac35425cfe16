"""A leerplichtambtenaar works on the own team's cases and those assigned to them (DESIGN.md's role
table): another team's case is a 404, in the service and in the database, and a step on it writes
nothing. The teammanager keeps the gemeente's cases."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import leerling_met_melding, step


async def counts(admin_dsn: str, zaak: str) -> tuple[int, int, int]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM portal.zaakstappen WHERE zaak_id = $1::uuid) AS s,"
            " (SELECT count(*) FROM portal.werklogboek w JOIN portal.zaken z"
            "  ON z.jongere_id = w.jongere_id WHERE z.id = $1::uuid) AS w,"
            " (SELECT count(*) FROM portal.audit_events) AS a",
            zaak,
        )
    finally:
        await conn.close()
    assert row is not None
    return row["s"], row["w"], row["a"]


async def test_another_teams_case_is_not_found_and_a_step_on_it_writes_nothing(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
    tmp_path: Path,
) -> None:
    gemeld = await leerling_met_melding(
        db, client, tokens, make_user, tmp_path, brin="64ZU", school="Zuidas College",
        onderwijssoort="vmbo", voornaam="Zoë", achternaam="Zuid", leeftijd=14, team="Zuid",
    )  # fmt: skip
    zuid = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    noord = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Noord")
    # Another team's melding is not Noord's to take.
    taken = await client.post(
        "/api/v1/zaken", json={"melding_id": gemeld.melding}, headers=bearer(tokens, noord)
    )
    assert taken.status_code == 404
    opened = await client.post(
        "/api/v1/zaken", json={"melding_id": gemeld.melding}, headers=bearer(tokens, zuid)
    )
    assert opened.status_code == 201, opened.text
    zaak = opened.json()["id"]
    assert opened.json()["behandelaar_id"] == str(zuid.user_id)

    before = await counts(admin_dsn, zaak)
    assert (
        await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, noord))
    ).status_code == 404
    refused = await step(client, tokens, noord, zaak, "beoordelen")
    assert refused.status_code == 404
    assert await counts(admin_dsn, zaak) == before  # no step, no werklogboek, no audit event

    # In plain SQL too: Noord's transaction has no such case, and cannot write a step for it.
    async with db.tenant_tx(noord) as tx:
        assert await tx.conn.fetchval("SELECT count(*) FROM zaken WHERE id = $1", zaak) == 0
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        async with db.tenant_tx(noord) as tx:
            await tx.conn.execute(
                "INSERT INTO zaakstappen (zaak_id, actie, van_status, naar_status, afwijking)"
                " VALUES ($1, 'beoordelen', 'ontvangen', 'beoordeeld', false)",
                zaak,
            )

    # The own team, the teammanager and whoever it is assigned to keep it.
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    manager = await make_user(AMSTERDAM, Role.TEAMMANAGER, team="Noord")
    for who in (collega, manager):
        seen = await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, who))
        assert seen.status_code == 200, who.roles
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        await tx.conn.execute(
            "UPDATE zaken SET behandelaar_id = $2 WHERE id = $1", zaak, noord.user_id
        )
    assert (
        await client.get(f"/api/v1/zaken/{zaak}", headers=bearer(tokens, noord))
    ).status_code == 200
    assert (await step(client, tokens, noord, zaak, "beoordelen")).status_code == 200
