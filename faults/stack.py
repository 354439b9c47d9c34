"""The suite's own stack: databases, a broker namespace and the services as separate processes.

Built from benchmarks/stack.py's parts, named ``fabene_faults_<tag>`` and
``faults<tag>``, and removed by the caller's cleanup whatever happens. Every
web and worker process can be killed and started again under its name.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pika
import psycopg

from benchmarks.stack import BenchmarkError, Processes, dsn_of, prepare_stack
from services.wiring import bootstrap_all
from shared.auth.keys import token_signer_provider
from shared.auth.principal import Principal
from shared.config import SERVICE_NAMES, Settings
from tests.support.processes import free_port

WEB_WORKERS = {"registry": 2, "exchange": 2, "notifications": 1}


@dataclass
class FaultStack:
    tag: str
    settings: Settings
    processes: Processes
    web: dict[str, str]  # service -> base URL
    ports: dict[str, int]

    def dsn(self, service: str) -> str:
        return dsn_of(self.settings, service)

    def query(self, service: str, sql: str, params=None) -> list[tuple]:
        """Rows of one SQL query on a service's database (a fresh connection each time)."""
        with psycopg.connect(self.dsn(service), autocommit=True, connect_timeout=5) as db:
            return db.execute(sql, params or {}).fetchall()

    def scalar(self, service: str, sql: str, params=None):
        return self.query(service, sql, params)[0][0]

    def token(self, principal: Principal) -> dict[str, str]:
        """A bearer header signed with the stack's own registry key."""
        return {
            "Authorization": f"Bearer {token_signer_provider(self.settings)().issue(principal)}"
        }

    def queues(self) -> dict[str, object]:
        return {s.name: s.queues for s in bootstrap_all(self.settings) if s.queues is not None}

    def queue_depth(self, name: str) -> int:
        connection = pika.BlockingConnection(pika.URLParameters(self.settings.broker_url))
        try:
            return connection.channel().queue_declare(name, passive=True).method.message_count
        finally:
            with contextlib.suppress(Exception):
                connection.close()

    def start_web(self, service: str) -> None:
        self.processes.start(
            f"{service}-web",
            "web",
            service,
            "--bind",
            f"127.0.0.1:{self.ports[service]}",
            "--workers",
            str(WEB_WORKERS[service]),
            "--threads",
            "8",
        )

    def start_worker(self, service: str, env: dict | None = None) -> None:
        self.processes.start(f"{service}-worker", "worker", service, env=env)

    def kill(self, name: str, signal_number: int = 9) -> None:
        """Kill one process of the stack at once (no goodbye), and forget it."""
        process = self.processes.started.pop(name)
        process.send_signal(signal_number)
        process.wait(30)

    def restart_web(self, service: str) -> None:
        self.processes.stop_one(f"{service}-web")
        self.start_web(service)
        self.wait_ready()

    def wait_ready(self, timeout: float = 90.0) -> None:
        self.processes.wait_until_ready(self.web, timeout)

    def log_text(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in self.processes._log_dir.glob("*.log")
        )


def start_stack(args, workdir: Path, cleanup: contextlib.ExitStack) -> FaultStack:
    """Databases, broker namespace and every service's web and worker, ready."""
    tag, settings, processes = prepare_stack(
        args,
        workdir,
        cleanup,
        kind="faults",
        retry_delay_ms=300,  # poison handlers reach the dead letters in seconds
        max_attempts=3,
    )
    ports = {service: free_port() for service in SERVICE_NAMES}
    web = {service: f"http://127.0.0.1:{port}" for service, port in ports.items()}
    stack = FaultStack(tag, settings, processes, web, ports)
    for service in SERVICE_NAMES:
        stack.start_web(service)
        stack.start_worker(service)
    stack.wait_ready()
    return stack


def wait_until(what: str, ready, stack: FaultStack | None = None, timeout: float = 120.0):
    """Poll ``ready()`` until it is truthy; its value, or BenchmarkError after the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = ready()
        if value:
            return value
        if stack is not None:
            stack.processes.check_alive()
        if time.monotonic() > deadline:
            raise BenchmarkError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.2)
