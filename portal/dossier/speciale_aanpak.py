"""The "speciale aanpak" flag on a dossier (Privacyreglement 2016, 3.10): that the jongere falls
under a special approach, never which, with only a contact's name and phone number. Setting or
lifting it is one transaction with its werklogboek entry (which names neither) and audit event."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from portal.audit.log import record
from portal.db.pool import Tx
from portal.db.request_context import RequestContext
from portal.dossier.werklog import werklog
from portal.problems import FieldError, unprocessable

TELEFOON = re.compile(r"^\+?[0-9][0-9 -]{8,18}[0-9]$")


class NieuweSpecialeAanpak(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    contact_naam: Annotated[str, msgspec.Meta(max_length=100)]
    contact_telefoon: Annotated[str, msgspec.Meta(max_length=30)]


class SpecialeAanpak(msgspec.Struct, frozen=True):
    contact_naam: str
    contact_telefoon: str
    gezet_op: datetime


def _fouten(data: NieuweSpecialeAanpak) -> list[FieldError]:
    fouten = []
    naam = " ".join(data.contact_naam.split())
    if not naam:
        fouten.append(FieldError("contact_naam", "Vul de naam van de contactpersoon in."))
    elif not all(c.isprintable() for c in data.contact_naam):
        fouten.append(FieldError("contact_naam", "Een naam bevat geen stuurtekens."))
    if not TELEFOON.match(data.contact_telefoon.strip()):
        fouten.append(
            FieldError(
                "contact_telefoon",
                "Een telefoonnummer heeft 10 tot 20 cijfers, spaties of streepjes,"
                " bijvoorbeeld 020-552 3456.",
            )
        )
    return fouten


async def lees(tx: Tx, jongere_id: UUID) -> SpecialeAanpak | None:
    rij = await tx.conn.fetchrow(
        "SELECT contact_naam, contact_telefoon, gezet_op FROM speciale_aanpak"
        " WHERE jongere_id = $1",
        jongere_id,
    )
    return SpecialeAanpak(**dict(rij)) if rij else None


async def zetten(
    ctx: RequestContext, jongere_id: UUID, data: NieuweSpecialeAanpak
) -> SpecialeAanpak | None:
    """None for a jongere out of scope; a 422 with every field's reason at once."""
    if fouten := _fouten(data):
        raise unprocessable(fouten)
    async with ctx.tx(purpose="dossier bijhouden") as tx:
        if not await tx.conn.fetchval("SELECT true FROM jongeren WHERE id = $1", jongere_id):
            return None
        rij = await tx.conn.fetchrow(
            "INSERT INTO speciale_aanpak (tenant_id, jongere_id, contact_naam, contact_telefoon,"
            " gezet_door) VALUES ($1, $2, $3, $4, $5)"
            " ON CONFLICT (tenant_id, jongere_id) DO UPDATE SET"
            " contact_naam = excluded.contact_naam,"
            " contact_telefoon = excluded.contact_telefoon,"
            " gezet_op = now(), gezet_door = excluded.gezet_door"
            " RETURNING contact_naam, contact_telefoon, gezet_op",
            tx.tenant_id,
            jongere_id,
            " ".join(data.contact_naam.split()),
            data.contact_telefoon.strip(),
            ctx.principal.user_id,
        )
        await werklog(
            tx, jongere_id, "Speciale aanpak", "Vastgelegd, met een contactpersoon", False
        )
        await record(tx, "update", "speciale_aanpak", jongere_id, jongere_id=jongere_id)
    assert rij is not None  # an upsert returns its row
    return SpecialeAanpak(**dict(rij))


async def opheffen(ctx: RequestContext, jongere_id: UUID) -> bool:
    """False when there was none (or the jongere is out of scope)."""
    async with ctx.tx(purpose="dossier bijhouden") as tx:
        weg = await tx.conn.fetchval(
            "DELETE FROM speciale_aanpak WHERE jongere_id = $1 RETURNING true", jongere_id
        )
        if not weg:
            return False
        await werklog(tx, jongere_id, "Speciale aanpak", "Opgeheven", False)
        await record(tx, "delete", "speciale_aanpak", jongere_id, jongere_id=jongere_id)
    return True
