"""Every page shows only what the role may see: the wrong role gets 403, another gemeente's object
404, and nothing of it reaches the page. Pages use the same guards as the API."""

from __future__ import annotations

import uuid

import asyncpg
import httpx
import pytest

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer

PAGINAS = {
    "/beheer": {Role.FUNCTIONEEL_BEHEERDER},
    "/beheer/gebruikers": {Role.FUNCTIONEEL_BEHEERDER},
    "/beheer/vakanties": {Role.FUNCTIONEEL_BEHEERDER},
    "/beheer/brieven": {Role.FUNCTIONEEL_BEHEERDER},
    "/beheer/brieven/verlofbesluit": {Role.FUNCTIONEEL_BEHEERDER},
    "/team": {Role.TEAMMANAGER},
    "/verlof": {Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER},
    "/vrijstellingen": {
        Role.LEERPLICHTAMBTENAAR,
        Role.TEAMMANAGER,
        Role.ADMINISTRATIEF_MEDEWERKER,
    },
    "/privacy": {Role.PRIVACY_OFFICER},
    "/taken": {Role.LEERPLICHTASSISTENT},
    "/school": {Role.SCHOOL},
    "/vsv": {Role.REGIOGEMEENTE, Role.RMC_COORDINATOR},
    "/overdrachten": {Role.JONGERENPUNT},
}
ROLLEN = [
    Role.LEERPLICHTAMBTENAAR,
    Role.ADMINISTRATIEF_MEDEWERKER,
    Role.PRIVACY_OFFICER,
    Role.LEERPLICHTASSISTENT,
    Role.TEAMMANAGER,
    Role.FUNCTIONEEL_BEHEERDER,
    Role.SCHOOL,
    Role.REGIOGEMEENTE,
    Role.RMC_COORDINATOR,
    Role.JONGERENPUNT,
]


@pytest.mark.parametrize("role", ROLLEN, ids=lambda r: r.value)
async def test_each_role_opens_only_its_pages(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, role: Role
) -> None:
    tenant = ZAANSTAD if role is Role.REGIOGEMEENTE else AMSTERDAM
    user = await make_user(tenant, role, brin="20AA" if role is Role.SCHOOL else None)
    for pad, mogen in PAGINAS.items():
        response = await client.get(pad, headers=bearer(tokens, user))
        expected = 200 if role in mogen else 403
        assert response.status_code == expected, (role, pad, response.status_code)
        if expected == 403:
            assert "<table" not in response.text


async def test_a_beheerder_cannot_resend_or_switch_off_in_another_gemeente(
    client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory, admin_dsn: str
) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        message_id = await conn.fetchval(
            "INSERT INTO portal.outbox (tenant_id, partner, soort, payload, status, attempts)"
            " VALUES ('0363', 'duo', 'proef', '{}', 'dead', 8) RETURNING id"
        )
    finally:
        await conn.close()
    amsterdammer = await make_user(AMSTERDAM, Role.LEERPLICHTASSISTENT)
    zaanstad = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    headers = bearer(tokens, zaanstad)
    resend = await client.post(f"/beheer/berichten/{message_id}/opnieuw", headers=headers)
    assert resend.status_code == 404
    off = await client.post(
        f"/beheer/gebruikers/{amsterdammer.user_id}/actief", data={"actief": "nee"}, headers=headers
    )
    assert off.status_code == 404
    page = await client.get("/beheer", headers=headers)
    assert str(message_id) not in page.text
    users = await client.get("/beheer/gebruikers", headers=headers)
    assert amsterdammer.email not in users.text
    conn = await asyncpg.connect(admin_dsn)
    try:
        assert (
            await conn.fetchval("SELECT status FROM portal.outbox WHERE id = $1", message_id)
            == "dead"
        )
        assert await conn.fetchval(
            "SELECT actief FROM portal.users WHERE id = $1", amsterdammer.user_id
        )
    finally:
        await conn.close()
    assert (await client.get(f"/verlof/{uuid.uuid4()}", headers=headers)).status_code == 403
