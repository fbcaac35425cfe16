"""OpenTelemetry traces for HTTP in, SQL and HTTP out; the exporter is an operator's choice.

With the exporter `none` no provider is installed and the instrumentation costs next to nothing.
"""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

from portal.settings import Settings

_instrumented = False


def _configured_exporter(settings: Settings) -> SpanExporter:
    if settings.trace_exporter == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    if settings.otlp_endpoint:
        return OTLPSpanExporter(endpoint=settings.otlp_endpoint)
    return OTLPSpanExporter()


def configure_tracing(settings: Settings, exporter: SpanExporter | None = None) -> None:
    """Install the provider and instrument asyncpg and httpx (once per process).

    `exporter` overrides the configured one (tests use an in-memory exporter).
    """
    global _instrumented
    if _instrumented or (settings.trace_exporter == "none" and exporter is None):
        return
    exporter = exporter or _configured_exporter(settings)
    provider = TracerProvider(resource=Resource.create({"service.name": settings.service_name}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    # Statements are recorded, their parameters (a BSN, a name) never.
    AsyncPGInstrumentor(capture_parameters=False).instrument()
    HTTPXClientInstrumentor().instrument()
    _instrumented = True
