"""The ``fabene`` command line, run as a user would run it."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
import requests
from kombu import Queue

from shared.messaging.connection import kombu_connection
from shared.messaging.topology import ServiceQueues
from tests.support.processes import FABENE, free_port, settings_to_env


def fabene(
    *arguments: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FABENE), *arguments],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def embedded_env(tmp_path) -> dict[str, str]:
    """A fresh embedded setup in a folder of its own, as on a new laptop."""
    return {
        "FABENE_DATA_DIR": str(tmp_path / "data"),
        "FABENE_LOG_FORMAT": "text",
        **{key: "" for key in os.environ if key.startswith("FABENE_") and key.endswith("_URL")},
    } | {
        "FABENE_BROKER_URL": "memory://localhost/",
        "FABENE_DATABASE_URL": "sqlite:///{data_dir}/{service}.db",
    }


def test_fabene_run_migrates_seeds_serves_and_prints_the_url_and_login(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [str(FABENE), "run", "--port", str(port)],
        env={**os.environ, **embedded_env(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 30
        while not any("Operator login" in line for line in lines):
            assert time.monotonic() < deadline, lines
            assert process.poll() is None, lines
            lines.append(process.stdout.readline())
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in output
        assert "admin@fabene.example / fabene-admin" in output
        assert "FABENE_ADMIN_PASSWORD" in output

        base = f"http://127.0.0.1:{port}"
        assert requests.get(f"{base}/", timeout=5).json()["services"]
        token = requests.post(
            f"{base}/registry/api/v1/auth/token",
            json={"email": "admin@fabene.example", "password": "fabene-admin"},
            timeout=5,
        ).json()["access_token"]
        networks = requests.get(
            f"{base}/registry/api/v1/networks",
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        ).json()
        assert {network["town"] for network in networks} == {
            "Collegno",
            "Grugliasco",
            "Moncalieri",
            "Rivoli",
            "Venaria Reale",
        }
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
        process.stdout.close()
    assert (tmp_path / "data" / "registry.db").exists()


def test_db_upgrade_builds_every_database_and_can_run_again(tmp_path):
    env = embedded_env(tmp_path)
    first = fabene("db", "upgrade", "all", env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "registry: database is up to date",
        "exchange: database is up to date",
        "notifications: database is up to date",
    ]
    assert (tmp_path / "data" / "keys" / "token-signing.pub.pem").exists()
    again = fabene("db", "upgrade", "all", env=env)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(
    "arguments",
    [("worker", "exchange"), ("dlq", "list", "exchange"), ("dlq", "replay", "exchange", "--all")],
)
def test_commands_that_need_a_real_broker_say_so_on_the_in_memory_one(tmp_path, arguments):
    result = fabene(*arguments, env=embedded_env(tmp_path))
    assert result.returncode == 2
    assert "FABENE_BROKER_URL" in result.stderr


def test_an_unknown_service_is_refused_with_the_choices(tmp_path):
    result = fabene("web", "ledger", env=embedded_env(tmp_path))
    assert result.returncode == 2
    assert "registry" in result.stderr and "exchange" in result.stderr


@pytest.mark.real_stack
def test_broker_setup_declares_every_queue_and_dlq_list_reads_them(settings):
    env = settings_to_env(settings)
    setup = fabene("broker", "setup", env=env)
    assert setup.returncode == 0, setup.stderr
    with kombu_connection(settings) as connection:
        channel = connection.channel()
        for service in ("exchange", "notifications"):
            queues = ServiceQueues.for_service(service, (), settings)
            for name in (queues.main, queues.retry, queues.dead):
                Queue(name, channel=channel).queue_declare(passive=True)
    listed = fabene("dlq", "list", "exchange", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().endswith(f"0 dead letter(s) in {settings.namespace}.exchange.dead")


@pytest.mark.real_stack
def test_a_worker_serves_its_relay_and_consumer_metrics_on_its_own_port(settings):
    env = {**os.environ, **settings_to_env(settings)}
    assert fabene("db", "upgrade", "exchange", env=env).returncode == 0
    assert fabene("broker", "setup", env=env).returncode == 0
    port = free_port()
    worker = subprocess.Popen(
        [str(FABENE), "worker", "exchange", "--metrics-port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, text = time.monotonic() + 20, ""
        while "fabene_outbox_backlog_events{" not in text and time.monotonic() < deadline:
            try:
                text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
            except requests.ConnectionError:
                time.sleep(0.2)
        assert 'fabene_outbox_backlog_events{service="exchange"} 0.0' in text
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(20)
