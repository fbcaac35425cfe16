"""The Top1000 coupling (art. 2.5) as a use case: the teammanager couples a jongere the AcVZ
reported; the rule lives in `portal/domain/top1000.py`, the coupling, its werklogboek entry and
its audit event commit together. A re-coupling replaces the earlier one (the werklogboek keeps
it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record, record_many
from portal.db.paging import STANDAARD, Pagina, lees_cursor, pagina
from portal.db.request_context import RequestContext
from portal.domain.bsn import is_valid
from portal.domain.leerplicht import leeftijd
from portal.domain.top1000 import koppelen
from portal.dossier.service import INSCHRIJVINGEN_MET_SCHOOL, toewijzing_van
from portal.dossier.werklog import werklog
from portal.problems import FieldError, unprocessable


class Aanmelding(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    bsn: str
    leerplichtambtenaar_id: UUID | None = None


class Gekoppeld(msgspec.Struct, frozen=True):
    jongere_id: UUID
    naam: str
    leeftijd: int
    leerplichtambtenaar: str | None
    team: str | None
    gemeentecode: str | None
    toelichting: str
    gekoppeld_op: datetime


async def koppel(ctx: RequestContext, aanmelding: Aanmelding) -> Gekoppeld:
    if not is_valid(aanmelding.bsn):
        raise unprocessable([FieldError("bsn", "het BSN voldoet niet aan de elfproef")])
    async with ctx.tx(purpose="top1000") as tx:
        vandaag = tx.vandaag
        j = await tx.conn.fetchrow(
            "SELECT j.*, t.naam AS team FROM jongeren j LEFT JOIN teams t ON t.id = j.team_id"
            " WHERE j.bsn = $1 AND j.gemeentecode = j.tenant_id",
            aanmelding.bsn,
        )
        if j is None:
            raise unprocessable([FieldError("bsn", "geen jongere met dit BSN in uw gemeente")])
        lpa = aanmelding.leerplichtambtenaar_id
        if lpa is not None and not await tx.conn.fetchval(
            "SELECT 1 FROM users WHERE id = $1 AND actief AND 'leerplichtambtenaar' = ANY(roles)",
            lpa,
        ):
            raise unprocessable(
                [
                    FieldError(
                        "leerplichtambtenaar_id", "geen actieve leerplichtambtenaar van uw gemeente"
                    )
                ]
            )
        inschrijvingen = await tx.conn.fetch(INSCHRIJVINGEN_MET_SCHOOL, j["id"])
        uitkomst = koppelen(
            leeftijd(j["geboortedatum"], vandaag),
            lpa,
            toewijzing_van(j, inschrijvingen, tx.tenant_id, vandaag),
        )
        if isinstance(uitkomst, str):
            veld = "leerplichtambtenaar_id" if "leerplichtambtenaar" in uitkomst else "bsn"
            raise unprocessable([FieldError(veld, uitkomst)])
        await tx.conn.execute(
            "INSERT INTO top1000 (tenant_id, jongere_id, leerplichtambtenaar_id, team,"
            " gemeentecode, toelichting) VALUES ($1, $2, $3, $4, $5, $6)"
            " ON CONFLICT (tenant_id, jongere_id) DO UPDATE SET"
            " leerplichtambtenaar_id = excluded.leerplichtambtenaar_id, team = excluded.team,"
            " gemeentecode = excluded.gemeentecode, toelichting = excluded.toelichting,"
            " gekoppeld_door = current_user_id(), gekoppeld_op = now()",
            tx.tenant_id,
            j["id"],
            uitkomst.leerplichtambtenaar_id,
            uitkomst.team,
            uitkomst.gemeentecode,
            uitkomst.toelichting,
        )
        await werklog(tx, j["id"], "Top1000-aanpak", f"Gekoppeld: {uitkomst.toelichting}", False)
        await record(tx, "create", "top1000", j["id"], jongere_id=j["id"])
        rij = await tx.conn.fetchrow(_LIJST + " AND k.jongere_id = $1", j["id"])
    return _uit(rij, vandaag)


_LIJST = """
SELECT k.*, concat_ws(' ', j.voornamen, j.voorvoegsel, j.geslachtsnaam) AS naam,
       j.geboortedatum, u.naam AS lpa_naam
FROM top1000 k JOIN jongeren j ON j.id = k.jongere_id
LEFT JOIN users u ON u.id = k.leerplichtambtenaar_id
WHERE true
"""

# A page by name after the cursor's jongere (its name looked up here, never carried in a cursor).
_PAGINA = (
    f"SELECT * FROM ({_LIJST}) l WHERE $1::uuid IS NULL OR (l.naam, l.jongere_id) >"  # noqa: S608 - constants only
    f" (SELECT k.naam, k.jongere_id FROM ({_LIJST}) k WHERE k.jongere_id = $1)"
    " ORDER BY l.naam, l.jongere_id LIMIT $2"
)


async def lijst(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[Gekoppeld]:
    """The coupled jongeren by name; the cursor holds the last one's id, never a name."""
    na = lees_cursor(cursor, "top1000", UUID)[0]
    async with ctx.tx(purpose="top1000") as tx:
        rows = await tx.conn.fetch(
            _PAGINA,
            na,
            limit + 1,
        )
        page = pagina(
            rows, limit, "top1000", lambda r: (r["jongere_id"],), lambda r: _uit(r, tx.vandaag)
        )
        if page.items:
            ids: list[UUID | None] = [g.jongere_id for g in page.items]
            await record_many(tx, "read", "top1000", [str(i) for i in ids], ids)
    return page


def _uit(r: Any, vandaag: date) -> Gekoppeld:
    return Gekoppeld(
        jongere_id=r["jongere_id"],
        naam=r["naam"],
        leeftijd=leeftijd(r["geboortedatum"], vandaag),
        leerplichtambtenaar=r["lpa_naam"],
        team=r["team"],
        gemeentecode=r["gemeentecode"],
        toelichting=r["toelichting"],
        gekoppeld_op=r["gekoppeld_op"],
    )
