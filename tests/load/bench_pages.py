"""Benchmark: the pages and figures a teammanager and a leerplichtambtenaar open most, at region
scale, against the floor in the same run.

Imports a synthetic region (default 350,000 jongeren), runs the controls (their signals are the
werkvoorraad), adds a year of meldingen (default 60,000) with their deadlines, of which half
became cases that were closed with steps, all untimed. Then starts `rmc-portal serve` and drives over loopback:

  floor            GET /health              no auth, no database
  werkvoorraad     GET /                    start page: the leerplichtambtenaar's Mijn zaken
                   GET /?toewijzing=alle    the team's open work; also only overdue, one school
  case page        GET /zaken/{id}          an open case: head, deadlines, the dry run of steps
  search           GET /api/v1/jongeren     a surname's start, the true number, one page
  team page        GET /team                figures, charts and overdue work of the gemeente
  figures API      GET /api/v1/cijfers      the same figures as JSON
  users            GET /beheer/gebruikers   the beheerder's list of users, audited

Not a test; run by hand:

  .venv/bin/python -m tests.load.bench_pages [--jongeren 350000] [--meldingen 60000]
      [--seconds 5] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from datetime import date
from pathlib import Path

import asyncpg

from portal.administratie.service import controles_uitvoeren, import_file
from portal.administratie.synthetic import tenant_counts, write_region
from portal.beheer.gebruikers import NewUser, add_user
from portal.db.pool import Database
from portal.domain.uitkomst import MAATREGELEN
from portal.settings import load_settings
from tests.load import fresh
from tests.load.bench_api import drive

ROOT = Path(__file__).resolve().parents[2]
PORT = 8766
USERS = {
    "lpa": ("lpa@bench.nl", ("leerplichtambtenaar",), "Zuid"),
    "manager": ("tm@bench.nl", ("teammanager",), "Zuid"),
    "beheer": ("fb@bench.nl", ("functioneel_beheerder",), None),
}

# A year of meldingen for jongeren with an enrolment, spread over the last twelve months; half
# closed as cases whose steps give each an outcome.
_MELDINGEN = """
INSERT INTO portal.meldingen (tenant_id, bsn, jongere_id, brin, vestiging, soort, wettelijk,
    periode_van, periode_tot, verzuimde_uren, ondernomen_actie, melder, status, team_id,
    ontvangen_op)
SELECT j.tenant_id, j.bsn, j.id, i.brin, i.vestiging,
       (ARRAY['16_uur_in_4_weken', 'langdurig_relatief', 'luxe', 'overig'])[1 + (j.n % 4)], true,
       t.d::date - 28, t.d::date, 16, 'gesprek met ouders', '{}'::jsonb,
       CASE WHEN j.n % 2 = 0 THEN 'afgesloten' ELSE 'in_behandeling' END, j.team_id, t.d
FROM (SELECT j.*, row_number() OVER (ORDER BY j.id) AS n FROM portal.jongeren j
      WHERE EXISTS (SELECT 1 FROM portal.inschrijvingen i
                    WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id)
      ORDER BY j.id LIMIT $1) j
JOIN LATERAL (SELECT brin, vestiging FROM portal.inschrijvingen i
              WHERE i.tenant_id = j.tenant_id AND i.jongere_id = j.id LIMIT 1) i ON true
CROSS JOIN LATERAL (SELECT now() - random() * interval '360 days' + j.n * interval '0 s' AS d) t
"""
_ZAKEN = """
INSERT INTO portal.zaken (tenant_id, jongere_id, melding_id, soort, status, team_id, geopend_door,
                          geopend_op, gesloten_op)
SELECT m.tenant_id, m.jongere_id, m.id, 'relatief_verzuim',
       CASE WHEN m.status = 'afgesloten' THEN 'afgesloten' ELSE 'gesprek_gevoerd' END, m.team_id,
       $1, m.ontvangen_op + interval '1 day',
       CASE WHEN m.status = 'afgesloten' THEN m.ontvangen_op + interval '30 days' END
