"""The isolation matrix, generated from the OpenAPI document: every route with a path parameter,
for every role of another gemeente, with a real object of Zaanstad and with an id that exists
nowhere. Whatever the role, the foreign object answers exactly as the non-existent one (no
existence oracle), never 2xx; writes with foreign ids write nothing in Zaanstad. Zaanstad's own
users do reach the same objects, so the ids are real. A new route is covered without anyone
remembering to (a path parameter without an object here fails the test)."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from portal.administratie.service import import_file
from portal.auth.principal import Role
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.outbox import store
from tests.conftest import AMSTERDAM, ZAANSTAD, UserFactory, bearer
from tests.factories import BRP_HEADER, INS, new_bsn, write
from tests.verzuim.helpers import melding, step

VANDAAG = date.today().isoformat()
# Path parameters that name no object of a gemeente: a month, a kind of letter.
# Path values that name no tenant object: a month, a kind of letter, a school (BRIN is region-wide
# reference data; what a gemeente records about a school is its own, behind its policies).
GEEN_OBJECT = {"maand": "2026-10", "soort": "uitnodiging", "brin": "79ZA"}
BODIES: dict[tuple[str, str], dict[str, Any] | None] = {
    ("post", "/api/v1/jongeren/{jongere_id}/werklogboek"): {
        "datum": VANDAAG,
        "met_wie_wat": "telefoon",
        "resultaat": "x",
    },
    ("post", "/api/v1/zaken/{zaak_id}/stappen"): {"actie": "beoordelen"},
    ("post", "/api/v1/taken/{taak_id}/afronden"): {"verslag": "niemand thuis"},
    ("post", "/api/v1/verlofaanvragen/{aanvraag_id}/advies"): {"vraag": "wat vindt u?"},
    ("post", "/api/v1/verlofaanvragen/{aanvraag_id}/besluit"): {
        "besluit": "verleend",
        "schooldagen": 1,
        "motivering": "x",
    },
    ("post", "/api/v1/verlof/{aanvraag_id}/advies"): {"advies": "akkoord"},
    ("post", "/api/v1/verlof/{aanvraag_id}/stappen"): {"actie": "ontvangst_bevestigen"},
    ("post", "/api/v1/vrijstellingen/{ident}/besluit"): {"geldig": False, "motivering": "x"},
    ("post", "/api/v1/vrijstellingen/{ident}/gegevens"): {"toestemming_deskundige": True},
    ("post", "/api/v1/vrijstellingen/{ident}/ontslag"): {"datum": VANDAAG},
    ("post", "/api/v1/onderwijsvoorzieningen/{ident}/advies"): {
        "is_school": True,
        "datum": VANDAAG,
    },
    ("post", "/api/v1/overdrachten/{overdracht_id}/acceptatie"): {"besluit": "geaccepteerd"},
    ("post", "/api/v1/overdrachten/{overdracht_id}/bemiddeling"): {
        "status": "in_bemiddeling",
        "datum": VANDAAG,
    },
    ("patch", "/api/v1/gebruikers/{user_id}"): {"actief": True},
}
ROLLEN = [r for r in Role]


async def zaanstad(
    db: Database, client: httpx.AsyncClient, tokens: TokenService, make_user: UserFactory,
    tmp_path: Path,
) -> tuple[dict[str, str], dict[str, Any]]:  # fmt: skip
    """Real objects of Zaanstad, made through its own users; and those users."""
    await import_file(
        db,
        "scholen",
        write(tmp_path, "s.csv", "brin;vestiging;naam;onderwijssoort;gemeentecode;team",
              "79ZA;00;Zaanse Matrix School;vmbo;0479;Leerplicht en RMC"),
        tenant_id=None,
    )  # fmt: skip
    bsn = new_bsn()
    geboren = (date.today() - timedelta(days=14 * 366)).isoformat()
    await import_file(
        db,
        "brp",
        write(tmp_path, "b.csv", BRP_HEADER,
              f"{bsn};Mia;;Matrix;{geboren};V;0479;1500AA;1;Zaandam;Leerplicht en RMC;;;;"),
        tenant_id=ZAANSTAD,
    )  # fmt: skip
    await import_file(
        db,
        "inschrijvingen",
        write(tmp_path, "i.csv", INS, f"{bsn};79ZA;00;vmbo;2;2024-08-01;"),
        tenant_id=ZAANSTAD,
    )
    school = await make_user(ZAANSTAD, Role.SCHOOL, brin="79ZA")
    lpa = await make_user(ZAANSTAD, Role.LEERPLICHTAMBTENAAR, team="Leerplicht en RMC", boa=True)
    beheerder = await make_user(ZAANSTAD, Role.FUNCTIONEEL_BEHEERDER)
    assistent = await make_user(ZAANSTAD, Role.LEERPLICHTASSISTENT, team="Leerplicht en RMC")
    gemeld = await client.post(
        "/api/v1/meldingen", json=melding(bsn, brin="79ZA"), headers=bearer(tokens, school)
    )
    assert gemeld.status_code == 201, gemeld.text
    zaak = await client.post(
        "/api/v1/zaken", json={"melding_id": gemeld.json()["id"]}, headers=bearer(tokens, lpa)
    )
    assert zaak.status_code == 201, zaak.text
    zaak_id = zaak.json()["id"]
    assert (await step(client, tokens, lpa, zaak_id, "beoordelen")).status_code == 200
    uitnodiging = await step(client, tokens, lpa, zaak_id, "uitnodigen")
    bezoek = await step(
        client, tokens, lpa, zaak_id, "deurbezoek_uitzetten",
        vaststellingen={"deurbezoek_opdracht": "aanbellen"},
    )  # fmt: skip
    assert bezoek.status_code == 200, bezoek.text
    async with db.tenant_tx(None, tenant_id=ZAANSTAD) as tx:
        team = await tx.conn.fetchval("SELECT id FROM teams WHERE naam = 'Leerplicht en RMC'")
        bericht = await store.enqueue(tx, "halt", "verwijzing", {"test": "matrix"})
    taken = await client.get("/api/v1/taken", headers=bearer(tokens, assistent))
    taak = next(t["id"] for t in taken.json()["items"] if t["zaak_id"] == zaak_id)
    verlof = await client.post(
        "/api/v1/verlofaanvragen",
        json={"bsn": bsn, "brin": "79ZA", "grond": "overig", "eerste_dag": "2027-03-01",
              "laatste_dag": "2027-03-20", "schooldagen": 12, "buitenland": False,
              "toelichting": ""},
        headers=bearer(tokens, school),
    )  # fmt: skip
    assert verlof.status_code == 201, verlof.text
    vrijstelling = await client.post(
        "/api/v1/vrijstellingen",
        json={"bsn": bsn, "grond": "5b", "ontvangen_op": VANDAAG},
        headers=bearer(tokens, lpa),
    )
    assert vrijstelling.status_code == 201, vrijstelling.text
    traject = await client.post(
        f"/api/v1/jongeren/{zaak.json()['jongere_id']}/meldcode",
        json={"zaak_id": zaak_id},
        headers=bearer(tokens, lpa),
    )
    assert traject.status_code == 201, traject.text
    inspectie = "/api/v1/scholen/79ZA/inspectie"
    feiten = {"tekortkoming": "overig", "feiten": "matrix"}
    assert (
        await client.post(
            inspectie,
            json={**feiten, "soort": "advies", "advies": "a"},
            headers=bearer(tokens, lpa),
        )
    ).status_code == 201
    verslag = await client.post(
        inspectie,
        json={**feiten, "soort": "signaal", "handelwijze": "h"},
        headers=bearer(tokens, lpa),
    )
    assert verslag.status_code == 201, verslag.text
    ids = {
        "user_id": str(lpa.user_id),
        "team_id": str(team),
        "jongere_id": zaak.json()["jongere_id"],
        "message_id": str(bericht),
        "melding_id": gemeld.json()["id"],
        "zaak_id": zaak_id,
        "taak_id": str(taak),
        "aanvraag_id": verlof.json()["id"],
        "ident": vrijstelling.json()["id"],
        "brief_id": uitnodiging.json()["brieven"][0],
        "overdracht_id": str(uuid.uuid4()),  # no overdracht made here: only the unknown-id case
        "traject_id": traject.json()["id"],
        "verslag_id": verslag.json()["id"],
    }
    return ids, {"school": school, "lpa": lpa, "beheerder": beheerder}


def fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: ids.get(m[1]) or GEEN_OBJECT[m[1]], path)


async def zaanstad_footprint(admin_dsn: str) -> tuple[int, ...]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM portal.audit_events WHERE tenant_id = $1),"
            " (SELECT count(*) FROM portal.zaakstappen WHERE tenant_id = $1),"
            " (SELECT count(*) FROM portal.werklogboek WHERE tenant_id = $1),"
            " (SELECT count(*) FROM portal.brieven WHERE tenant_id = $1),"
            " (SELECT count(*) FROM portal.taken WHERE tenant_id = $1 AND status = 'open'),"
            " (SELECT count(*) FROM portal.verlofaanvragen WHERE tenant_id = $1"
            "  AND status = 'in_behandeling' AND advies_vraag IS NULL),"
            " (SELECT count(*) FROM portal.vrijstelling_kennisgevingen WHERE tenant_id = $1"
            "  AND status = 'in_behandeling'),"
            " (SELECT count(*) FROM portal.outbox WHERE tenant_id = $1 AND status = 'pending')",
            ZAANSTAD,
        )
    finally:
        await conn.close()
    assert row is not None
    return tuple(row)


async def test_foreign_objects_answer_as_nonexistent_ones_for_every_role_and_route(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    admin_dsn: str,
    tmp_path: Path,
) -> None:
    ids, owners = await zaanstad(db, client, tokens, make_user, tmp_path)
    unknown = {k: str(uuid.uuid4()) for k in ids}
    doc = (await client.get("/schema/openapi.json")).json()
    routes = [
        (method, path)
        for path, ops in doc["paths"].items()
        if path.startswith("/api/v1/") and "{" in path
        for method in ("get", "post", "put", "patch", "delete")
        if method in ops
    ]
    for _, path in routes:
        for name in re.findall(r"\{([^}]+)\}", path):
            assert name in ids or name in GEEN_OBJECT, f"no object for {{{name}}} in {path}"
    users = [
        await make_user(AMSTERDAM, role, team="Zuid", brin="50EE" if role is Role.SCHOOL else None,
                        boa=role in (Role.LEERPLICHTAMBTENAAR, Role.TEAMMANAGER))
        for role in ROLLEN
    ]  # fmt: skip
    before = await zaanstad_footprint(admin_dsn)
    leaks: list[str] = []
    checked = 0
    for method, path in routes:
        if not any(n in ids for n in re.findall(r"\{([^}]+)\}", path)):
            continue  # a tenant's own templates: covered by the template tests
        body = BODIES.get((method, path))
        for user in users:
            headers = bearer(tokens, user)
            foreign = await client.request(method, fill(path, ids), json=body, headers=headers)
            missing = await client.request(method, fill(path, unknown), json=body, headers=headers)
            checked += 1
            role = "+".join(sorted(user.roles))
            if foreign.status_code < 300:
                leaks.append(f"{method.upper()} {path} as {role}: {foreign.status_code}")
            elif foreign.status_code != missing.status_code:
                leaks.append(
                    f"{method.upper()} {path} as {role}: foreign {foreign.status_code},"
                    f" unknown {missing.status_code}"
                )
    assert checked >= 300
    assert not leaks, "\n".join(leaks)
    assert await zaanstad_footprint(admin_dsn) == before  # nothing written in Zaanstad

    # The ids are real: Zaanstad's own users reach them.
    own = [
        ("lpa", f"/api/v1/zaken/{ids['zaak_id']}"),
        ("lpa", f"/api/v1/jongeren/{ids['jongere_id']}"),
        ("lpa", f"/api/v1/brieven/{ids['brief_id']}"),
        ("school", f"/api/v1/meldingen/{ids['melding_id']}"),
        ("school", f"/api/v1/verlofaanvragen/{ids['aanvraag_id']}"),
        ("beheerder", f"/api/v1/gebruikers/{ids['user_id']}"),
        ("beheerder", f"/api/v1/teams/{ids['team_id']}"),
        ("beheerder", f"/api/v1/outbox/{ids['message_id']}"),
    ]
    for who, path in own:
        response = await client.get(path, headers=bearer(tokens, owners[who]))
        assert response.status_code == 200, (who, path, response.text)


async def test_lists_hold_no_foreign_items(
    db: Database,
    client: httpx.AsyncClient,
    tokens: TokenService,
    make_user: UserFactory,
    tmp_path: Path,
) -> None:
    ids, _ = await zaanstad(db, client, tokens, make_user, tmp_path)
    doc = (await client.get("/schema/openapi.json")).json()
    lists = [
        p for p, ops in doc["paths"].items()
        if p.startswith("/api/v1/") and "{" not in p and "get" in ops
    ]  # fmt: skip
    secrets = set(ids.values()) - {ids["overdracht_id"]}
    for role in ROLLEN:
        user = await make_user(
            AMSTERDAM, role, team="Zuid", brin="50EE" if role is Role.SCHOOL else None
        )
        for path in lists:
            response = await client.get(
                path,
                params={"schooljaar": "2025-2026", "zoek": "Matrix"},
                headers=bearer(tokens, user),
            )
            found = [s for s in secrets if s in response.text]
            assert not found, (path, role.value, found)
