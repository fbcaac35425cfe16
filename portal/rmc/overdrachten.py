"""Overdrachten to the Jongerenpunt (art. 9a, 23; API.md "Jongerenpunt").

A leerplichtambtenaar offers a VSV'er (under 23, no startkwalificatie, not enrolled); the handover
set is copied then, so the Jongerenpunt never reads the dossier. The Jongerenpunt accepts or
declines once (a second answer is a 409) and reports the bemiddeling; both answers go into the
werklogboek. Acceptance sets the date by which the leerplichtambtenaar checks that the jongere was
taken into mediation (art. 23): 20 werkdagen, the portal's default for this regierol.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from portal.audit.log import record, record_many
from portal.db.paging import STANDAARD, Pagina, gelezen_pagina, lees_cursor, pagina
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.domain.bsn import is_valid
from portal.domain.kalender import Dagsoort, termijn
from portal.domain.leerplicht import STARTKWALIFICATIES, leeftijd
from portal.domain.personen import Jongere
from portal.domain.woorden import BEMIDDELING_LABELS, OVERDRACHT_STATUS_LABELS
from portal.dossier.werklog import werklog
from portal.problems import FieldError, conflict, unprocessable

CONTROLE_WERKDAGEN = 20
Status = Literal["aangeboden", "geaccepteerd", "afgewezen"]
Bemiddeling = Literal["in_bemiddeling", "niet_bereikt", "afgerond"]
Tekst = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class Aanbod(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    bsn: str
    reden: Tekst
    toelichting: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class Acceptatie(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    besluit: Literal["geaccepteerd", "afgewezen"]
    reden: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class BemiddelingBericht(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    status: Bemiddeling
    datum: date


class Overdracht(msgspec.Struct, frozen=True):
    """The minimal handover set (what the Jongerenpunt sees)."""

    id: UUID
    status: Status
    naam: str
    geboortedatum: date
    contact: str
    reden: str
    bemiddeling: Bemiddeling | None
    bemiddeling_datum: date | None


class OverdrachtLpa(msgspec.Struct, frozen=True):
    """The leerplichtambtenaar's view: with the jongere, the answer and the check date."""

    id: UUID
    jongere_id: UUID
    status: Status
    naam: str
    reden: str
    toelichting: str | None
    besluit_reden: str | None
    bemiddeling: Bemiddeling | None
    bemiddeling_datum: date | None
    controle_uiterlijk: date | None
    controle_verlopen: bool
    aangeboden_op: datetime


class Overdrachten(msgspec.Struct, frozen=True):
    items: list[Overdracht]
    next_cursor: str | None


async def aanbieden(ctx: RequestContext, aanbod: Aanbod) -> OverdrachtLpa:
    if not is_valid(aanbod.bsn):
        raise unprocessable([FieldError("bsn", "het BSN voldoet niet aan de elfproef")])
    async with ctx.tx(purpose="overdracht") as tx:
        vandaag = tx.vandaag
        rij = await tx.conn.fetchrow(
            "SELECT * FROM jongeren WHERE bsn = $1 AND gemeentecode = tenant_id", aanbod.bsn
        )
        if rij is None:
            raise unprocessable([FieldError("bsn", "geen jongere met dit BSN in uw gemeente")])
        j = Jongere.van(rij)
        reden = await reden_geen_vsv(tx, j, vandaag)
        if reden:
            raise unprocessable([FieldError("bsn", reden)])
        overdracht_id = await aanmaken(tx, j, aanbod.reden, aanbod.toelichting)
        rij = await tx.conn.fetchrow("SELECT * FROM overdrachten WHERE id = $1", overdracht_id)
    return _lpa(rij, vandaag)


