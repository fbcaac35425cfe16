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


def configure_tracing(settings: Settings) -> None:
    global _instrumented
    if settings.trace_exporter == "none":
        return
    exporter: SpanExporter
    if settings.trace_exporter == "console":
        exporter = ConsoleSpanExporter()
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = (
            OTLPSpanExporter(endpoint=settings.otlp_endpoint)
            if settings.otlp_endpoint
            else OTLPSpanExporter()
        )
    provider = TracerProvider(resource=Resource.create({"service.name": settings.service_name}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    if not _instrumented:
        from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

        AsyncPGInstrumentor().instrument()
        HTTPXClientInstrumentor().instrument()
        _instrumented = True
