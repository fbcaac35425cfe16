"""create_app(settings): the one place where everything is wired."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from litestar import Litestar
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from portal.administratie.routes import ControlesController
from portal.auth.middleware import AuthenticationMiddleware
from portal.auth.oidc import OidcClient
from portal.auth.routes import AuthController, jwks
from portal.auth.tokens import JwksCache, TokenService, load_or_create_signing_key
from portal.beheer.routes import BeheerController
from portal.brieven.routes import AfzenderController, BrievenController, SjablonenController
from portal.context import (
    provide_context,
    provide_db,
    provide_paging,
    provide_request_id,
)
from portal.db.pool import Database
from portal.dossier.routes import DossierController
from portal.health import health, ready
from portal.inspectie_signalen.routes import InspectieController
from portal.inzage.routes import PrivacyController
from portal.kennisgevingen.routes import KennisgevingenController
from portal.meldcode.routes import MeldcodeController
from portal.observability.logging import configure_logging
from portal.observability.request_context import RequestContextMiddleware, security_headers
from portal.observability.tracing import configure_tracing
from portal.openapi import WaarheidsgetrouwJson
from portal.outbox.routes import OutboxController
from portal.problems import EXCEPTION_HANDLERS
from portal.request_guard import NulGuardMiddleware
from portal.rmc.routes import (
    OverdrachtenController,
    RmcMonitoringController,
    RmcOverdrachtenController,
    RmcOverzichtController,
    RmcVsvController,
    Top1000Controller,
    VsvLijstenController,
)
from portal.settings import Settings
from portal.verlof.routes import VerlofController, VerlofProcedureController
from portal.verzuim.partner_routes import PartnerController
from portal.verzuim.routes import MeldingenController
from portal.verzuim.zaak_routes import (
    CijfersController,
    TakenController,
    WerkvoorraadController,
    ZakenController,
)
from portal.vrijstellingen.routes import (
    OnderwijsvoorzieningenController,
    OntslagController,
    VrijstellingenController,
)
from portal.web.beheer_pages import BEHEER_PAGES
from portal.web.dossier_pages import DOSSIER_PAGES
from portal.web.home_pages import HOME_PAGES
from portal.web.inspectie_pages import INSPECTIE_PAGES
from portal.web.meldcode_pages import MELDCODE_PAGES
from portal.web.privacy_pages import PRIVACY_PAGES
from portal.web.rmc_pages import RMC_PAGES
from portal.web.school_pages import SCHOOL_PAGES
from portal.web.team_pages import TEAM_PAGES
from portal.web.verlof_pages import VERLOF_PAGES
from portal.web.vrijstelling_pages import VRIJSTELLING_PAGES
from portal.web.zaak_pages import ZAAK_PAGES

WEB = Path(__file__).parent / "web"


def create_app(settings: Settings, *, database: Database | None = None) -> Litestar:
    """Build the ASGI app. `settings.database_url` must be resolved (the CLI starts the embedded
    server first); tests may hand in an existing `database` to share one pool."""
    if settings.database_url is None and settings.app_database_url is None and database is None:
        raise ValueError("create_app needs a database URL or a database")
    configure_logging(settings.log_level, settings.log_format)
    configure_tracing(settings)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        own_db = database is None
        db = database or await Database.connect(settings, settings.database_url or "")
        http = httpx.AsyncClient(follow_redirects=False)
        key = load_or_create_signing_key(settings.key_file, create=not settings.production)
        tokens = TokenService(settings, key, JwksCache(http))
        app.state.db = db
        app.state.http = http
        app.state.tokens = tokens
        app.state.oidc = (
            OidcClient(settings.oidc, settings.base_url + "/auth/oidc/callback", http, tokens)
            if settings.oidc
            else None
        )
        try:
            yield
        finally:
            await http.aclose()
            if own_db:
                await db.close()

    plugins = []
    if settings.trace_exporter != "none":
        from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin

        plugins.append(OpenTelemetryPlugin(OpenTelemetryConfig(exclude=["/health", "/ready"])))

    app = Litestar(
        route_handlers=[
            health,
            ready,
            jwks,
            *HOME_PAGES,
            *DOSSIER_PAGES,
            *MELDCODE_PAGES,
            *INSPECTIE_PAGES,
            *ZAAK_PAGES,
            *RMC_PAGES,
            *SCHOOL_PAGES,
            *BEHEER_PAGES,
            *TEAM_PAGES,
            *VERLOF_PAGES,
            *PRIVACY_PAGES,
            *VRIJSTELLING_PAGES,
            AuthController,
            BeheerController,
            ControlesController,
            DossierController,
            OutboxController,
            MeldingenController,
            ZakenController,
            TakenController,
            VerlofController,
            VerlofProcedureController,
            VrijstellingenController,
            OnderwijsvoorzieningenController,
            OntslagController,
            KennisgevingenController,
            RmcVsvController,
            VsvLijstenController,
            RmcOverdrachtenController,
            RmcOverzichtController,
            RmcMonitoringController,
            Top1000Controller,
            OverdrachtenController,
            WerkvoorraadController,
            CijfersController,
            PartnerController,
            BrievenController,
            PrivacyController,
            SjablonenController,
            AfzenderController,
            MeldcodeController,
            InspectieController,
            create_static_files_router(path="/static", directories=[WEB / "static"]),
        ],
        dependencies={
            "db": Provide(provide_db, sync_to_thread=False),
            "request_id": Provide(provide_request_id, sync_to_thread=False),
            "ctx": Provide(provide_context, sync_to_thread=False),
            "paging": Provide(provide_paging, sync_to_thread=False),
        },
        # The NUL guard reads JSON and form bodies before authentication does (and hands them on).
        middleware=[RequestContextMiddleware(), NulGuardMiddleware(), AuthenticationMiddleware()],
        exception_handlers=EXCEPTION_HANDLERS,
        before_send=[security_headers(hsts=settings.cookie_secure)],
        logging_config=None,  # ours (structlog, scrubbing) is configured above
        lifespan=[lifespan],
        plugins=plugins,
        template_config=TemplateConfig(directory=WEB / "templates", engine=JinjaTemplateEngine),
        openapi_config=OpenAPIConfig(
            title="RMC-portaal API",
            version="1",
            description="Publiek contract: zie API.md. Fouten als application/problem+json.",
            path="/schema",
            render_plugins=[WaarheidsgetrouwJson()],
        ),
    )
    app.state.settings = settings
    return app
