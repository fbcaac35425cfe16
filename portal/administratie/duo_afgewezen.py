"""DUO's in- and uitschrijvingen that could not be applied, with their reasons: the administratief
medewerker's list to resolve (a school missing from the list of schools, a jongere not yet in the
BRP import), as the rejects of an import are."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from portal.audit.log import record
from portal.db.paging import STANDAARD, Pagina, lees_cursor, pagina
from portal.db.request_context import RequestContext


class AfgewezenMutatie(msgspec.Struct, frozen=True):
    duo_mutatie_id: str
    soort: str
    bsn: str
    brin: str
    vestiging: str
    datum: date
    reden: str
    ontvangen_op: datetime


def _uit(r: Any) -> AfgewezenMutatie:
    return AfgewezenMutatie(
        r["duo_mutatie_id"],
        r["soort"],
        r["bsn"],
        r["brin"],
        r["vestiging"],
        r["datum"],
        r["reden"],
        r["ontvangen_op"],
    )


async def afgewezen(
    ctx: RequestContext, *, limit: int = STANDAARD, cursor: str | None = None
) -> Pagina[AfgewezenMutatie]:
    """Newest first, a page at a time; the read is audited (the rows name BSNs)."""
    na = lees_cursor(cursor, "duo_mutaties", datetime, str)
    async with ctx.tx(purpose="controle leerplicht") as tx:
        rows = await tx.conn.fetch(
            "SELECT duo_mutatie_id, soort, bsn, brin, vestiging, datum, reden, ontvangen_op"
            " FROM duo_mutaties WHERE NOT verwerkt"
            " AND ($1::timestamptz IS NULL OR (ontvangen_op, duo_mutatie_id) < ($1, $2))"
            " ORDER BY ontvangen_op DESC, duo_mutatie_id DESC LIMIT $3",
            *na,
            limit + 1,
        )
        if rows:
            await record(tx, "read", "duo_mutaties_afgewezen", detail={"aantal": len(rows[:limit])})
    return pagina(
        rows, limit, "duo_mutaties", lambda r: (r["ontvangen_op"], r["duo_mutatie_id"]), _uit
    )
