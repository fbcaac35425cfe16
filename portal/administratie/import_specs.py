"""The import files of API.md: scholen (region-wide); brp, inschrijvingen, diplomas and DUO's JKP
startset (per tenant).

Each spec lists its columns, the rules a row must meet (first failure is the reason reported) and
the merge into its table. Rules are SQL over `import_rows`, evaluated for all rows at once.
"""

from __future__ import annotations

from portal.administratie.imports import ImportReport, ImportSpec, merge_counts
from portal.db.types import Conn

ONDERWIJSSOORTEN = "('po', 'so', 'vso', 'pro', 'vmbo', 'havo', 'vwo', 'mbo', 'ho')"
DIPLOMAS = "('havo', 'vwo', 'mbo1', 'mbo2', 'mbo3', 'mbo4', 'vmbo')"
OK = "reden IS NULL"


def _date_rules(
    column: str, label: str, *, required: bool, not_future: bool
) -> list[tuple[str, str]]:
    rules = []
    if required:
        rules.append((f"{column} IS NOT NULL", f"{label} ontbreekt"))
    rules.append(
        (
            f"{column} IS NULL OR is_iso_date({column})",
            f"{label} is geen bestaande datum (JJJJ-MM-DD)",
        )
    )
    if not_future:
        rules.append(
            # Today in Amsterdam, not in the database server's time zone (portal/clock.py).
            (
                f"{column} IS NULL OR {column}::date"
                " <= (now() AT TIME ZONE 'Europe/Amsterdam')::date",
                f"{label} ligt in de toekomst",
            )
        )
    return rules


async def _merge_scholen(conn: Conn, report: ImportReport) -> None:
    report.nieuw, report.bijgewerkt = await merge_counts(
        conn,
        f"""WITH m AS (
            INSERT INTO scholen (brin, vestiging, naam, onderwijssoort, gemeentecode, team)
            SELECT brin, coalesce(vestiging, '00'), naam, onderwijssoort, gemeentecode, team
            FROM import_rows WHERE {OK}
            ON CONFLICT (brin, vestiging) DO UPDATE SET
                naam = excluded.naam, onderwijssoort = excluded.onderwijssoort,
                gemeentecode = excluded.gemeentecode, team = excluded.team
            WHERE (scholen.naam, scholen.onderwijssoort, scholen.gemeentecode, scholen.team)
                  IS DISTINCT FROM (excluded.naam, excluded.onderwijssoort, excluded.gemeentecode,
                                    excluded.team)
            RETURNING (xmax = 0) AS nieuw)""",
    )
    report.ongewijzigd = report.gelezen - len(report.afgewezen) - report.nieuw - report.bijgewerkt


SCHOLEN = ImportSpec(
    soort="scholen",
    kolommen=("brin", "vestiging", "naam", "onderwijssoort", "gemeentecode", "team"),
    verplicht=frozenset({"brin", "naam", "onderwijssoort", "gemeentecode"}),
    regels=(
        ("brin ~ '^[0-9]{2}[A-Z0-9]{2}$'", "BRIN moet 2 cijfers en 2 letters of cijfers zijn"),
        ("vestiging IS NULL OR vestiging ~ '^[0-9]{2}$'", "vestiging moet uit 2 cijfers bestaan"),
        ("naam IS NOT NULL", "naam ontbreekt"),
        (f"onderwijssoort IN {ONDERWIJSSOORTEN}", "onbekende onderwijssoort"),
        ("gemeentecode ~ '^[0-9]{4}$'", "onbekende gemeente: gemeentecode moet 4 cijfers zijn"),
    ),
    sleutel=("brin", "coalesce(s.vestiging, '00')"),
    merge=_merge_scholen,
)


# A file with the street columns says the street; one without them (the older layout) keeps the
# known street while postcode and huisnummer stay the same, and forgets it when they change: a
# move must never leave the old street on a letter to the new address.
_MET_STRAAT = "EXISTS (SELECT 1 FROM import_kolommen WHERE naam = 'straatnaam')"


