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
from sqlalchemy import MetaData, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

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
        pin_pepper="a-test-pin-pepper",
        log_format="text",
        retry_delay_ms=200,
        max_attempts=3,
        relay_idle_seconds=0.02,
        confirm_timeout_seconds=5,
    )


def unreachable_real_stack() -> str | None:
    """Why PostgreSQL or RabbitMQ cannot be used, or None when both answer."""
    try:
        with _pg_admin():
            pass
    except psycopg.Error as error:
        return f"PostgreSQL at {POSTGRES_URL} is unreachable: {error}"
    try:
        with Connection(AMQP_URL, connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:
        return f"RabbitMQ at {AMQP_URL} is unreachable: {error!r}"
    return None


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
    """One database per service, by URL."""

    urls: dict[str, str]
    names: dict[str, str]


class DatabaseFactory:
    """Migrated templates, and fresh databases made from them for each test.

    On PostgreSQL a set of databases returns to a pool after its test, emptied
    and given back the template's rows (the first administrator), which is
    ten times quicker than creating databases anew. SQLite files are copied.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._tag = uuid.uuid4().hex[:8]
        self._created = 0
        self.templates: dict[str, str] = {}
        self._metadata: dict[str, MetaData] = {}
        self._seed_rows: dict[str, dict[str, list[dict]]] = {}
        self._pool: list[DatabaseSet] = []
        self._all: list[DatabaseSet] = []

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

    def remember_template(self, service: str, metadata: MetaData, url: str) -> None:
        """Note a migrated template's tables and rows, to reset pooled copies to them."""
        self._metadata[service] = metadata
        engine = create_engine(url)
        with engine.connect() as connection:
            self._seed_rows[service] = {
                table.name: [dict(row._mapping) for row in connection.execute(select(table))]
                for table in metadata.sorted_tables
            }
        engine.dispose()

    def checkout(self, directory: Path) -> DatabaseSet:
        """Databases for one test, as the templates left them."""
        if not IS_REAL:
            directory.mkdir(parents=True, exist_ok=True)
            urls = {}
            for service, template in self.templates.items():
                shutil.copyfile(template, directory / f"{service}.db")
                urls[service] = f"sqlite:///{directory / f'{service}.db'}"
            return DatabaseSet(urls=urls, names={})
        if self._pool:
            return self._pool.pop()
        self._created += 1
        names = {
            service: f"fabene_t_{self._tag}_{self._created}_{service}" for service in self.templates
        }
        with _pg_admin() as admin:
            for service, name in names.items():
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.templates[service]}"')
        databases = DatabaseSet(urls={s: _pg_url(n) for s, n in names.items()}, names=names)
        self._all.append(databases)
        return databases

    def checkin(self, databases: DatabaseSet) -> None:
        """Empty a test's databases and keep them for the next test."""
        if not IS_REAL:
            return
        try:
            for service, url in databases.urls.items():
                self._reset(service, url)
        except Exception:
            self._drop(databases.names.values())
            self._all.remove(databases)
        else:
            self._pool.append(databases)

    def close(self) -> None:
        if IS_REAL:
            names = [name for databases in self._all for name in databases.names.values()]
            self._drop([*names, *self.templates.values()])

    def _reset(self, service: str, url: str) -> None:
        metadata = self._metadata[service]
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                for table in metadata.sorted_tables:
                    rows = self._seed_rows[service][table.name]
                    if rows:
                        connection.execute(insert(table), rows)
        finally:
            engine.dispose()

    @staticmethod
    def _drop(names) -> None:
        with _pg_admin() as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
