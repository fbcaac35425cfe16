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
    from_settings = exporter is None
    exporter = exporter or _configured_exporter(settings)
    resource = Resource.create({"service.name": settings.service_name})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    if from_settings:
        _configure_metrics(settings, resource)
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    # Statements are recorded, their parameters (a BSN, a name) never.
    AsyncPGInstrumentor(capture_parameters=False).instrument()
    HTTPXClientInstrumentor().instrument()
    _instrumented = True


def _configure_metrics(settings: Settings, resource: Resource) -> None:
    """Metrics (outbox backlog and age) go where the traces go."""
    from opentelemetry import metrics
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import (
        ConsoleMetricExporter,
        MetricExporter,
        PeriodicExportingMetricReader,
    )

    exporter: MetricExporter
    if settings.trace_exporter == "console":
        exporter = ConsoleMetricExporter()
    else:
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter

        exporter = OTLPMetricExporter()
    reader = PeriodicExportingMetricReader(exporter, export_interval_millis=60_000)
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=[reader]))