def _straat(kolom: str) -> str:
    return (
        f"CASE WHEN {_MET_STRAAT} THEN excluded.{kolom}"
        " WHEN (jongeren.postcode, jongeren.huisnummer)"
        " IS NOT DISTINCT FROM (excluded.postcode, excluded.huisnummer)"
        f" THEN jongeren.{kolom} END"
    )


_STRAAT_KOLOMMEN = ("straatnaam", "huisletter", "huisnummertoevoeging")
_BRP_NIEUW = ", ".join(_straat(k) for k in _STRAAT_KOLOMMEN)
_BRP_OUD = ", ".join(f"jongeren.{k}" for k in _STRAAT_KOLOMMEN)
_BRP_ZET = ", ".join(f"{k} = {_straat(k)}" for k in _STRAAT_KOLOMMEN)


async def _merge_brp(conn: Conn, report: ImportReport) -> None:
    report.nieuw, report.bijgewerkt = await merge_counts(
        conn,
        f"""WITH m AS (
            INSERT INTO jongeren (tenant_id, bsn, voornamen, voorvoegsel, geslachtsnaam,
                geboortedatum, geslacht, gemeentecode, postcode, huisnummer, woonplaats, team_id,
                ouder1_bsn, ouder1_naam, ouder2_bsn, ouder2_naam, straatnaam, huisletter,
                huisnummertoevoeging)
            SELECT current_tenant(), bsn, voornamen, voorvoegsel, geslachtsnaam,
                geboortedatum::date, geslacht, gemeentecode, postcode, huisnummer, woonplaats,
                team_id, ouder1_bsn, ouder1_naam, ouder2_bsn, ouder2_naam, straatnaam,
                upper(huisletter), huisnummertoevoeging
            FROM import_rows WHERE {OK}
            ON CONFLICT (tenant_id, bsn) DO UPDATE SET
                voornamen = excluded.voornamen, voorvoegsel = excluded.voorvoegsel,
                geslachtsnaam = excluded.geslachtsnaam, geboortedatum = excluded.geboortedatum,
                geslacht = excluded.geslacht, gemeentecode = excluded.gemeentecode,
                postcode = excluded.postcode, huisnummer = excluded.huisnummer,
                woonplaats = excluded.woonplaats, team_id = excluded.team_id,
                ouder1_bsn = excluded.ouder1_bsn, ouder1_naam = excluded.ouder1_naam,
                ouder2_bsn = excluded.ouder2_bsn, ouder2_naam = excluded.ouder2_naam,
                {_BRP_ZET}, bijgewerkt_op = now()
            WHERE (jongeren.voornamen, jongeren.voorvoegsel, jongeren.geslachtsnaam,
                   jongeren.geboortedatum, jongeren.geslacht, jongeren.gemeentecode,
                   jongeren.postcode, jongeren.huisnummer, jongeren.woonplaats, jongeren.team_id,
                   jongeren.ouder1_bsn, jongeren.ouder1_naam, jongeren.ouder2_bsn,
                   jongeren.ouder2_naam, {_BRP_OUD})
                  IS DISTINCT FROM
                  (excluded.voornamen, excluded.voorvoegsel, excluded.geslachtsnaam,
                   excluded.geboortedatum, excluded.geslacht, excluded.gemeentecode,
                   excluded.postcode, excluded.huisnummer, excluded.woonplaats, excluded.team_id,
                   excluded.ouder1_bsn, excluded.ouder1_naam, excluded.ouder2_bsn,
                   excluded.ouder2_naam, {_BRP_NIEUW})
            RETURNING (xmax = 0) AS nieuw)""",
    )
    report.ongewijzigd = report.gelezen - len(report.afgewezen) - report.nieuw - report.bijgewerkt
    # Moved to another gemeente: the school history goes to the new woongemeente (art. 3.9),
    # within the region as the dossier handed to its tenant.
    status = await conn.execute(
        f"""WITH vertrokken AS (
                SELECT bsn, gemeentecode FROM import_rows
                WHERE {OK} AND gemeentecode <> current_tenant())
            INSERT INTO woongemeente_overdrachten (tenant_id, jongere_id, naar_gemeentecode)
            SELECT j.tenant_id, j.id, v.gemeentecode
            FROM vertrokken v JOIN jongeren j ON j.bsn = v.bsn
            ON CONFLICT (tenant_id, jongere_id, naar_gemeentecode) DO NOTHING"""
    )
    report.extra["overdrachten_woongemeente"] = int(status.split()[-1])


