"""gunicorn, started from code, building the app in each worker after the fork.

No database engine or broker connection crosses a fork: the app (and with it
every connection) is made in ``load()``, which gunicorn calls in each worker.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from gunicorn.app.base import BaseApplication
from prometheus_client import multiprocess

from shared.config import Settings
from shared.garbage_collection import settle_after_startup


class GunicornServer(BaseApplication):
    """Serves one WSGI app factory under gunicorn with the given options."""

    def __init__(self, app_factory: Callable[[], object], options: dict) -> None:
        self._app_factory = app_factory
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):
        app = self._app_factory()
        settle_after_startup()
        return app


def gunicorn_options(settings: Settings, bind: str, workers: int, threads: int) -> dict:
    """Options for a service's web processes (gthread workers, connections capped)."""
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        # A low cap keeps one gthread worker from taking every connection.
        "worker_connections": 16,
        "timeout": 30,
        "graceful_timeout": 20,
        "keepalive": 5,
        "preload_app": False,
        "accesslog": None,
        "child_exit": _forget_dead_worker_metrics,
    }


def prepare_metrics_directory() -> None:
    """Let every worker's Prometheus figures add up (read by prometheus_client)."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="fabene-metrics-")


def _forget_dead_worker_metrics(_server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)
