"""The whole system in one process: the embedded default of ``fabene run``.

Three services behind one WSGI dispatcher, each with its relay and consumer
in threads, on SQLite files and kombu's in-memory broker. Nothing else to
install; nothing of it is meant to prove reliability (the real stack does).
"""

from __future__ import annotations

import logging
import time

import waitress

from services.demo import seed_demo_data
from services.wiring import bootstrap_all, set_up_broker
from shared.config import Settings
from shared.web.gateway import mount
from shared.worker import Worker

log = logging.getLogger(__name__)


class AllInOne:
    """Every service migrated, wired and working in this process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services = {service.name: service for service in bootstrap_all(settings)}
        self.workers: list[Worker] = []

    def prepare(self) -> None:
        for service in self.services.values():
            service.upgrade_database()
        set_up_broker(self.settings, list(self.services.values()))

    def start_workers(self) -> None:
        self.workers = [Worker(service).start() for service in self.services.values()]
        for worker in self.workers:
            worker.wait_until_consuming()

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.stop()

    def wsgi_app(self):
        apps = {name: service.create_app() for name, service in self.services.items()}
        return mount(apps)


def run(settings: Settings, *, demo: bool = True, echo=print) -> None:
    """Prepare, start and serve until interrupted."""
    started = time.monotonic()
    system = AllInOne(settings)
    system.prepare()
    system.start_workers()
    if demo and seed_demo_data(system.services["registry"]):
        echo("Demo data: the five towns of Top Metro Fa Bene, with a few members each.")
    server = waitress.create_server(
        system.wsgi_app(), host=settings.host, port=settings.port, threads=8
    )
    ready_in = time.monotonic() - started
    echo(f"Fa Bene Exchange is running at {settings.base_url}/  (ready in {ready_in:.1f}s)")
    echo(f"Operator login: {settings.admin_email} / {_shown_password(settings)}")
    echo("Press Ctrl+C to stop.")
    try:
        server.run()
    except KeyboardInterrupt:
        echo("Stopping.")
    finally:
        server.close()
        system.stop_workers()


def _shown_password(settings: Settings) -> str:
    if settings.admin_is_development_default:
        return f"{settings.admin_password}  (development default: set FABENE_ADMIN_PASSWORD)"
    return "(the password in FABENE_ADMIN_PASSWORD)"