BRP = ImportSpec(
    soort="brp",
    kolommen=(
        "bsn",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "geboortedatum",
        "geslacht",
        "gemeentecode",
        "postcode",
        "huisnummer",
        "woonplaats",
        "team",
        "ouder1_bsn",
        "ouder1_naam",
        "ouder2_bsn",
        "ouder2_naam",
        *_STRAAT_KOLOMMEN,
    ),
    verplicht=frozenset({"bsn", "voornamen", "geslachtsnaam", "geboortedatum", "gemeentecode"}),
    regels=(
        ("bsn ~ '^[0-9]{9}$'", "BSN moet uit 9 cijfers bestaan"),
        ("is_bsn(bsn)", "BSN voldoet niet aan de elfproef"),
        (
            "voornamen IS NOT NULL AND geslachtsnaam IS NOT NULL",
            "voornamen of geslachtsnaam ontbreekt",
        ),
        *_date_rules("geboortedatum", "geboortedatum", required=True, not_future=True),
        ("geslacht IS NULL OR geslacht IN ('M', 'V', 'O')", "geslacht moet M, V of O zijn"),
        ("gemeentecode ~ '^[0-9]{4}$'", "onbekende gemeente: gemeentecode moet 4 cijfers zijn"),
        ("team IS NULL OR team_id IS NOT NULL", "onbekend team voor deze gemeente"),
        (
            "ouder1_bsn IS NULL OR is_bsn(ouder1_bsn)",
            "BSN van ouder 1 voldoet niet aan de elfproef",
        ),
        (
            "ouder2_bsn IS NULL OR is_bsn(ouder2_bsn)",
            "BSN van ouder 2 voldoet niet aan de elfproef",
        ),
        ("straatnaam IS NULL OR length(straatnaam) <= 80", "straatnaam is langer dan 80 tekens"),
        ("huisletter IS NULL OR huisletter ~ '^[A-Za-z]$'", "huisletter moet één letter zijn"),
        (
            "huisnummertoevoeging IS NULL OR huisnummertoevoeging ~ '^[A-Za-z0-9]{1,4}$'",
            "huisnummertoevoeging is ten hoogste 4 letters of cijfers",
        ),
    ),
    sleutel=("bsn",),
    merge=_merge_brp,
    joins="LEFT JOIN teams t ON t.naam = s.team",
    select_extra=("t.id AS team_id",),
)


