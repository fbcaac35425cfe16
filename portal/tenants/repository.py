"""Reads of the tenants reference table and the tenant's teams."""

from __future__ import annotations

from uuid import UUID

import msgspec

from portal.db.types import Conn

CONTACTGEMEENTE = "0363"  # Amsterdam coordinates the region (art. 9a, 22)


class Gemeente(msgspec.Struct, frozen=True):
    code: str
    naam: str
    contactgemeente: bool


async def gemeente(conn: Conn, code: str) -> Gemeente | None:
    row = await conn.fetchrow("SELECT id, naam, contactgemeente FROM tenants WHERE id = $1", code)
    return Gemeente(row["id"], row["naam"], row["contactgemeente"]) if row else None


async def regio(conn: Conn) -> list[Gemeente]:
    rows = await conn.fetch("SELECT id, naam, contactgemeente FROM tenants ORDER BY naam")
    return [Gemeente(r["id"], r["naam"], r["contactgemeente"]) for r in rows]


async def team_naam(conn: Conn, team_id: UUID | None) -> str | None:
    """The team's name, within the transaction's tenant (row-level security)."""
    if team_id is None:
        return None
    naam: str | None = await conn.fetchval("SELECT naam FROM teams WHERE id = $1", team_id)
    return naam


class TeamRegel(msgspec.Struct, frozen=True):
    id: UUID
    naam: str
    soort: str


async def teams(conn: Conn) -> list[TeamRegel]:
    """The transaction's tenant's teams (row-level security), by name."""
    rows = await conn.fetch("SELECT id, naam, soort FROM teams ORDER BY naam")
    return [TeamRegel(r["id"], r["naam"], r["soort"]) for r in rows]
