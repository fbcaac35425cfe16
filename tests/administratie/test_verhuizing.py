"""Art. 3.9: a jongere who moved out of the region has the school history sent to the new
woongemeente once: a document in the dossier and a message to the `gemeente` channel carrying
it, with the enrolments and recent meldingen, and nothing of Halt or a proces-verbaal."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import asyncpg
import httpx
import msgspec
import pypdf
import pytest

from integrations.gemeente import messages as wire
from integrations.gemeente.adapter import gemeente
from integrations.http import PartnerHttp
from integrations.simulators import create_simulator
from portal.administratie import verhuizing
from portal.administratie.service import import_file
from portal.audit.verify import verify_chain
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from portal.settings import PartnerConfig
from tests.conftest import AMSTERDAM, DIEMEN, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, brp_row, new_bsn, write


async def _rows(admin_dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def test_a_move_out_of_the_region_sends_the_school_history_once(
    db: Database, admin_dsn: str, tmp_path: Path
) -> None:
    scholen = write(
        tmp_path, "s.csv", "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
        "32CC;00;Het Verhuiscollege;vmbo;0363;Oost",
    )  # fmt: skip
    await import_file(db, "scholen", scholen, tenant_id=None)
    number = new_bsn()
    await import_file(
        db, "brp", write(tmp_path, "1.csv", BRP_HEADER, brp_row(number)), tenant_id=AMSTERDAM
    )
    ins = write(tmp_path, "i.csv", INS, f"{number};32CC;00;vmbo;2;2024-08-20;")
    await import_file(db, "inschrijvingen", ins, tenant_id=AMSTERDAM)
    moved = write(tmp_path, "2.csv", BRP_HEADER, brp_row(number, gemeente="0599"))  # Rotterdam
    first = await import_file(db, "brp", moved, tenant_id=AMSTERDAM)
    assert first.extra["overdrachten_woongemeente"] == 1
    # The worker sends it in its round; a second round and a second import send nothing more.
    assert await verhuizing.versturen(db, tenant_id=AMSTERDAM) >= 1
    again = await import_file(db, "brp", moved, tenant_id=AMSTERDAM)
    assert again.extra["overdrachten_woongemeente"] == 0
    assert await verhuizing.versturen(db, tenant_id=AMSTERDAM) == 0

    [bericht] = await _rows(
        admin_dsn,
        "SELECT id, payload FROM portal.outbox WHERE partner = 'gemeente'"
        " AND payload->'jongere'->>'bsn' = $1",
        number,
    )
    overdracht = msgspec.convert(json.loads(bericht["payload"]), wire.WoongemeenteOverdracht)
    assert (overdracht.van_gemeentecode, overdracht.naar_gemeentecode) == (AMSTERDAM, "0599")
    [school] = overdracht.inschrijvingen
    assert (school.school, school.onderwijssoort, school.tot) == (
        "Het Verhuiscollege",
        "vmbo",
        None,
    )
    [brief] = await _rows(
        admin_dsn,
        "SELECT b.pdf, b.sha256 FROM portal.brieven b JOIN portal.jongeren j ON j.id = b.jongere_id"
        " WHERE j.bsn = $1 AND b.soort = 'overdracht_woongemeente'",
        number,
    )
    assert overdracht.document == bytes(brief["pdf"])
    assert overdracht.document_sha256 == brief["sha256"]
    tekst = " ".join(
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(io.BytesIO(overdracht.document)).pages
    )
    for zin in ("gemeente met code 0599", "Het Verhuiscollege", "artikel 3.9", "Halt", "Eva Jansen",
                f"BSN {number}"):  # fmt: skip
        assert zin in tekst, zin
    [status] = await _rows(
        admin_dsn,
        "SELECT o.status FROM portal.woongemeente_overdrachten o"
        " JOIN portal.jongeren j ON j.id = o.jongere_id WHERE j.bsn = $1",
        number,
    )
    assert status["status"] == "verstuurd"
    [audit] = await _rows(
        admin_dsn,
        "SELECT detail FROM portal.audit_events WHERE object_type = 'overdracht_woongemeente'"
        " AND detail->>'naar_gemeentecode' = '0599' AND jongere_id = (SELECT id FROM"
        " portal.jongeren WHERE bsn = $1 AND tenant_id = $2)",
        number,
        AMSTERDAM,
    )
    assert number not in str(audit["detail"])
    # The message reaches a gemeente through the relay's simulator, routed on the CBS code.
    http = PartnerHttp("gemeente", PartnerConfig(base_url="http://gem", timeout_seconds=2))
    http.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_simulator("gemeente")), base_url="http://gem"
    )
    try:
        async with db.tenant_tx(None, tenant_id=AMSTERDAM) as tx:
            message = await store.get(tx.conn, uuid.UUID(str(bericht["id"])))
            assert message is not None
            sent = await gemeente(http).deliver(message)
            assert sent.partner_ref.startswith("0599-")
    finally:
        await http.client.aclose()


async def test_a_move_within_the_region_hands_the_dossier_to_that_gemeente(
    db: Database,
    admin_dsn: str,
    tmp_path: Path,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
) -> None:
    scholen = write(
        tmp_path, "s.csv", "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
        "33DD;00;Het Regiocollege;havo;0363;Oost",
    )  # fmt: skip
    await import_file(db, "scholen", scholen, tenant_id=None)
    number = new_bsn()
    await import_file(
        db, "brp", write(tmp_path, "1.csv", BRP_HEADER, brp_row(number)), tenant_id=AMSTERDAM
    )
    ins = write(tmp_path, "i.csv", INS, f"{number};33DD;00;havo;3;2023-08-21;")
    await import_file(db, "inschrijvingen", ins, tenant_id=AMSTERDAM)
    zaans = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR)
    zoek = {"zoek": number}
    assert (
        await client.get("/api/v1/jongeren", params=zoek, headers=bearer(tokens, zaans))
    ).json()["items"] == []
    moved = write(tmp_path, "2.csv", BRP_HEADER, brp_row(number, gemeente=ZAANSTAD))
    assert (await import_file(db, "brp", moved, tenant_id=AMSTERDAM)).extra[
        "overdrachten_woongemeente"
    ] == 1
    assert await verhuizing.versturen(db, tenant_id=AMSTERDAM) >= 1
    # Zaanstad now has the jongere, the enrolment and the document; nothing went to the channel.
    gezocht = await client.get("/api/v1/jongeren", params=zoek, headers=bearer(tokens, zaans))
    assert gezocht.status_code == 200, gezocht.text
    [item] = gezocht.json()["items"]
    dossier = (
        await client.get(f"/api/v1/jongeren/{item['id']}", headers=bearer(tokens, zaans))
    ).json()
    assert dossier["gemeentecode"] == ZAANSTAD
    assert [i["brin"] for i in dossier["inschrijvingen"]] == ["33DD"]
    brieven = (
        await client.get(f"/api/v1/jongeren/{item['id']}/brieven", headers=bearer(tokens, zaans))
    ).json()["items"]
    assert [b["soort"] for b in brieven] == ["overdracht_woongemeente"]
    assert not await _rows(
        admin_dsn,
        "SELECT 1 FROM portal.outbox WHERE partner = 'gemeente' AND payload->'jongere'->>'bsn' = $1",
        number,
    )
    # Audited on both sides, and both chains still verify.
    for tenant, soort in ((AMSTERDAM, "overdracht_woongemeente"),
                          (ZAANSTAD, "overdracht_binnen_regio")):  # fmt: skip
        assert await _rows(
            admin_dsn,
            "SELECT 1 FROM portal.audit_events WHERE tenant_id = $1 AND object_type = $2"
            " AND jongere_id IN (SELECT id FROM portal.jongeren WHERE bsn = $3)",
            tenant, soort, number,
        )  # fmt: skip
        conn = await asyncpg.connect(admin_dsn)
        try:
            keten = await verify_chain(conn, tenant)
        finally:
            await conn.close()
        assert keten.intact, keten.reason
    # Diemen sees nothing of it; a person cannot call the route, nor for another's move.
    diemen = await make_user(DIEMEN, Role.LEERPLICHTAMBTENAAR)
    assert (
        await client.get("/api/v1/jongeren", params=zoek, headers=bearer(tokens, diemen))
    ).json()["items"] == []
    lpa = await make_user(AMSTERDAM, Role.LEERPLICHTAMBTENAAR)
    async with db.tenant_tx(lpa) as tx:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await tx.conn.fetchval(
                "SELECT dossier_naar_regiogemeente($1, $2)", uuid.uuid4(), uuid.uuid4()
            )
    [overdracht] = await _rows(
        admin_dsn,
        "SELECT o.id, b.id AS brief FROM portal.woongemeente_overdrachten o"
        " JOIN portal.jongeren j ON j.id = o.jongere_id JOIN portal.brieven b"
        " ON b.jongere_id = j.id AND b.soort = 'overdracht_woongemeente' WHERE j.bsn = $1",
        number,
    )
    for tenant in (DIEMEN, AMSTERDAM):  # another gemeente's move; one handed over already
        async with db.tenant_tx(None, tenant_id=tenant) as tx:
            with pytest.raises(asyncpg.NoDataFoundError):
                await tx.conn.fetchval(
                    "SELECT dossier_naar_regiogemeente($1, $2)",
                    overdracht["id"],
                    overdracht["brief"],
                )
