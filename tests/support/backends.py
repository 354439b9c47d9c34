"""Where the tests' databases and broker live: embedded (SQLite + memory) or real.

``FABENE_TEST_BACKEND=real`` selects PostgreSQL and RabbitMQ on loopback
(``FABENE_TEST_POSTGRES_URL``, ``FABENE_TEST_AMQP_URL``); unreachable, they
fail the run instead of skipping it. Every test gets databases of its own,
copied from templates migrated once per session, and a broker namespace of
its own (its exchange and queues), all removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
from kombu import Connection, Exchange, Queue
from sqlalchemy.engine import make_url

from shared.config import SERVICE_NAMES, Settings

BACKEND = os.environ.get("FABENE_TEST_BACKEND", "embedded")
POSTGRES_URL = os.environ.get(
    "FABENE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
AMQP_URL = os.environ.get("FABENE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
ADMIN_EMAIL = "admin@test.fabene.example"
ADMIN_PASSWORD = "a-test-admin-password"

IS_REAL = BACKEND == "real"


def base_settings(data_dir: Path, keys_dir: Path) -> Settings:
    """Settings every test starts from: fast retries, quick relays, text logs."""
    return Settings(
        data_dir=data_dir,
        keys_dir=keys_dir,
        broker_url=AMQP_URL if IS_REAL else "memory://localhost/",
        namespace=f"t{uuid.uuid4().hex[:10]}",
        admin_email=ADMIN_EMAIL,
        admin_password=ADMIN_PASSWORD,
        log_format="text",
        retry_delay_ms=200,
        max_attempts=3,
        relay_idle_seconds=0.02,
        confirm_timeout_seconds=5,
    )


def _pg_admin() -> psycopg.Connection:
    url = make_url(POSTGRES_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        dbname=url.database or "postgres",
        password=url.password,
        autocommit=True,
        connect_timeout=5,
    )


def _pg_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


@dataclass
class DatabaseSet:
    """One database per service, by URL, and how to remove them."""

    urls: dict[str, str]
    names: list[str]

    def drop(self) -> None:
        if IS_REAL:
            with _pg_admin() as admin:
                for name in self.names:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class DatabaseFactory:
    """Migrated template databases, copied for each test."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._tag = uuid.uuid4().hex[:8]
        self.templates: dict[str, str] = {}

    def template_urls(self) -> dict[str, str]:
        """Empty template databases to migrate once per session."""
        urls = {}
        for service in SERVICE_NAMES:
            if IS_REAL:
                name = f"fabene_tpl_{self._tag}_{service}"
                with _pg_admin() as admin:
                    admin.execute(f'CREATE DATABASE "{name}"')
                self.templates[service] = name
                urls[service] = _pg_url(name)
            else:
                path = self._root / "templates" / f"{service}.db"
                self.templates[service] = str(path)
                urls[service] = f"sqlite:///{path}"
        return urls

    def copy(self, directory: Path) -> DatabaseSet:
        """Fresh databases for one test, copied from the migrated templates."""
        urls, names = {}, []
        test_tag = uuid.uuid4().hex[:8]
        for service, template in self.templates.items():
            if IS_REAL:
                name = f"fabene_t_{test_tag}_{service}"
                with _pg_admin() as admin:
                    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                names.append(name)
                urls[service] = _pg_url(name)
            else:
                directory.mkdir(parents=True, exist_ok=True)
                path = directory / f"{service}.db"
                shutil.copyfile(template, path)
                urls[service] = f"sqlite:///{path}"
        return DatabaseSet(urls=urls, names=names)

    def drop_templates(self) -> None:
        if IS_REAL:
            DatabaseSet(urls={}, names=list(self.templates.values())).drop()


def delete_broker_namespace(settings: Settings, queue_names: list[str]) -> None:
    """Remove a test's queues and exchange from the broker."""
    with Connection(settings.broker_url, transport_options={"polling_interval": 0.05}) as conn:
        channel = conn.channel()
        for name in queue_names:
            try:
                Queue(name, channel=channel).delete()
            except Exception:  # already gone, or never declared
                channel = conn.channel()
        with contextlib.suppress(Exception):
            Exchange(settings.events_exchange, channel=channel).delete()
