"""Stopping and starting the machine's RabbitMQ and PostgreSQL, and proving they answer again."""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

import pika
import psycopg

from benchmarks.stack import BenchmarkError


def rabbitmqctl(*arguments: str) -> str:
    result = subprocess.run(
        ["rabbitmqctl", *arguments], capture_output=True, text=True, timeout=120
    )
    if result.returncode:
        raise BenchmarkError(f"rabbitmqctl {' '.join(arguments)}: {result.stderr}")
    return result.stdout


def broker_answers(url: str) -> bool:
    try:
        pika.BlockingConnection(pika.URLParameters(url)).close()
        return True
    except Exception:
        return False


def wait_for_broker(url: str, timeout: float = 90.0) -> None:
    _wait("RabbitMQ to answer", lambda: broker_answers(url), timeout)


def postgres_cluster() -> tuple[str, str]:
    """(version, name) of the machine's one PostgreSQL cluster, from /etc/postgresql."""
    clusters = sorted(Path("/etc/postgresql").glob("*/*/postgresql.conf"))
    if not clusters:
        raise BenchmarkError("no PostgreSQL cluster under /etc/postgresql")
    return clusters[0].parent.parent.name, clusters[0].parent.name


def pg_ctlcluster(action: str, *options: str) -> None:
    version, name = postgres_cluster()
    subprocess.run(["pg_ctlcluster", version, name, action, *options], check=True, timeout=120)


def postgres_answers(dsn: str) -> bool:
    try:
        with psycopg.connect(dsn, connect_timeout=2) as connection:
            connection.execute("SELECT 1")
        return True
    except Exception:
        return False


def ensure_postgres(dsn: str, timeout: float = 90.0) -> None:
    """Start the cluster if it does not answer, and wait until it does."""
    if not postgres_answers(dsn):
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctlcluster("start")
    _wait("PostgreSQL to answer", lambda: postgres_answers(dsn), timeout)


def _wait(what: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise BenchmarkError(f"timed out waiting for {what}")
        time.sleep(0.5)
