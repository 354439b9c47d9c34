"""The services as separate processes: gunicorn web and worker processes per service."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import requests

from shared.config import Settings

FABENE = Path(sys.executable).parent / "fabene"


def settings_to_env(settings: Settings) -> dict[str, str]:
    """The environment that makes ``Settings.from_env`` give back these settings."""
    env = {}
    for field in fields(settings):
        value = getattr(settings, field.name)
        if field.name == "service_database_urls":
            for service, url in value.items():
                env[f"FABENE_{service.upper()}_DATABASE_URL"] = url
        elif value is not None:
            env[f"FABENE_{field.name.upper()}"] = str(value)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServiceProcesses:
    """Starts ``fabene web`` and ``fabene worker`` processes and stops them all."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self._env = {**os.environ, **settings_to_env(settings), "FABENE_LOG_FORMAT": "json"}
        self._log_dir = log_dir
        self._processes: list[tuple[str, subprocess.Popen]] = []
        self.urls: dict[str, str] = {}
        self.all_urls: dict[str, list[str]] = {}

    def start_web(self, service: str, workers: int = 2) -> str:
        """A web process of the service (another one each call, on a port of its own)."""
        port = free_port()
        self._start(
            f"{service}-web-{len(self.all_urls.get(service, []))}",
            "web",
            service,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
        )
        url = f"http://127.0.0.1:{port}"
        self.urls.setdefault(service, url)
        self.all_urls.setdefault(service, []).append(url)
        return url

    def start_worker(self, service: str) -> None:
        """A worker process of the service (another one each call)."""
        count = sum(name.startswith(f"{service}-worker") for name, _ in self._processes)
        self._start(f"{service}-worker-{count}", "worker", service)

    def wait_until_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        for service, url in [(s, u) for s, urls in self.all_urls.items() for u in urls]:
            while True:
                self._check_alive()
                try:
                    if requests.get(f"{url}/{service}/readyz", timeout=2).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass  # not listening yet, or too busy starting to answer in time
                if time.monotonic() > deadline:
                    raise AssertionError(f"{service} not ready: {self.logs()}")
                time.sleep(0.1)

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-3000:]}" for path in self._log_dir.glob("*.log")
        )

    def stop(self) -> None:
        for _, process in self._processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process in self._processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _start(self, name: str, *arguments: str) -> None:
        log = open(self._log_dir / f"{name}.log", "wb")  # noqa: SIM115 - lives with the process
        process = subprocess.Popen(
            [str(FABENE), *arguments], env=self._env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self._processes.append((name, process))

    def _check_alive(self) -> None:
        for name, process in self._processes:
            if process.poll() is not None:
                raise AssertionError(f"{name} exited with {process.returncode}: {self.logs()}")
