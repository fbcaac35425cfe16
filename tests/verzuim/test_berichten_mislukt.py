"""A partner message of one's own case that was refused or never delivered shows in the
behandelaar's werkvoorraad (not only to the functioneel beheerder), and to nobody else."""

from __future__ import annotations

from typing import Any

import httpx

from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import referred


async def test_a_refused_halt_referral_shows_to_its_behandelaar_only(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
) -> None:
    zaak, boa = await referred(client, tokens, case, make_user)
    collega = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid", boa=True)

    async def mislukt(who: object) -> list[dict[str, Any]]:
        r = await client.get("/api/v1/werkvoorraad", headers=bearer(tokens, who))  # type: ignore[arg-type]
        assert r.status_code == 200, r.text
        return r.json()["berichten_mislukt"]  # type: ignore[no-any-return]

    assert await mislukt(boa) == []
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        bericht = await tx.conn.fetchval(
            "SELECT id FROM outbox WHERE zaak_id = $1 AND partner = 'halt'", zaak
        )
        assert bericht is not None
        await store.dead(tx.conn, bericht, "halt: HTTP 422", geweigerd=True)

    [regel] = await mislukt(boa)
    assert regel["zaak_id"] == zaak
    assert regel["partner"] == "halt"
    assert regel["geweigerd"] is True
    assert regel["naam"] == "Noa Zaak"
    assert await mislukt(collega) == []

    page = await client.get("/", headers=bearer(tokens, boa))
    assert "Berichten die niet zijn aangekomen" in page.text
    assert "De verwijzing naar Halt over Noa Zaak" in page.text
    assert "is geweigerd door Halt" in page.text

    # Sent again by the beheerder, it is no longer a notice.
    async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
        assert await store.resend(tx.conn, bericht)
    assert await mislukt(boa) == []