FROM portal.meldingen m
"""
# Each melding's legal term (art. 6.3: invitation within 3 werkdagen); met for closed ones and for
# most open ones, so about one open melding in eight has an open, mostly overdue, deadline.
_TERMIJNEN = """
INSERT INTO portal.termijnen (tenant_id, melding_id, soort, omschrijving, artikel, dagsoort,
                              uiterlijk, voldaan_op)
SELECT m.tenant_id, m.id, 'uitnodiging_gesprek',
       'Eerste beoordeling en schriftelijke uitnodiging voor een verzuimgesprek', '6.3',
       'werkdagen', (m.ontvangen_op + interval '5 days')::date,
       CASE WHEN m.status <> 'afgesloten' AND hashtext(m.id::text) & 7 = 0 THEN NULL
            ELSE (m.ontvangen_op + interval '2 days')::date END
FROM portal.meldingen m
"""
_STAPPEN = """
INSERT INTO portal.zaakstappen (tenant_id, zaak_id, actie, van_status, naar_status, gezet_door,
                                gezet_op)
SELECT z.tenant_id, z.id, a.actie, 'x', 'y', $1, z.geopend_op
FROM portal.zaken z
CROSS JOIN LATERAL unnest(CASE (hashtext(z.id::text) & 3)
    WHEN 0 THEN ARRAY['beoordelen', 'uitnodigen', 'gesprek_voeren', 'afsluiten']
    WHEN 1 THEN ARRAY['beoordelen', 'gesprek_voeren', 'waarschuwingsbrief', 'afsluiten']
    WHEN 2 THEN ARRAY['beoordelen', 'gesprek_voeren', 'halt_verwijzen', 'halt_afdoening_positief']
    ELSE ARRAY['beoordelen', 'kennisgevingsbrief'] END) AS a (actie)
WHERE z.status = 'afgesloten'
"""

# One leerplichtambtenaar of team Zuid handles a few hundred of its open cases (Mijn zaken).
_BEHANDELAAR = """
UPDATE portal.zaken z SET behandelaar_id = $1
FROM portal.teams t
WHERE t.id = z.team_id AND t.naam = 'Zuid' AND z.status <> 'afgesloten'
  AND hashtext(z.id::text) & 15 = 0
"""
# What the step's transaction keeps on the case (portal.verzuim.zaken.zet_status).
_MAATREGELEN = """
UPDATE portal.zaken z SET maatregelen = m.acties
FROM (SELECT tenant_id, zaak_id, array_agg(DISTINCT actie ORDER BY actie) AS acties
      FROM portal.zaakstappen WHERE actie = ANY ($1::text[]) GROUP BY 1, 2) m
