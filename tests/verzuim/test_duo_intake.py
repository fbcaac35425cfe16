"""Meldingen from DUO's feed: new ones become meldingen (kanaal duo) with their deadline, one a
school also reported is merged, bad rows are counted and skipped, the cursor resumes."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
import httpx
import respx

from integrations.duo.feed import DuoFeed
from integrations.http import PartnerHttp
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.clock import SystemClock, vandaag
from portal.db.pool import Database
from portal.settings import PartnerConfig
from portal.verzuim.duo_intake import duo_intake
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import Pupils, melding

BASE = "https://duo.example"
VANDAAG = vandaag(SystemClock())  # Amsterdam's date, as the portal's clock gives it


def duo_melding(number: str, soort: str, ident: str, brin: str = "50EE") -> dict[str, object]:
    return {
        "duo_melding_id": ident,
        "bsn": number,
        "brin": brin,
        "vestiging": "00",
        "soort": soort,
        "periode_van": (VANDAAG - timedelta(days=14)).isoformat(),
        "periode_tot": (VANDAAG - timedelta(days=1)).isoformat(),
        "verzuimde_uren": 20,
    }


async def test_duo_meldingen_are_taken_in_merged_and_resumed(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    admin_dsn: str,
    pupils: Pupils,
    make_user: UserFactory,
) -> None:
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="50EE")
    portal = await client.post(
        "/api/v1/meldingen",
        json=melding(
            pupils.amsterdammer,
            soort="luxe",
            verzuimde_uren=12,
            periode_van=(VANDAAG - timedelta(days=10)).isoformat(),
        ),
        headers=bearer(tokens, school),
    )
    assert portal.status_code == 201, portal.text
    run = uuid.uuid4().hex[:6]
    new_id, merged_id = f"VM-{run}-1", f"VM-{run}-2"
    page1 = {
        "verzuimmeldingen": [
            duo_melding(pupils.zaankanter, "langdurig_relatief", new_id),
            duo_melding(pupils.amsterdammer, "luxe", merged_id),
            duo_melding("123456789", "overig", f"VM-{run}-3"),
            duo_melding(pupils.amsterdammer, "overig", f"VM-{run}-4", brin="99XX"),
        ],
        "mutaties": [],
        "volgende": f"c-{run}",
    }
    feed = DuoFeed(PartnerHttp("duo", PartnerConfig(base_url=BASE, timeout_seconds=1)))
    conn = await asyncpg.connect(admin_dsn)
    try:
        cursor_before = await conn.fetchval(
            "SELECT cursor FROM portal.duo_feed_cursors WHERE tenant_id = $1", AMSTERDAM
        )
        with respx.mock(assert_all_called=False) as mock:
            mock.get(
                f"{BASE}/feed", params={"gemeentecode": AMSTERDAM, "vanaf": f"c-{run}"}
            ).respond(json={"verzuimmeldingen": [], "mutaties": [], "volgende": None})
            first_route = mock.get(f"{BASE}/feed", params={"gemeentecode": AMSTERDAM}).respond(
                json=page1
            )
            result = await duo_intake(db, feed, AMSTERDAM)
        assert first_route.called
        assert (result.nieuw, result.samengevoegd, result.ongeldig) == (1, 1, 2)
        assert cursor_before is None or result.paginas >= 1
        new = await conn.fetchrow(
            "SELECT * FROM portal.meldingen WHERE duo_melding_id = $1", new_id
        )
        assert (new["kanaal"], new["soort"], new["tenant_id"]) == (
            "duo",
            "langdurig_relatief",
            AMSTERDAM,
        )
        deadline = await conn.fetchval(
            "SELECT soort FROM portal.termijnen WHERE melding_id = $1", new["id"]
        )
        assert deadline == "uitnodiging_gesprek"
        merged = await conn.fetchrow(
            "SELECT * FROM portal.meldingen WHERE duo_melding_id = $1", merged_id
        )
        assert str(merged["id"]) == portal.json()["id"]  # one melding, both channels
        assert merged["kanaal"] == "portaal"
        assert (
            await conn.fetchval(
                "SELECT cursor FROM portal.duo_feed_cursors WHERE tenant_id = $1", AMSTERDAM
            )
            == f"c-{run}"
        )

        # The page comes again (as after a crash between two pages): nothing new.
        await conn.execute(
            "UPDATE portal.duo_feed_cursors SET cursor = NULL WHERE tenant_id = $1", AMSTERDAM
        )
        with respx.mock(assert_all_called=False) as mock:
            mock.get(
                f"{BASE}/feed", params={"gemeentecode": AMSTERDAM, "vanaf": f"c-{run}"}
            ).respond(json={"verzuimmeldingen": [], "mutaties": [], "volgende": None})
            mock.get(f"{BASE}/feed", params={"gemeentecode": AMSTERDAM}).respond(json=page1)
            again = await duo_intake(db, feed, AMSTERDAM)
        assert (again.nieuw, again.samengevoegd, again.al_bekend) == (0, 0, 2)
        assert (
            await conn.fetchval(
                "SELECT count(*) FROM portal.meldingen WHERE duo_melding_id LIKE $1", f"VM-{run}-%"
            )
            == 2
        )
    finally:
        await conn.close()
