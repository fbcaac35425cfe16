"""Liveness and readiness for process managers and load balancers; no auth, no personal data."""

from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.datastructures import State

from portal.db.migrate import pending


class Health(msgspec.Struct):
    status: str
    pending_migrations: list[int] | None = None


@get("/health", sync_to_thread=False, include_in_schema=True, tags=["beheer"])
def health() -> Health:
    return Health(status="ok")


@get("/ready", tags=["beheer"])
async def ready(state: State) -> Response[Health]:
    try:
        async with state.db.system_conn() as conn:
            waiting = await pending(conn)
    except Exception:
        return Response(
            Health(status="database onbereikbaar"), status_code=503, headers={"Retry-After": "5"}
        )
    if waiting:
        return Response(
            Health(status="migraties ontbreken", pending_migrations=waiting), status_code=503
        )
    return Response(Health(status="ok"))
