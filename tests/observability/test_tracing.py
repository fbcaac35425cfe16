"""Traces span the incoming request, its SQL and outgoing partner HTTP; no parameters recorded."""

from __future__ import annotations

import msgspec
import respx
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from portal.app import create_app
from portal.auth.tokens import TokenService
from portal.db.pool import Database
from portal.observability.tracing import configure_tracing
from portal.settings import Settings
from tests.conftest import AMSTERDAM, UserFactory, bearer, serve_in_loop


async def test_http_sql_and_outgoing_http_spans(
    settings: Settings, db: Database, tokens: TokenService, make_user: UserFactory
) -> None:
    exporter = InMemorySpanExporter()
    traced = msgspec.structs.replace(settings, trace_exporter="console")
    configure_tracing(traced, exporter)
    principal = await make_user(AMSTERDAM)
    app = create_app(traced, database=db)
    with respx.mock() as mock:
        mock.get("https://partner.example/ping").respond(200, json={})
        async with serve_in_loop(app) as client:
            response = await client.get("/api/v1/me", headers=bearer(tokens, principal))
            assert response.status_code == 200
            await app.state.http.get("https://partner.example/ping")
    trace.get_tracer_provider().force_flush()  # type: ignore[attr-defined]
    spans = exporter.get_finished_spans()
    names = [s.name for s in spans]
    assert any(n.startswith("GET /api/v1/me") for n in names), names
    sql = [s for s in spans if s.attributes and "db.statement" in s.attributes]
    assert any("auth_user_by_id" in str(s.attributes["db.statement"]) for s in sql)
    assert all("db.statement.parameters" not in (s.attributes or {}) for s in sql)
    assert any(
        (s.attributes or {}).get("url.full", (s.attributes or {}).get("http.url"))
        == "https://partner.example/ping"
        for s in spans
    ), names
    # SQL spans of the request are children of its HTTP span: one trace per request.
    http_span = next(s for s in spans if s.name.startswith("GET /api/v1/me") and s.parent is None)
    assert any(s.context.trace_id == http_span.context.trace_id for s in sql)
