"""A school's melding in the portal is registered at DUO (Lpw art. 21) through the outbox, in DUO's
codes; DUO's kenmerk comes back on the melding, and the gemeente's status changes follow it to
DUO, also the ones made before DUO answered. DUO's echo of the melding in its feed stays one
melding."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from integrations.duo.adapter import duo
from integrations.http import PartnerHttp
from integrations.simulators import create_simulator
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from portal.outbox.berichten import DuoPagina, Mutatie, Verzuimmelding
from portal.settings import PartnerConfig
from portal.verzuim.duo_intake import duo_intake, duo_kenmerken
from tests.conftest import AMSTERDAM, UserFactory, bearer
from tests.verzuim.helpers import VANDAAG, Pupils


async def _berichten(admin_dsn: str, sql: str, *args: object) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(sql, *args)
    finally:
        await conn.close()
    return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


async def _naar_duo(db: Database, bericht_id: uuid.UUID) -> str:
    """Deliver one message through the adapter to DUO's simulator, as the worker does."""
    http = PartnerHttp("duo", PartnerConfig(base_url="http://duo", timeout_seconds=2))
    http.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_simulator("duo")), base_url="http://duo"
    )
    try:
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            message = await store.get(tx.conn, bericht_id)
            assert message is not None
            sent = await duo(http).deliver(message)
            assert sent.partner_ref
            await store.delivered(tx.conn, bericht_id, sent.partner_ref)
            return sent.partner_ref
    finally:
        await http.client.aclose()


class _Echo:
    """DUO's feed with one page: the melding as DUO registered it."""

    def __init__(self, melding: Verzuimmelding) -> None:
        self.melding = melding

    async def pagina(self, gemeentecode: str, cursor: str | None) -> DuoPagina:
        return DuoPagina([self.melding], [], None)


async def test_a_portal_melding_is_registered_at_duo_and_its_status_follows(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    case: dict[str, Any],
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    [registratie] = await _berichten(
        admin_dsn,
        "SELECT id, payload FROM portal.outbox WHERE partner = 'duo' AND soort = 'melding'"
        " AND payload->>'melding_id' = $1",
        case["melding"],
    )
    assert registratie["payload"]["bsn"] == case["bsn"]
    # The case is opened before DUO answered: nothing can be addressed at DUO yet.
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR, team="Zuid")
    geopend = await client.post(
        "/api/v1/zaken", json={"melding_id": case["melding"]}, headers=bearer(tokens, lpa)
    )
    assert geopend.status_code == 201, geopend.text
    duo_id = await _naar_duo(db, registratie["id"])
    assert duo_id.startswith("DUO-M")
    kenmerken = await duo_kenmerken(db, AMSTERDAM)
    assert kenmerken.vastgelegd >= 1
    assert kenmerken.status_nagestuurd >= 1
    conn = await asyncpg.connect(admin_dsn)
    try:
        assert (
            await conn.fetchval(
                "SELECT duo_melding_id FROM portal.meldingen WHERE id = $1::uuid", case["melding"]
            )
            == duo_id
        )
    finally:
        await conn.close()
    [status] = await _berichten(
        admin_dsn,
        "SELECT id, payload FROM portal.outbox WHERE partner = 'duo' AND soort = 'melding_status'"
        " AND payload->>'duo_melding_id' = $1",
        duo_id,
    )
    assert status["payload"]["status"] == "in_behandeling"
    assert (await _naar_duo(db, status["id"])).startswith("DUO-")
    # Run again: nothing twice.
    assert (await duo_kenmerken(db, AMSTERDAM)).vastgelegd == 0
    # DUO's feed brings the melding back under its own id: it is the same melding.
    echo = Verzuimmelding(
        duo_melding_id=duo_id,
        bsn=case["bsn"],
        brin=registratie["payload"]["brin"],
        vestiging=registratie["payload"]["vestiging"],
        soort=registratie["payload"]["soort"],
        periode_van=registratie["payload"]["periode_van"],
        periode_tot=registratie["payload"]["periode_tot"],
    )
    result = await duo_intake(db, _Echo(echo), AMSTERDAM)
    assert (result.nieuw, result.samengevoegd, result.al_bekend) == (0, 0, 1)


class _Pagina:
    def __init__(self, pagina: DuoPagina) -> None:
        self.page = pagina

    async def pagina(self, gemeentecode: str, cursor: str | None) -> DuoPagina:
        return self.page


async def test_duos_in_and_uitschrijvingen_are_applied_once_and_rejects_listed(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    pupils: Pupils,
    make_user: UserFactory,
    admin_dsn: str,
) -> None:
    run = uuid.uuid4().hex[:6]
    dag = VANDAAG - timedelta(days=3)

    def mutatie(n: int, nummer: str, soort: str, brin: str) -> Mutatie:
        return Mutatie(duo_mutatie_id=f"MU-{run}-{n}", bsn=nummer, brin=brin,
                       soort=soort, datum=dag)  # type: ignore[arg-type]  # fmt: skip

    page = DuoPagina(
        [],
        [
            mutatie(1, pupils.niet_hier, "uitschrijving", "51FF"),
            mutatie(2, pupils.niet_hier, "inschrijving", "50EE"),
            mutatie(3, pupils.volwassene, "uitschrijving", "51FF"),  # not enrolled there
            mutatie(4, pupils.niet_hier, "inschrijving", "99XX"),  # no such school
            mutatie(5, "123456789", "inschrijving", "50EE"),  # fails the elfproef
            mutatie(1, pupils.niet_hier, "uitschrijving", "51FF"),  # the same one again
        ],
        None,
    )
    result = await duo_intake(db, _Pagina(page), AMSTERDAM)
    assert (result.mutaties_verwerkt, result.mutaties_afgewezen) == (2, 3)
    again = await duo_intake(db, _Pagina(page), AMSTERDAM)
    assert (again.mutaties_verwerkt, again.mutaties_afgewezen) == (0, 0)
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT i.brin, i.onderwijssoort, i.datum_inschrijving, i.datum_uitschrijving"
            " FROM portal.inschrijvingen i JOIN portal.jongeren j ON j.id = i.jongere_id"
            " WHERE j.bsn = $1 AND i.tenant_id = $2 ORDER BY i.datum_inschrijving",
            pupils.niet_hier,
            AMSTERDAM,
        )
    finally:
        await conn.close()
    assert [(r["brin"], r["datum_uitschrijving"]) for r in rows] == [("51FF", dag), ("50EE", None)]
    assert rows[1]["onderwijssoort"] == "havo"  # the school's, as DUO's mutation had none
    am = await make_user(AMSTERDAM, Role.ADMINISTRATIEF_MEDEWERKER)
    lijst = await client.get("/api/v1/duo/mutaties/afgewezen", headers=bearer(tokens, am))
    assert lijst.status_code == 200
    mine = {
        m["duo_mutatie_id"]: m["reden"] for m in lijst.json()["items"] if run in m["duo_mutatie_id"]
    }
    assert mine == {
        f"MU-{run}-3": "geen open inschrijving bij deze school op die datum",
        f"MU-{run}-4": "onbekende school (BRIN en vestiging niet in de scholenlijst)",
        f"MU-{run}-5": "BSN voldoet niet aan de elfproef",
    }
    page_html = await client.get("/controles", headers=bearer(tokens, am))
    assert "geen open inschrijving bij deze school" in page_html.text
    school = await make_user(AMSTERDAM, Role.SCHOOL, brin="50EE")
    assert (
        await client.get("/api/v1/duo/mutaties/afgewezen", headers=bearer(tokens, school))
    ).status_code == 403
