"""Checks the audit hash chain of each tenant; used by `rmc-portal audit verify`."""

from __future__ import annotations

import msgspec

from portal.db.types import Conn


class ChainReport(msgspec.Struct, frozen=True):
    tenant_id: str
    checked: int
    broken_seq: int | None
    reason: str | None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


async def verify_chain(conn: Conn, tenant_id: str) -> ChainReport:
    """Verify one tenant's chain; the connection may be an admin's or the application role's."""
    async with conn.transaction():
        await conn.execute("SELECT set_config('rmc.tenant_id', $1, true)", tenant_id)
        row = await conn.fetchrow("SELECT * FROM portal.audit_verify($1)", tenant_id)
    assert row is not None
    return ChainReport(tenant_id, row["checked"], row["broken_seq"], row["reason"])
