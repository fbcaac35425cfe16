"""Typed settings, read once from the environment.

Every knob an operator turns lives here, so that a deployment is described by its environment alone
(twelve-factor) and a typo in a value fails at start-up with the variable's name, not at first use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

Environment = Literal["development", "demo", "test", "production"]
TraceExporter = Literal["none", "console", "otlp"]


DEV_APP_PASSWORD = "rmc-app-dev-only"  # noqa: S105 - known on purpose; refused in production


class TrustedIssuer(msgspec.Struct, frozen=True):
    """An outside identity provider whose bearer tokens the API accepts (e.g. a partner's)."""

    issuer: str
    jwks_uri: str
    audience: str


class OidcProvider(msgspec.Struct, frozen=True):
    """The identity provider for page login (authorization code flow with PKCE)."""

    issuer: str
    client_id: str
    client_secret: str | None = None
    scope: str = "openid email profile"


class PartnerConfig(msgspec.Struct, frozen=True):
    """How to reach one partner. Secrets live here and are never logged."""

    base_url: str
    timeout_seconds: float = 10.0
    token_url: str | None = None
    """OAuth2 client credentials: the token endpoint (with client_id and client_secret)."""
    client_id: str | None = None
    client_secret: str | None = None
    scope: str | None = None
    client_cert: str | None = None
    """Mutual TLS: paths to the client certificate and key (PEM)."""
    client_key: str | None = None
    ca_bundle: str | None = None


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    environment: Environment = "development"
    database_url: str | None = None
    """A login that may create roles and tables; None starts the embedded PostgreSQL."""
    app_database_url: str | None = None
    """Explicit DSN for the application role; derived from database_url when absent."""
    db_app_password: str = DEV_APP_PASSWORD
    db_pool_min: int = 1
    db_pool_max: int = 10
    data_dir: Path = Path(".rmc-data")
    base_url: str = "http://127.0.0.1:8000"
    token_issuer: str = "rmc-portal"  # noqa: S105 - a name, not a secret
    token_audience: str = "rmc-portal"  # noqa: S105 - a name, not a secret
    token_ttl_seconds: int = 3600
    signing_key_file: Path | None = None
    trusted_issuers: tuple[TrustedIssuer, ...] = ()
    oidc: OidcProvider | None = None
    partners: dict[str, PartnerConfig] = msgspec.field(default_factory=dict)
    outbox_lease_seconds: float = 120.0
    """How long a worker holds claimed messages; longer than a partner call can take."""
    outbox_backoff_base_seconds: float = 5.0
    outbox_max_attempts: int = 12
    worker_poll_seconds: float = 1.0
    duo_poll_seconds: float = 300.0
    """How often the worker pulls DUO's feed of meldingen (when DUO is configured)."""
    """Per partner (duo, svb, halt, veilig_thuis, inspectie, inlichtingenbureau, brp)."""
    session_idle_seconds: int = 30 * 60
    session_absolute_seconds: int = 10 * 60 * 60
    cookie_secure: bool = True
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    trace_exporter: TraceExporter = "none"
    otlp_endpoint: str | None = None
    service_name: str = "rmc-portal"

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def demo(self) -> bool:
        return self.environment == "demo"

    @property
    def key_file(self) -> Path:
        return self.signing_key_file or self.data_dir / "signing-key.json"


class SettingsError(ValueError):
    """A setting in the environment is missing or malformed; the message names the variable."""


_JSON_FIELDS = {"trusted_issuers", "oidc", "partners"}


def _decode_path(type_: type, value: object) -> object:
    if type_ is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(f"cannot read {type_!r}")


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from `RMC_*` variables (and `DATABASE_URL`), then apply overrides."""
    env = os.environ if env is None else env
    raw: dict[str, object] = {}
    for field in msgspec.structs.fields(Settings):
        name = "DATABASE_URL" if field.name == "database_url" else f"RMC_{field.name.upper()}"
        value = env.get(name)
        if value is None or value == "":
            continue
        if field.name in _JSON_FIELDS:
            try:
                raw[field.name] = msgspec.json.decode(value)
            except msgspec.DecodeError as exc:
                raise SettingsError(f"{name} is not valid JSON: {exc}") from None
        else:
            raw[field.name] = value
    raw.update(overrides)
    try:
        settings = msgspec.convert(raw, Settings, strict=False, dec_hook=_decode_path)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"invalid setting: {exc}") from None
    if settings.production:
        if settings.db_app_password == DEV_APP_PASSWORD:
            raise SettingsError("RMC_DB_APP_PASSWORD must be set in production")
        if settings.signing_key_file is None:
            raise SettingsError("RMC_SIGNING_KEY_FILE must be set in production")
        if not settings.cookie_secure:
            raise SettingsError("RMC_COOKIE_SECURE cannot be false in production")
    return settings
