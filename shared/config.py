"""Settings read once from ``FABENE_*`` environment variables.

Every default runs on a bare laptop: SQLite files under ``./data`` and the
in-memory broker. Nothing else in the project reads ``os.environ``;
docs/configuration.md lists every variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

SERVICE_NAMES = ("registry", "exchange", "notifications")

DEVELOPMENT_ADMIN_EMAIL = "admin@fabene.example"
DEVELOPMENT_ADMIN_PASSWORD = "fabene-admin"
DEVELOPMENT_PIN_PEPPER = "development-pin-pepper-change-me"


class ConfigurationError(ValueError):
    """A ``FABENE_*`` variable holds a value of the wrong kind."""


@dataclass(frozen=True)
class Settings:
    """Configuration shared by every service and command."""

    data_dir: Path = Path("data")
    database_url: str = "sqlite:///{data_dir}/{service}.db"
    service_database_urls: Mapping[str, str] = field(default_factory=dict)
    broker_url: str = "memory://localhost/"
    namespace: str = "fabene"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""
    admin_email: str = DEVELOPMENT_ADMIN_EMAIL
    admin_password: str = DEVELOPMENT_ADMIN_PASSWORD
    keys_dir: Path | None = None
    token_issuer: str = "fabene-registry"
    token_audience: str = "fabene"
    token_ttl_seconds: int = 3600
    cookie_secure: bool = False
    pin_pepper: str = DEVELOPMENT_PIN_PEPPER
    log_level: str = "INFO"
    log_format: str = "json"
    retry_delay_ms: int = 2000
    max_attempts: int = 5
    delivery_limit: int = 20
    prefetch_count: int = 20
    relay_batch_size: int = 2000
    relay_window: int = 1000
    relay_idle_seconds: float = 0.2
    confirm_timeout_seconds: float = 10.0
    broker_heartbeat_seconds: int = 30
    web_workers: int = 2
    worker_metrics_port: int = 0
    web_threads: int = 4
    timezone: str = "Europe/Rome"
    fault_kill_at: str = ""  # test-only: shared/fault_hook.py
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_sender: str = "Fa Bene <noreply@fabene.example>"
    smtp_timeout_seconds: float = 10.0
    sms_provider: str = ""
    sms_gateway_url: str = ""
    sms_gateway_token: str = field(default="", repr=False)
    sms_timeout_seconds: float = 5.0
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "08:00"
    delivery_max_attempts: int = 10
    delivery_retry_seconds: float = 30.0
    dispatch_batch_size: int = 20
    dispatch_idle_seconds: float = 0.5

    @property
    def admin_is_development_default(self) -> bool:
        return self.admin_password == DEVELOPMENT_ADMIN_PASSWORD

    @property
    def pin_pepper_is_development_default(self) -> bool:
        return self.pin_pepper == DEVELOPMENT_PIN_PEPPER

    @property
    def events_exchange(self) -> str:
        return f"{self.namespace}.events"

    @property
    def signing_keys_dir(self) -> Path:
        return self.keys_dir or self.data_dir / "keys"

    @property
    def uses_memory_broker(self) -> bool:
        return self.broker_url.startswith("memory://")

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def database_url_for(self, service: str) -> str:
        """The SQLAlchemy URL of one service's own database."""
        template = self.service_database_urls.get(service, self.database_url)
        return template.format(service=service, data_dir=self.data_dir)

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``FABENE_*`` variables, defaults for the rest."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for name, field_ in cls.__dataclass_fields__.items():
            raw = env.get(f"FABENE_{name.upper()}")
            if raw is not None and name != "service_database_urls":
                try:
                    values[name] = _convert(raw, field_.type)
                except ValueError:
                    raise ConfigurationError(
                        f"FABENE_{name.upper()}={raw!r} is not a valid {field_.type}"
                    ) from None
        values["service_database_urls"] = {
            service: env[f"FABENE_{service.upper()}_DATABASE_URL"]
            for service in SERVICE_NAMES
            if env.get(f"FABENE_{service.upper()}_DATABASE_URL")
        }
        return cls(**values)


def _convert(raw: str, type_name: object) -> object:
    kind = str(type_name)
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind == "bool":
        if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
            raise ValueError(raw)
        return raw.lower() in ("1", "true", "yes")
    if "Path" in kind:
        return Path(raw)
    return raw
