"""Who asks, under which request id, and the database: what a use case needs to open its one
tenant transaction, handed from the handler to the service as one value."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import datetime

import msgspec

from portal.auth.principal import Principal
from portal.db.pool import Database, Tx


class RequestContext(msgspec.Struct, frozen=True):
    db: Database
    principal: Principal
    request_id: str

    def tx(
        self, purpose: str = "uitvoering wettelijke taak", *, nu: datetime | None = None
    ) -> AbstractAsyncContextManager[Tx]:
        """The use case's transaction, scoped to the caller's tenant, team, roles and BOA status."""
        return self.db.tenant_tx(self.principal, request_id=self.request_id, purpose=purpose, nu=nu)