async def _merge_inschrijvingen(conn: Conn, report: ImportReport) -> None:
    report.nieuw, report.bijgewerkt = await merge_counts(
        conn,
        f"""WITH m AS (
            INSERT INTO inschrijvingen (tenant_id, jongere_id, brin, vestiging, onderwijssoort,
                leerjaar, datum_inschrijving, datum_uitschrijving, uitschrijving_gemeld_op)
            SELECT current_tenant(), jongere_id, brin, coalesce(vestiging, '00'), onderwijssoort,
                leerjaar::smallint, datum_inschrijving::date, datum_uitschrijving::date,
                CASE WHEN datum_uitschrijving IS NOT NULL THEN now() END
            FROM import_rows WHERE {OK}
            ON CONFLICT (tenant_id, jongere_id, brin, vestiging, datum_inschrijving) DO UPDATE SET
                onderwijssoort = excluded.onderwijssoort, leerjaar = excluded.leerjaar,
                datum_uitschrijving = excluded.datum_uitschrijving, bijgewerkt_op = now(),
                uitschrijving_gemeld_op = CASE
                    WHEN inschrijvingen.datum_uitschrijving IS NULL
                         AND excluded.datum_uitschrijving IS NOT NULL THEN now()
                    WHEN excluded.datum_uitschrijving IS NULL THEN NULL
                    ELSE inschrijvingen.uitschrijving_gemeld_op END
            WHERE (inschrijvingen.onderwijssoort, inschrijvingen.leerjaar,
                   inschrijvingen.datum_uitschrijving)
                  IS DISTINCT FROM (excluded.onderwijssoort, excluded.leerjaar,
                                    excluded.datum_uitschrijving)
            RETURNING (xmax = 0) AS nieuw)""",
    )
    report.ongewijzigd = report.gelezen - len(report.afgewezen) - report.nieuw - report.bijgewerkt


INSCHRIJVINGEN = ImportSpec(
    soort="inschrijvingen",
    kolommen=(
        "bsn",
        "brin",
        "vestiging",
        "onderwijssoort",
        "leerjaar",
        "datum_inschrijving",
        "datum_uitschrijving",
    ),
    verplicht=frozenset({"bsn", "brin", "onderwijssoort", "datum_inschrijving"}),
    regels=(
        ("bsn ~ '^[0-9]{9}$'", "BSN moet uit 9 cijfers bestaan"),
        ("is_bsn(bsn)", "BSN voldoet niet aan de elfproef"),
        ("jongere_id IS NOT NULL", "jongere niet bekend in de BRP-administratie van deze gemeente"),
        (f"onderwijssoort IN {ONDERWIJSSOORTEN}", "onbekende onderwijssoort"),
        ("school_bekend", "onbekende school (BRIN en vestiging niet in de scholenlijst)"),
        ("leerjaar IS NULL OR leerjaar ~ '^([0-9]|1[0-2])$'", "leerjaar moet 0 tot en met 12 zijn"),
        *_date_rules("datum_inschrijving", "datum_inschrijving", required=True, not_future=False),
        *_date_rules(
            "datum_uitschrijving", "datum_uitschrijving", required=False, not_future=False
        ),
        (
            "datum_uitschrijving IS NULL OR datum_uitschrijving::date >= datum_inschrijving::date",
            "datum_uitschrijving ligt voor datum_inschrijving",
        ),
    ),
    sleutel=("bsn", "brin", "coalesce(s.vestiging, '00')", "datum_inschrijving"),
    merge=_merge_inschrijvingen,
    joins=(
        "LEFT JOIN jongeren j ON j.bsn = s.bsn"
        " LEFT JOIN scholen sc ON sc.brin = s.brin AND sc.vestiging = coalesce(s.vestiging, '00')"
    ),
    select_extra=("j.id AS jongere_id", "sc.brin IS NOT NULL AS school_bekend"),
)


async def _merge_diplomas(conn: Conn, report: ImportReport) -> None:
    report.nieuw, report.bijgewerkt = await merge_counts(
        conn,
        f"""WITH m AS (
            INSERT INTO diplomas (tenant_id, jongere_id, diploma, datum)
            SELECT current_tenant(), jongere_id, diploma, datum::date
            FROM import_rows WHERE {OK}
            ON CONFLICT (tenant_id, jongere_id, diploma, datum) DO NOTHING
            RETURNING (xmax = 0) AS nieuw)""",
    )
    report.ongewijzigd = report.gelezen - len(report.afgewezen) - report.nieuw


