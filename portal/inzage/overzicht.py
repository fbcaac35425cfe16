"""The inzage overview of one jongere (AVG art. 15; everything shared in the team, the werklogboek
included, 2016 3.9): every record the gemeente keeps about the jongere, in plain sections, and who
looked at the data (by role and month, the recipients of art. 15(1)(c)). One transaction, one
audited export. Wpg-labelled records are not in it: the database shows them to sworn BOAs only,
and inzage in them follows the Wpg; the overview says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.auth.principal import ROLE_LABELS, Role
from portal.clock import ZONE
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain import bsn
from portal.domain.woorden import (
    GESLACHT_LABELS,
    KENNISGEVING_LABELS,
    MELDING_SOORT_LABELS,
    MELDING_STATUS_LABELS,
    OVERDRACHT_STATUS_LABELS,
    SIGNAAL_LABELS,
    SIGNAAL_STATUS_LABELS,
    SOORT_LABELS,
    STATUS_LABELS,
    VERLOF_GRONDEN,
    VERLOF_STATUS_LABELS,
    VRIJSTELLING_GRONDEN,
    overgang,
)
from portal.problems import FieldError, unprocessable


class Sectie(msgspec.Struct, frozen=True):
    titel: str
    kolommen: list[str]
    rijen: list[list[str]]


class Inzage(msgspec.Struct, frozen=True):
    jongere_id: UUID
    naam: str
    opgesteld_op: datetime
    gemeente: str
    secties: list[Sectie]
    toelichting: list[str]


def _tekst(waarde: Any) -> str:
    """A value as the citizen reads it: dates Dutch, moments in Amsterdam's time."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.astimezone(ZONE).strftime("%d-%m-%Y %H:%M")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return ", ".join(_tekst(w) for w in waarde)
    return str(waarde)


Woorden = dict[str, str] | None
"""Per column the words for its codes (None: shown as it is)."""


def _woorden(*kolommen: Woorden) -> Callable[[Any], list[Any]]:
    def rij(r: Any) -> list[Any]:
        return [
            (w.get(v, v) if w is not None and isinstance(v, str) else v)
            for v, w in zip(r.values(), (*kolommen, *[None] * len(r)), strict=False)
        ]

    return rij


def _stap(r: Any) -> list[Any]:
    return [r["gezet_op"], overgang(r["actie"], r["van_status"], r["naar_status"]), r["uitleg"]]


