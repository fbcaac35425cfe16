"""Use cases of the dossier: search, read (audited), and writing in the werklogboek.

Each runs in one tenant-scoped transaction with its audit event; a jongere of another gemeente is
simply not found (row-level security), which the routes answer with 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from portal.audit.log import record
from portal.auth.permissions import Permission, allows
from portal.db.request_context import RequestContext
from portal.domain.leerplicht import Diploma, Inschrijving, leeftijd, status_op
from portal.domain.toewijzing import SchoolLocatie, Toewijzing, toewijzen
from portal.dossier import speciale_aanpak
from portal.dossier.models import (
    DiplomaUit,
    Dossier,
    InschrijvingUit,
    KennisgevingUit,
    NieuweWerklogboekEntry,
    Ouder,
    SignaalUit,
    Status,
    ToewijzingUit,
    WerklogboekEntry,
)
from portal.problems import FieldError, unprocessable

INSCHRIJVINGEN_MET_SCHOOL = (
    "SELECT i.*, s.naam AS school, s.gemeentecode AS school_gemeente,"
    " s.team AS school_team FROM inschrijvingen i"
    " JOIN scholen s USING (brin, vestiging) WHERE i.jongere_id = $1"
    " ORDER BY i.datum_inschrijving DESC"
)


def toewijzing_van(
    j: Any, inschrijvingen: list[Any], gemeentecode: str, vandaag: date
) -> Toewijzing:
    """Who handles the jongere today: `j` with its woonteam's name as `team`, `inschrijvingen` as
    `INSCHRIJVINGEN_MET_SCHOOL` reads them."""
    actief = next(
        (
            i
            for i in inschrijvingen
            if i["datum_inschrijving"] <= vandaag
            and (i["datum_uitschrijving"] is None or i["datum_uitschrijving"] >= vandaag)
        ),
        None,
    )
    return toewijzen(
        leeftijd=leeftijd(j["geboortedatum"], vandaag),
        school=SchoolLocatie(actief["school"], actief["school_gemeente"], actief["school_team"])
        if actief
        else None,
        woonteam=j["team"],
        gemeentecode=gemeentecode,
    )


async def lees_dossier(ctx: RequestContext, jongere_id: UUID) -> Dossier | None:
    async with ctx.tx(purpose="dossier inzien") as tx:
        j = await tx.conn.fetchrow(
            "SELECT j.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,"
            " t.naam AS team FROM jongeren j LEFT JOIN teams t ON t.id = j.team_id"
            " WHERE j.id = $1",
            jongere_id,
        )
        if j is None:
            return None
        inschrijvingen = await tx.conn.fetch(INSCHRIJVINGEN_MET_SCHOOL, jongere_id)
        diplomas = await tx.conn.fetch(
            "SELECT diploma, datum FROM diplomas WHERE jongere_id = $1 ORDER BY datum", jongere_id
        )
        kennisgevingen = await tx.conn.fetch(
            "SELECT soort, datum, brin, bestemming_brin, reden, te_laat FROM kennisgevingen"
            " WHERE jongere_id = $1 ORDER BY datum DESC",
            jongere_id,
        )
        signalen = await tx.conn.fetch(
            "SELECT id, soort, status, reden, peildatum FROM signalen WHERE jongere_id = $1"
            " ORDER BY gevonden_op DESC",
            jongere_id,
        )
        log = None
        if allows(ctx.principal, Permission.READ_CASE_HISTORY):
            log = await tx.conn.fetch(
                "SELECT * FROM werklogboek WHERE jongere_id = $1"
                " ORDER BY datum DESC, vastgelegd_op DESC",
                jongere_id,
            )
        aanpak = await speciale_aanpak.lees(tx, jongere_id)
        await record(tx, "read", "dossier", jongere_id, jongere_id=jongere_id)
    toewijzing = toewijzing_van(j, inschrijvingen, ctx.principal.tenant_id, tx.vandaag)
    status = status_op(
        j["geboortedatum"],
        tx.vandaag,
        [Inschrijving(i["datum_inschrijving"], i["datum_uitschrijving"]) for i in inschrijvingen],
        [Diploma(d["diploma"], d["datum"]) for d in diplomas],
    )
    return Dossier(
        id=j["id"],
        bsn=j["bsn"],
        naam=j["naam"],
        voornamen=j["voornamen"],
        voorvoegsel=j["voorvoegsel"],
        geslachtsnaam=j["geslachtsnaam"],
        geboortedatum=j["geboortedatum"],
        geslacht=j["geslacht"],
        adres=" ".join(filter(None, (j["postcode"], j["huisnummer"]))),
        woonplaats=j["woonplaats"],
        gemeentecode=j["gemeentecode"],
        team=j["team"],
        toewijzing=ToewijzingUit(
            toewijzing.grondslag.value,
            toewijzing.team,
            toewijzing.gemeentecode,
            toewijzing.toelichting,
        ),
        ouders=[
            Ouder(j[f"ouder{n}_naam"], j[f"ouder{n}_bsn"])
            for n in (1, 2)
            if j[f"ouder{n}_naam"] or j[f"ouder{n}_bsn"]
        ],
        leerplicht=Status(status.status.value, status.reden, status.tot),
        inschrijvingen=[
            InschrijvingUit(
                i["brin"],
                i["vestiging"],
                i["school"],
                i["onderwijssoort"],
                i["leerjaar"],
                i["datum_inschrijving"],
                i["datum_uitschrijving"],
            )
            for i in inschrijvingen
        ],
        diplomas=[DiplomaUit(d["diploma"], d["datum"]) for d in diplomas],
        signalen=[
            SignaalUit(s["id"], s["soort"], s["status"], s["reden"], s["peildatum"])
            for s in signalen
        ],
        werklogboek=None if log is None else [_entry(e) for e in log],
        kennisgevingen=[
            KennisgevingUit(
                k["soort"], k["datum"], k["brin"], k["bestemming_brin"], k["reden"], k["te_laat"]
            )
            for k in kennisgevingen
        ],
        speciale_aanpak=aanpak,
    )


async def schrijf_werklogboek(
    ctx: RequestContext, jongere_id: UUID, entry: NieuweWerklogboekEntry
) -> WerklogboekEntry | None:
    nu = ctx.db.clock.nu()
    errors = []
    if entry.datum > nu.date():
        errors.append(FieldError("datum", "een werklogboekregel gaat over wat gebeurd is"))
    if entry.vervolg_wanneer and entry.vervolg_wanneer < entry.datum:
        errors.append(FieldError("vervolg_wanneer", "ligt voor de datum van de actie"))
    if (entry.vervolg_wie or entry.vervolg_wanneer) and not entry.vervolgactie:
        errors.append(FieldError("vervolgactie", "beschrijf de vervolgactie bij wie of wanneer"))
    if errors:
        raise unprocessable(errors)
    async with ctx.tx(purpose="werklogboek") as tx:
        if not await tx.conn.fetchval("SELECT 1 FROM jongeren WHERE id = $1", jongere_id):
            return None
        row = await tx.conn.fetchrow(
            "INSERT INTO werklogboek (jongere_id, auteur_naam, datum, met_wie_wat, resultaat,"
            " vervolgactie, vervolg_wie, vervolg_wanneer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " RETURNING *",
            jongere_id,
            ctx.principal.naam,
            entry.datum,
            entry.met_wie_wat,
            entry.resultaat,
            entry.vervolgactie,
            entry.vervolg_wie,
            entry.vervolg_wanneer,
        )
        assert row is not None
        await record(tx, "create", "werklogboek", row["id"], jongere_id=jongere_id)
    return _entry(row)


def _entry(r: asyncpg.Record) -> WerklogboekEntry:
    return WerklogboekEntry(
        id=r["id"],
        datum=r["datum"],
        auteur=r["auteur_naam"],
        met_wie_wat=r["met_wie_wat"],
        resultaat=r["resultaat"],
        vervolgactie=r["vervolgactie"],
        vervolg_wie=r["vervolg_wie"],
        vervolg_wanneer=r["vervolg_wanneer"],
        vastgelegd_op=r["vastgelegd_op"],
    )