DIPLOMAS_SPEC = ImportSpec(
    soort="diplomas",
    kolommen=("bsn", "diploma", "datum"),
    verplicht=frozenset({"bsn", "diploma", "datum"}),
    regels=(
        ("bsn ~ '^[0-9]{9}$'", "BSN moet uit 9 cijfers bestaan"),
        ("is_bsn(bsn)", "BSN voldoet niet aan de elfproef"),
        ("jongere_id IS NOT NULL", "jongere niet bekend in de BRP-administratie van deze gemeente"),
        (f"diploma IN {DIPLOMAS}", "onbekend diploma (havo, vwo, mbo1-4 of vmbo)"),
        *_date_rules("datum", "datum", required=True, not_future=True),
    ),
    sleutel=("bsn", "diploma", "datum"),
    merge=_merge_diplomas,
    joins="LEFT JOIN jongeren j ON j.bsn = s.bsn",
    select_extra=("j.id AS jongere_id",),
)


async def _merge_jkp(conn: Conn, report: ImportReport) -> None:
    report.nieuw, report.bijgewerkt = await merge_counts(
        conn,
        f"""WITH m AS (
            INSERT INTO jkp_startset (tenant_id, jongere_id, schooljaar, herkomst, brin,
                uitstroomdatum, bestemming)
            SELECT current_tenant(), jongere_id, schooljaar, herkomst, brin,
                uitstroomdatum::date, bestemming
            FROM import_rows WHERE {OK}
            ON CONFLICT (tenant_id, jongere_id, schooljaar) DO UPDATE SET
                herkomst = excluded.herkomst, brin = excluded.brin,
                uitstroomdatum = excluded.uitstroomdatum, bestemming = excluded.bestemming
            WHERE (jkp_startset.herkomst, jkp_startset.brin, jkp_startset.uitstroomdatum,
                   jkp_startset.bestemming)
                  IS DISTINCT FROM (excluded.herkomst, excluded.brin, excluded.uitstroomdatum,
                                    excluded.bestemming)
            RETURNING (xmax = 0) AS nieuw)""",
    )
    report.ongewijzigd = report.gelezen - len(report.afgewezen) - report.nieuw - report.bijgewerkt


JKP = ImportSpec(
    soort="jkp",
    kolommen=("bsn", "schooljaar", "herkomst", "brin", "uitstroomdatum", "bestemming"),
    verplicht=frozenset({"bsn", "schooljaar", "herkomst", "uitstroomdatum"}),
    regels=(
        ("bsn ~ '^[0-9]{9}$'", "BSN moet uit 9 cijfers bestaan"),
        ("is_bsn(bsn)", "BSN voldoet niet aan de elfproef"),
        ("jongere_id IS NOT NULL", "jongere niet bekend in de BRP-administratie van deze gemeente"),
        (
            "schooljaar ~ '^20[0-9]{2}-20[0-9]{2}$'"
            " AND right(schooljaar, 4)::int = left(schooljaar, 4)::int + 1",
            "schooljaar moet de vorm JJJJ-JJJJ hebben, twee opeenvolgende jaren",
        ),
        (
            "herkomst IN ('pro', 'vso', 'vmbo_b', 'entree')",
            "onbekende herkomst (pro, vso, vmbo_b of entree)",
        ),
        *_date_rules("uitstroomdatum", "uitstroomdatum", required=True, not_future=True),
        (
            "bestemming IS NULL OR bestemming IN ('entree', 'mbo2', 'arbeid', 'onbekend')",
            "onbekende bestemming (entree, mbo2, arbeid of onbekend)",
        ),
    ),
    sleutel=("bsn", "schooljaar"),
    merge=_merge_jkp,
    joins="LEFT JOIN jongeren j ON j.bsn = s.bsn",
    select_extra=("j.id AS jongere_id",),
)

SPECS = {s.soort: s for s in (SCHOLEN, BRP, INSCHRIJVINGEN, DIPLOMAS_SPEC, JKP)}
TENANT_SPECS = frozenset({"brp", "inschrijvingen", "diplomas", "jkp"})