WHERE m.tenant_id = z.tenant_id AND m.zaak_id = z.id
"""


async def prepare(
    server_dsn: str, jongeren: int, meldingen: int
) -> tuple[str, str, dict[str, str]]:
    name, admin = await fresh.create(server_dsn)
    extra: dict[str, str] = {}
    settings = load_settings(env={}, database_url=admin)
    db = await Database.connect(settings, admin, min_size=1, max_size=2)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            print(f"importing a region of {jongeren:,} jongeren …", flush=True)
            write_region(folder, jongeren, seed=17, peildatum=date.today())
            await import_file(db, "scholen", folder / "scholen.csv", tenant_id=None)
            for code in tenant_counts(1):
                for soort in ("brp", "inschrijvingen", "diplomas"):
                    await import_file(db, soort, folder / f"{soort}_{code}.csv", tenant_id=code)
        for code in tenant_counts(1):
            await controles_uitvoeren(db, date.today(), tenant_id=code)
        ids = {}
        for key, (email, roles, team) in USERS.items():
            ids[key] = await add_user(
                db, NewUser(email=email, tenant_id="0363", roles=roles, team=team)
            )
    finally:
        await db.close()
    print(f"adding {meldingen:,} meldingen and their cases …", flush=True)
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(_MELDINGEN, meldingen)
        await conn.execute(_TERMIJNEN)
        await conn.execute(_ZAKEN, ids["lpa"])
        await conn.execute(_STAPPEN, ids["lpa"])
        await conn.execute(_MAATREGELEN, sorted(MAATREGELEN))
        await conn.execute(_BEHANDELAAR, ids["lpa"])
        await conn.execute("ANALYZE")
        extra["zaak"] = str(
            await conn.fetchval(
                "SELECT id FROM portal.zaken WHERE behandelaar_id = $1 AND status <> 'afgesloten'"
                " ORDER BY id LIMIT 1",
                ids["lpa"],
            )
        )
        extra["school"] = await conn.fetchval(
            "SELECT m.brin FROM portal.meldingen m JOIN portal.teams t ON t.id = m.team_id"
            " WHERE t.naam = 'Zuid' AND m.status <> 'afgesloten'"
            " GROUP BY m.brin ORDER BY count(*) DESC LIMIT 1"
        )
        extra["mijn"] = str(
            await conn.fetchval(
                "SELECT count(*) FROM portal.zaken WHERE behandelaar_id = $1"
                " AND status <> 'afgesloten'",
                ids["lpa"],
            )
        )
        counts = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM portal.signalen) AS signalen,"
            " (SELECT count(*) FROM portal.meldingen) AS meldingen,"
            " (SELECT count(*) FROM portal.zaken WHERE status = 'afgesloten') AS gesloten"
        )
    finally:
        await conn.close()
    print(
        f"region: {jongeren:,} jongeren, {counts['signalen']:,} signals, "
        f"{counts['meldingen']:,} meldingen, {counts['gesloten']:,} closed cases; "
        f"{extra['mijn']} open cases of the leerplichtambtenaar"
    )
    return name, admin, extra


async def measure(
    base: str, tokens: dict[str, str], seconds: float, concurrency: int, extra: dict[str, str]
) -> None:
    def auth(key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[key]}"}

    cases = [
        ("floor: GET /health", f"{base}/health", {}),
        ("werkvoorraad Mijn zaken: GET /", f"{base}/", auth("lpa")),
        ("werkvoorraad team: GET /?toewijzing=alle", f"{base}/?toewijzing=alle", auth("lpa")),
        (
            "werkvoorraad overdue: &verlopen=true",
            f"{base}/?toewijzing=alle&verlopen=true",
            auth("lpa"),
        ),
        (
            "werkvoorraad one school: &school=BRIN",
            f"{base}/?toewijzing=alle&school={extra['school']}",
            auth("lpa"),
        ),
        ("case page: GET /zaken/{id}", f"{base}/zaken/{extra['zaak']}", auth("lpa")),
        (
            "search: GET /api/v1/jongeren?zoek=de vr",
            f"{base}/api/v1/jongeren?zoek=de%20vr",
            auth("lpa"),
        ),
        ("team page: GET /team (teammanager)", f"{base}/team", auth("manager")),
        ("figures: GET /api/v1/cijfers", f"{base}/api/v1/cijfers", auth("manager")),
        ("users: GET /beheer/gebruikers", f"{base}/beheer/gebruikers", auth("beheer")),
    ]
    print(f"{concurrency} concurrent clients, {seconds:.0f} s per endpoint, one machine")
    floor = 0.0
    for label, url, headers in cases:
        await drive(url, headers, 1.0, concurrency)  # warm-up
        result = await drive(url, headers, seconds, concurrency)
        floor = floor or result["rps"]
        print(
            f"{label:44} {result['rps']:7.0f} req/s  p50 {result['p50_ms']:7.1f} ms  "
            f"p95 {result['p95_ms']:7.1f} ms  ratio to floor {result['rps'] / floor:5.2f}  "
            f"errors {result['errors']:.0f}",
            flush=True,
        )


def main(jongeren: int, meldingen: int, seconds: float, concurrency: int, keep: bool) -> None:
    server_dsn = fresh.server()
    name, admin, extra = asyncio.run(prepare(server_dsn, jongeren, meldingen))
    if keep:
        print(f"kept for inspection: {admin}")
        return
    with fresh.served(server_dsn, name, admin, PORT) as (base, token):
        tokens = {key: token(email) for key, (email, _, _) in USERS.items()}
        asyncio.run(measure(base, tokens, seconds, concurrency, extra))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--jongeren", type=int, default=350_000)
    parser.add_argument("--meldingen", type=int, default=60_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--keep", action="store_true", help="build the data, keep it, measure nothing"
    )
    args = parser.parse_args()
    main(args.jongeren, args.meldingen, args.seconds, args.concurrency, args.keep)