async def aanmaken(tx: Tx, j: Jongere, reden: str, toelichting: str | None) -> UUID:
    """The overdracht of jongere `j` with its handover set, its werklogboek entry and audit
    event; a 409 when one is already open. Shared by the API and the VSV case's step."""
    if await tx.conn.fetchval(
        "SELECT 1 FROM overdrachten WHERE jongere_id = $1 AND (status = 'aangeboden'"
        " OR (status = 'geaccepteerd' AND coalesce(bemiddeling, '') <> 'afgerond'))",
        j.id,
    ):
        raise conflict("Deze jongere is al aan het Jongerenpunt overgedragen.")
    contact = " ".join(filter(None, (j.postcode, j.huisnummer, j.woonplaats)))
    overdracht_id: UUID = await tx.conn.fetchval(
        "INSERT INTO overdrachten (tenant_id, jongere_id, naam, geboortedatum, contact, reden,"
        " toelichting) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        tx.tenant_id,
        j.id,
        j.naam,
        j.geboortedatum,
        contact,
        reden.strip()[:500],
        toelichting,
    )
    await werklog(tx, j.id, "Overdracht aan het Jongerenpunt", f"Aangeboden: {reden}", False)
    await record(tx, "create", "overdracht", overdracht_id, jongere_id=j.id)
    return overdracht_id


async def reden_geen_vsv(tx: Tx, j: Jongere, vandaag: date) -> str | None:
    """Why this jongere is not a VSV'er to hand over, or None."""
    if leeftijd(j.geboortedatum, vandaag) >= 23:
        return "de jongere is 23 of ouder: geen RMC-doelgroep"
    feiten = await tx.conn.fetchrow(
        "SELECT EXISTS (SELECT 1 FROM diplomas WHERE jongere_id = $1 AND diploma = ANY($2::text[])"
        "  AND datum <= $3) AS startkwalificatie,"
        " EXISTS (SELECT 1 FROM inschrijvingen WHERE jongere_id = $1 AND datum_inschrijving <= $3"
        "  AND (datum_uitschrijving IS NULL OR datum_uitschrijving >= $3)) AS ingeschreven",
        j.id,
        sorted(STARTKWALIFICATIES),
        vandaag,
    )
    assert feiten is not None
    if feiten["startkwalificatie"]:
        return "de jongere heeft een startkwalificatie"
    if feiten["ingeschreven"]:
        return "de jongere staat ingeschreven op een school"
    return None


