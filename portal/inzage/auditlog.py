"""Reading the gemeente's audit log, for the privacy officer only (the database refuses anyone
else: policy `audit_alleen_privacy`). Filter by jongere, by user, by period; newest first,
keyset-paged. The read of the log is itself an audit event, naming the jongere looked into."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.db.paging import lees_cursor, pagina
from portal.db.request_context import RequestContext
from portal.problems import FieldError, unprocessable


class Gebeurtenis(msgspec.Struct, frozen=True):
    seq: int
    tijdstip: datetime
    gebruiker_id: UUID | None
    gebruiker: str | None
    """The user's name; none for the system itself (worker, import)."""
    rollen: list[str]
    actie: str
    object_soort: str
    object_id: str | None
    jongere_id: UUID | None
    doel: str
    request_id: str | None


class Auditlog(msgspec.Struct, frozen=True):
    items: list[Gebeurtenis]
    next_cursor: str | None


_SELECT = """
SELECT e.seq, e.occurred_at, e.actor_user_id, u.naam, e.actor_roles, e.action, e.object_type,
       e.object_id, e.jongere_id, e.purpose, e.request_id
FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
WHERE ($1::uuid IS NULL OR e.jongere_id = $1)
  AND ($2::uuid IS NULL OR e.actor_user_id = $2)
  AND ($3::date IS NULL OR e.occurred_at >= ($3::date::timestamp AT TIME ZONE 'Europe/Amsterdam'))
  AND ($4::date IS NULL
       OR e.occurred_at < (($4::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'))
  AND ($5::bigint IS NULL OR e.seq < $5)
ORDER BY e.seq DESC
LIMIT $6
"""


async def lees(
    ctx: RequestContext,
    *,
    jongere_id: UUID | None,
    gebruiker_id: UUID | None,
    van: date | None,
    tot: date | None,
    limit: int,
    cursor: str | None,
) -> Auditlog:
    if van and tot and tot < van:
        raise unprocessable([FieldError("tot", "de periode eindigt voor zij begint")])
    async with ctx.tx(purpose="privacy") as tx:
        rows = await tx.conn.fetch(
            _SELECT,
            jongere_id,
            gebruiker_id,
            van,
            tot,
            lees_cursor(cursor, "auditlog", int)[0],
            limit + 1,
        )
        detail: dict[str, Any] = {"gebruiker": str(gebruiker_id) if gebruiker_id else None}
        await record(tx, "read", "auditlog", None, jongere_id=jongere_id, detail=detail)
    found = pagina(
        rows,
        limit,
        "auditlog",
        lambda r: (r["seq"],),
        lambda r: Gebeurtenis(
            seq=r["seq"],
            tijdstip=r["occurred_at"],
            gebruiker_id=r["actor_user_id"],
            gebruiker=r["naam"],
            rollen=list(r["actor_roles"]),
            actie=r["action"],
            object_soort=r["object_type"],
            object_id=r["object_id"],
            jongere_id=r["jongere_id"],
            doel=r["purpose"],
            request_id=r["request_id"],
        ),
    )
    return Auditlog(items=found.items, next_cursor=found.next_cursor)