_ZO = _woorden()
# (title, columns, query with $1 = jongere id, how a row reads in words); each query reads under
# the officer's RLS.
_SECTIES: list[tuple[str, list[str], str, Callable[[Any], list[Any]]]] = [
    (
        "Inschrijvingen op scholen",
        ["School", "BRIN", "Onderwijssoort", "Ingeschreven", "Uitgeschreven"],
        "SELECT s.naam, i.brin, i.onderwijssoort, i.datum_inschrijving, i.datum_uitschrijving"
        " FROM inschrijvingen i LEFT JOIN scholen s USING (brin, vestiging)"
        " WHERE i.jongere_id = $1 ORDER BY i.datum_inschrijving",
        _ZO,
    ),
    (
        "Diploma's",
        ["Diploma", "Datum"],
        "SELECT diploma, datum FROM diplomas WHERE jongere_id = $1 ORDER BY datum",
        _ZO,
    ),
    (
        "Vrijstellingen",
        ["Grond (artikel)", "Van", "Tot en met"],
        "SELECT grond, van, tot FROM vrijstellingen WHERE jongere_id = $1 ORDER BY van",
        _woorden(VRIJSTELLING_GRONDEN),
    ),
    (
        "Kennisgevingen van scholen",
        ["Soort", "Datum", "School", "Naar school", "Reden", "Te laat"],
        "SELECT k.soort, k.datum, coalesce(s.naam || ' (' || k.brin || ')', k.brin),"
        " coalesce(b.naam || ' (' || k.bestemming_brin || ')', k.bestemming_brin), k.reden,"
        " k.te_laat FROM kennisgevingen k"
        " LEFT JOIN LATERAL (SELECT naam FROM scholen WHERE brin = k.brin LIMIT 1) s ON true"
        " LEFT JOIN LATERAL (SELECT naam FROM scholen WHERE brin = k.bestemming_brin LIMIT 1) b"
        " ON true WHERE k.jongere_id = $1 ORDER BY k.datum",
        _woorden(KENNISGEVING_LABELS),
    ),
    (
        "Verzuimmeldingen",
        ["Ontvangen", "School", "Soort", "Van", "Tot", "Uren", "Status", "Reden afgesloten"],
        "SELECT m.ontvangen_op, coalesce(s.naam || ' (' || m.brin || ')', m.brin), m.soort,"
        " m.periode_van, m.periode_tot, m.verzuimde_uren, m.status, m.reden_afgesloten"
        " FROM meldingen m"
        " LEFT JOIN LATERAL (SELECT naam FROM scholen WHERE brin = m.brin LIMIT 1) s ON true"
        " WHERE m.jongere_id = $1 ORDER BY m.ontvangen_op",
        _woorden(None, None, MELDING_SOORT_LABELS, None, None, None, MELDING_STATUS_LABELS),
    ),
    (
        "Verlofaanvragen",
        ["Ingediend", "Reden", "Eerste dag", "Laatste dag", "Schooldagen", "Status", "Motivering"],
        "SELECT v.ingediend_op, v.grond, v.eerste_dag, v.laatste_dag, v.schooldagen, v.status,"
        " v.motivering FROM verlofaanvragen v JOIN jongeren j ON j.bsn = v.bsn"
        " WHERE j.id = $1 ORDER BY v.ingediend_op",
        _woorden(None, VERLOF_GRONDEN, None, None, None, VERLOF_STATUS_LABELS),
    ),
    (
        "Signalen uit de controles",
        ["Gevonden", "Soort", "Status", "Reden", "Peildatum"],
        "SELECT gevonden_op, soort, status, reden, peildatum FROM signalen"
        " WHERE jongere_id = $1 ORDER BY gevonden_op",
        _woorden(None, SIGNAAL_LABELS, SIGNAAL_STATUS_LABELS),
    ),
    (
        "Zaken",
        ["Soort", "Status", "Geopend", "Gesloten"],
        "SELECT soort, status, geopend_op, gesloten_op FROM zaken WHERE jongere_id = $1"
        " ORDER BY geopend_op",
        _woorden(SOORT_LABELS, STATUS_LABELS),
    ),
    (
        "Stappen in de zaken",
        ["Datum", "Stap", "Toelichting"],
        "SELECT st.gezet_op, st.actie, st.van_status, st.naar_status, st.uitleg"
        " FROM zaakstappen st JOIN zaken z ON z.id = st.zaak_id WHERE z.jongere_id = $1"
        " ORDER BY st.gezet_op",
        _stap,
    ),
    (
        "Werklogboek",
        ["Datum", "Door", "Met wie of wat", "Resultaat", "Vervolgactie"],
        "SELECT datum, auteur_naam, met_wie_wat, resultaat, vervolgactie FROM werklogboek"
        " WHERE jongere_id = $1 ORDER BY datum, vastgelegd_op",
        _ZO,
    ),
    (
        "Brieven",
        ["Opgesteld", "Titel", "Kopie aan school"],
        "SELECT opgesteld_op, titel, kopie_school FROM brieven WHERE jongere_id = $1"
        " ORDER BY opgesteld_op",
        _ZO,
    ),
    (
        "Overdrachten aan het Jongerenpunt",
        ["Aangeboden", "Reden", "Status", "Bemiddeling"],
        "SELECT aangeboden_op, reden, status, bemiddeling FROM overdrachten"
        " WHERE jongere_id = $1 ORDER BY aangeboden_op",
        _woorden(None, None, OVERDRACHT_STATUS_LABELS),
    ),
]
_INZAGE_DOOR = """
SELECT to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS maand, actor_roles,
       action, count(*) AS aantal
FROM audit_events WHERE jongere_id = $1
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""
_ACTIES = {
    "read": "ingezien",
    "create": "vastgelegd",
    "update": "gewijzigd",
    "export": "uitgevoerd",
}


def _rollen(rollen: list[str]) -> str:
    labels = []
    for r in rollen:
        try:
            labels.append(ROLE_LABELS[Role(r)])
        except ValueError:
            labels.append(r)
    return ", ".join(labels) or "het systeem (controle, import of koppeling)"


async def _secties(tx: Tx, jongere_id: UUID) -> list[Sectie]:
    secties = []
    for titel, kolommen, sql, rij in _SECTIES:
        rows = await tx.conn.fetch(sql, jongere_id)
        secties.append(Sectie(titel, kolommen, [[_tekst(v) for v in rij(r)] for r in rows]))
    meldcode = await tx.conn.fetchval("SELECT meldcode_aantal($1)", jongere_id)
    if meldcode:
        # Special-category data (art. 17): that it exists, not what it holds (migration 0047).
        secties.append(
            Sectie(
                "Meldcode huiselijk geweld en kindermishandeling",
                ["Wat", "Aantal"],
                [
                    [
                        "Vastgelegde meldcode-trajecten; inzage in de inhoud loopt via de "
                        "leerplichtambtenaar die het traject behandelt",
                        str(meldcode),
                    ]
                ],
            )
        )
    door = await tx.conn.fetch(_INZAGE_DOOR, jongere_id)
    secties.append(
        Sectie(
            "Wie de gegevens gebruikte",
            ["Maand", "Functie", "Wat", "Aantal keer"],
            [
                [
                    r["maand"],
                    _rollen(list(r["actor_roles"])),
                    _ACTIES.get(r["action"], r["action"]),
                    str(r["aantal"]),
                ]
                for r in door
            ],
        )
    )
    return secties


async def inzage(ctx: RequestContext, jongere_id: UUID) -> Inzage | None:
    async with ctx.tx(purpose="inzageverzoek") as tx:
        j = await tx.conn.fetchrow(
            "SELECT j.*, t.naam AS gemeente FROM jongeren j JOIN tenants t ON t.id = j.tenant_id"
            " WHERE j.id = $1",
            jongere_id,
        )
        if j is None:
            return None
        naam = " ".join(filter(None, (j["voornamen"], j["voorvoegsel"], j["geslachtsnaam"])))
        persoon = Sectie(
            "Persoonsgegevens",
            ["Gegeven", "Waarde"],
            [
                ["Naam", naam],
                ["BSN", j["bsn"]],
                ["Geboortedatum", _tekst(j["geboortedatum"])],
                ["Geslacht", GESLACHT_LABELS.get(j["geslacht"] or "", _tekst(j["geslacht"]))],
                ["Adres", " ".join(filter(None, (j["postcode"], j["huisnummer"])))],
                ["Woonplaats", _tekst(j["woonplaats"])],
                *(
                    [f"Ouder of verzorger {n}", _tekst(j[f"ouder{n}_naam"])]
                    for n in (1, 2)
                    if j[f"ouder{n}_naam"]
                ),
            ],
        )
        secties = [persoon, *await _secties(tx, jongere_id)]
        await record(tx, "export", "inzage", jongere_id, jongere_id=jongere_id)
    return Inzage(
        jongere_id=jongere_id,
        naam=naam,
        opgesteld_op=tx.nu,
        gemeente=j["gemeente"],
        secties=secties,
        toelichting=[
            "Dit overzicht bevat alle gegevens die de gemeente in het leerplicht- en RMC-systeem"
            " over de jongere bewaart, en wie ze gebruikte (per functie en maand).",
            "Gegevens over een strafrechtelijk onderzoek (proces-verbaal, Halt-verwijzing, verhoor)"
            " vallen onder de Wet politiegegevens en staan hier niet in; inzage daarin loopt"
            " via een eigen verzoek.",
            "Gegevens die een school zelf over de leerling bewaart, staan in de administratie van"
            " die school.",
        ],
    )


class Gevonden(msgspec.Struct, frozen=True):
    jongere_id: UUID
    naam: str


async def zoek_bsn(ctx: RequestContext, waarde: str) -> Gevonden | None:
    """The jongere of an inzage request, by BSN only (a request names the person exactly)."""
    reden = bsn.reason_invalid(waarde)
    nummer = bsn.normalize(waarde)
    if reden or nummer is None:
        raise unprocessable([FieldError("bsn", reden or "BSN moet uit 9 cijfers bestaan")])
    async with ctx.tx(purpose="inzageverzoek") as tx:
        r = await tx.conn.fetchrow(
            "SELECT id, concat_ws(' ', voornamen, voorvoegsel, geslachtsnaam) AS naam"
            " FROM jongeren WHERE bsn = $1",
            nummer,
        )
        if r is None:
            return None
        await record(tx, "read", "jongere", r["id"], jongere_id=r["id"])
    return Gevonden(r["id"], r["naam"])