async def van_lpa(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[OverdrachtLpa]:
    """The gemeente's overdrachten, the nearest check first (overdue marked), then the newest."""
    na = lees_cursor(cursor, "overdrachten", date, datetime, UUID)
    async with ctx.tx(purpose="overdracht") as tx:
        rows = await tx.conn.fetch(
            "SELECT *, coalesce(controle_uiterlijk, 'infinity') AS volgorde FROM overdrachten"
            " WHERE $1::date IS NULL OR coalesce(controle_uiterlijk, 'infinity') > $1"
            " OR (coalesce(controle_uiterlijk, 'infinity') = $1 AND (aangeboden_op, id) < ($2, $3))"
            " ORDER BY volgorde, aangeboden_op DESC, id DESC LIMIT $4",
            *na,
            limit + 1,
        )
        page = pagina(
            rows,
            limit,
            "overdrachten",
            lambda r: (r["volgorde"], r["aangeboden_op"], r["id"]),
            lambda r: _lpa(r, tx.vandaag),
        )
        if page.items:
            ids: list[UUID | None] = [o.jongere_id for o in page.items]
            await record_many(tx, "read", "overdracht", [str(o.id) for o in page.items], ids)
    return page


async def lijst(
    ctx: RequestContext, *, status: Status | None, limit: int, cursor: str | None
) -> Overdrachten:
    na = lees_cursor(cursor, "overdrachten jongerenpunt", datetime, UUID)
    async with ctx.tx(purpose="overdracht") as tx:
        rows = await tx.conn.fetch(
            "SELECT * FROM overdrachten WHERE ($1::text IS NULL OR status = $1)"
            " AND ($2::timestamptz IS NULL OR (aangeboden_op, id) < ($2, $3::uuid))"
            " ORDER BY aangeboden_op DESC, id DESC LIMIT $4",
            status,
            *na,
            limit + 1,
        )
        found = await gelezen_pagina(
            tx,
            "overdracht",
            rows,
            limit,
            "overdrachten jongerenpunt",
            lambda r: (r["aangeboden_op"], r["id"]),
            _uit,
        )
    return Overdrachten(found.items, found.next_cursor)


async def accepteren(
    ctx: RequestContext, overdracht_id: UUID, besluit: Acceptatie
) -> Overdracht | None:
    async with ctx.tx(purpose="overdracht") as tx:
        rij = await tx.conn.fetchrow(
            "SELECT * FROM overdrachten WHERE id = $1 FOR UPDATE", overdracht_id
        )
        if rij is None:
            return None
        if rij["status"] != "aangeboden":
            raise conflict(f"Over deze overdracht is al besloten ({rij['status']}).")
        if besluit.besluit == "afgewezen" and not (besluit.reden and besluit.reden.strip()):
            raise unprocessable([FieldError("reden", "geef de reden van afwijzen")])
        controle = (
            termijn(tx.vandaag, CONTROLE_WERKDAGEN, Dagsoort.WERKDAGEN)
            if besluit.besluit == "geaccepteerd"
            else None
        )
        await tx.conn.execute(
            "UPDATE overdrachten SET status = $2, besluit_reden = $3, besloten_op = now(),"
            " besloten_door = $4, controle_uiterlijk = $5 WHERE id = $1",
            overdracht_id,
            besluit.besluit,
            besluit.reden,
            ctx.principal.user_id,
            controle,
        )
        tekst = f"Jongerenpunt: {OVERDRACHT_STATUS_LABELS[besluit.besluit].lower()}" + (
            f" ({besluit.reden})" if besluit.reden else ""
        )
        nieuw = await _antwoord_vastleggen(tx, rij, tekst, {"besluit": besluit.besluit})
    return _uit(nieuw)


async def bemiddeling(
    ctx: RequestContext, overdracht_id: UUID, bericht: BemiddelingBericht
) -> Overdracht | None:
    nu = ctx.db.clock.nu()
    if bericht.datum > nu.date():
        raise unprocessable([FieldError("datum", "de datum ligt in de toekomst")])
    async with ctx.tx(purpose="overdracht", nu=nu) as tx:
        rij = await tx.conn.fetchrow(
            "SELECT * FROM overdrachten WHERE id = $1 FOR UPDATE", overdracht_id
        )
        if rij is None:
            return None
        if rij["status"] != "geaccepteerd":
            raise conflict("Bemiddeling meldt het Jongerenpunt pas na acceptatie.")
        if rij["bemiddeling"] == "afgerond":
            raise conflict("Deze bemiddeling is al afgerond.")
        await tx.conn.execute(
            "UPDATE overdrachten SET bemiddeling = $2, bemiddeling_datum = $3 WHERE id = $1",
            overdracht_id,
            bericht.status,
            bericht.datum,
        )
        tekst = (
            f"Jongerenpunt meldt: {BEMIDDELING_LABELS[bericht.status]} per {bericht.datum:%d-%m-%Y}"
        )
        nieuw = await _antwoord_vastleggen(tx, rij, tekst, {"bemiddeling": bericht.status})
    return _uit(nieuw)


async def _antwoord_vastleggen(tx: Tx, rij: Any, tekst: str, detail: dict[str, str]) -> Any:
    """The Jongerenpunt's answer in the werklogboek and the audit log; the row as it is now."""
    await werklog(tx, rij["jongere_id"], "Overdracht aan het Jongerenpunt", tekst, False)
    await record(tx, "update", "overdracht", rij["id"], jongere_id=rij["jongere_id"], detail=detail)
    return await tx.conn.fetchrow("SELECT * FROM overdrachten WHERE id = $1", rij["id"])


def _uit(r: Any) -> Overdracht:
    return Overdracht(
        id=r["id"],
        status=r["status"],
        naam=r["naam"],
        geboortedatum=r["geboortedatum"],
        contact=r["contact"],
        reden=r["reden"],
        bemiddeling=r["bemiddeling"],
        bemiddeling_datum=r["bemiddeling_datum"],
    )


def _lpa(r: Any, vandaag: date) -> OverdrachtLpa:
    return OverdrachtLpa(
        id=r["id"],
        jongere_id=r["jongere_id"],
        status=r["status"],
        naam=r["naam"],
        reden=r["reden"],
        toelichting=r["toelichting"],
        besluit_reden=r["besluit_reden"],
        bemiddeling=r["bemiddeling"],
        bemiddeling_datum=r["bemiddeling_datum"],
        controle_uiterlijk=r["controle_uiterlijk"],
        controle_verlopen=r["controle_uiterlijk"] is not None
        and r["bemiddeling"] is None
        and r["controle_uiterlijk"] < vandaag,
        aangeboden_op=r["aangeboden_op"],
    )
