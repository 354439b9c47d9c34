"""Fixtures: per-test databases and broker namespace, and the running system."""

from __future__ import annotations

import pytest

from services.allinone import AllInOne
from services.wiring import bootstrap_all, bootstrap_service
from shared.auth.keys import ensure_signing_keys
from shared.config import SERVICE_NAMES
from shared.logging import install_correlation_ids
from shared.messaging.topology import ServiceQueues
from tests.support.backends import (
    IS_REAL,
    DatabaseFactory,
    base_settings,
    delete_broker_namespace,
    unreachable_real_stack,
)
from tests.support.system import RunningSystem, running_system

install_correlation_ids()


def pytest_sessionstart(session):
    if IS_REAL:
        problem = unreachable_real_stack()
        if problem:
            pytest.exit(f"FABENE_TEST_BACKEND=real but {problem}", returncode=1)


def pytest_report_header(config):
    return "backend: " + ("PostgreSQL + RabbitMQ" if IS_REAL else "SQLite + in-memory broker")


def pytest_collection_modifyitems(config, items):
    if IS_REAL:
        return
    skip = pytest.mark.skip(reason="needs the real stack: FABENE_TEST_BACKEND=real")
    for item in items:
        if "real_stack" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("keys")
    ensure_signing_keys(directory)
    return directory


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory, keys_dir):
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"))
    settings = base_settings(tmp_path_factory.mktemp("template-data"), keys_dir)
    settings = settings.with_overrides(service_database_urls=factory.template_urls())
    for name in SERVICE_NAMES:
        service = bootstrap_service(name, settings)
        service.upgrade_database()
        service.database.dispose()
        factory.remember_template(name, service.metadata, service.database.url)
    yield factory
    factory.close()


@pytest.fixture
def settings(tmp_path, keys_dir, database_factory):
    """Settings of one test: its own databases and broker namespace."""
    databases = database_factory.checkout(tmp_path / "db")
    settings = base_settings(tmp_path, keys_dir).with_overrides(
        service_database_urls=databases.urls
    )
    yield settings
    queues = [
        name
        for service in SERVICE_NAMES
        for queues in [ServiceQueues.for_service(service, (), settings)]
        for name in (queues.main, queues.retry, queues.dead)
    ]
    delete_broker_namespace(settings, queues)
    database_factory.checkin(databases)


@pytest.fixture
def services(settings):
    built = {service.name: service for service in bootstrap_all(settings)}
    yield built
    for service in built.values():
        service.database.dispose()


@pytest.fixture
def web(settings):
    """The three web apps behind the gateway, without workers: for what needs no events."""
    system = RunningSystem(AllInOne(settings))
    yield system
    system.close()


@pytest.fixture
def running(settings):
    """The whole system in this process, its workers consuming."""
    with running_system(settings) as running:
        yield running
