"""The real stack for a benchmark: its own databases, broker namespace and processes.

Each benchmark makes a stack of its own and removes it at the end, also on
failure or Ctrl+C: a PostgreSQL database per service, a broker namespace
``bench<hex>``, a temporary data and keys directory; it migrates them
(``fabene db upgrade all``, ``fabene broker setup``) and starts the real
processes: ``fabene web registry``, ``fabene web exchange`` (gunicorn) and
``fabene worker`` for each service, as a deployment would. A town is then
set up through the services' APIs: shops with a till each, active
households with a card, a PIN and plenty of credit.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pika
import psycopg
import requests
from sqlalchemy.engine import make_url

from services.wiring import bootstrap_all
from shared.config import SERVICE_NAMES, Settings
from shared.messaging.topology import ServiceQueues
from tests.support.processes import free_port, settings_to_env

PIN = "2468"
TILLS = 32
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
FABENE = Path(sys.executable).parent / "fabene"
SETUP_CONCURRENCY = 16
ALLOCATION_CENTS = 1_000_000  # per household: far more than the runs spend
MAX_MOVE_CENTS = 10_000_000  # one grant or allocation at most (the API's range)
GENEROUS_RULES = {
    "per_card_daily_limit_cents": 10_000_000,
    "visits_per_day_limit": 100,
    "shop_daily_takings_limit_cents": 1_000_000_000,
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class BenchmarkError(RuntimeError):
    """The benchmark could not measure what it set out to (not a missed target)."""


def best_effort(action, *args) -> None:
    """A cleanup step that reports its failure instead of hiding the benchmark's own."""
    try:
        action(*args)
    except Exception as error:
        print(f"cleanup: {action.__qualname__} failed: {error!r}", file=sys.stderr)


# --- PostgreSQL ---------------------------------------------------------------------------------


def connect(url: str, database: str | None = None, **kwargs) -> psycopg.Connection:
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname=database or parsed.database or "postgres",
        connect_timeout=5,
        **kwargs,
    )


def create_database(postgres_url: str, name: str) -> str:
    with connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return make_url(postgres_url).set(database=name).render_as_string(hide_password=False)


def drop_database(postgres_url: str, name: str) -> None:
    with connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version(postgres_url: str) -> str:
    with connect(postgres_url, autocommit=True) as admin:
        return admin.execute("SHOW server_version").fetchone()[0]


def pgbench_figures(result: subprocess.CompletedProcess, what: str) -> tuple[float, float]:
    """tx/s and the average latency in ms from a pgbench run; any failed transaction fails it."""
    tps = re.search(r"^tps = ([\d.]+)", result.stdout, re.MULTILINE)
    latency = re.search(r"^latency average = ([\d.]+) ms", result.stdout, re.MULTILINE)
    failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
    if result.returncode or not (tps and latency) or (failed and int(failed.group(1))):
        raise BenchmarkError(f"{what} failed:\n{result.stdout}\n{result.stderr}")
    return float(tps.group(1)), float(latency.group(1))


# --- the broker namespace -----------------------------------------------------------------------


def delete_broker_namespace(settings: Settings, *more: ServiceQueues) -> None:
    """Every service's queues (and ``more``) and the events exchange of this namespace."""
    queues = [service.queues for service in bootstrap_all(settings) if service.queues] + [*more]
    names = [name for q in queues for name in (q.main, q.retry, q.dead)]
    connection = pika.BlockingConnection(pika.URLParameters(settings.broker_url))
    try:
        channel = connection.channel()
        for name in names:
            channel.queue_delete(name)
        channel.exchange_delete(settings.events_exchange)
    finally:
        with contextlib.suppress(Exception):
            connection.close()


# --- processes and their CPU --------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far (0 if it is gone)."""
    try:
        fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0
    return (int(fields_[11]) + int(fields_[12])) / CLOCK_TICKS


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


class Processes:
    """The services' processes, each in a session of its own, stopped at the end."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self._env = env
        self._log_dir = log_dir
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *arguments: str, env: dict | None = None) -> subprocess.Popen:
        """Start ``fabene *arguments``; ``env`` adds variables (its log is appended to)."""
        with open(self._log_dir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [str(FABENE), *arguments],
                env={**self._env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl+C reaches the benchmark, which stops them
            )
        self.started[name] = process
        return process

    def stop_one(self, name: str) -> None:
        """Stop one process gracefully (it may be started again under the same name)."""
        process = self.started.pop(name)
        process.send_signal(signal.SIGTERM)
        process.wait(30)

    def check_alive(self) -> None:
        for name, process in self.started.items():
            if process.poll() is not None:
                raise BenchmarkError(f"{name} exited with {process.returncode}:\n{self.log(name)}")

    def log(self, name: str) -> str:
        path = self._log_dir / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.started.values():
            try:
                process.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def wait_until_ready(self, urls: dict[str, str], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for service, url in urls.items():
            while True:
                self.check_alive()
                with contextlib.suppress(requests.RequestException):  # not up yet, or slow
                    if requests.get(f"{url}/{service}/readyz", timeout=5).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise BenchmarkError(f"{service} not ready in {timeout:.0f}s")
                time.sleep(0.1)


@dataclass
class CpuWatch:
    """CPU used by the stack's processes between start() and stop()."""

    processes: Processes
    exchange_db: str
    dsn: str
    before: dict[str, float] = field(default_factory=dict)
    used: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def _pids(self) -> dict[str, int]:
        pids = {}
        for name, process in self.processes.started.items():
            if name == "exchange-web":
                for number, child in enumerate(children_of(process.pid), 1):
                    pids[f"exchange gunicorn worker {number}"] = child
            else:
                pids[name] = process.pid
        with connect(self.dsn, autocommit=True) as admin:
            rows = admin.execute(
                "SELECT pid, datname FROM pg_stat_activity WHERE datname LIKE %s",
                (self.exchange_db.rsplit("_", 1)[0] + "_%",),
            ).fetchall()
        for pid, datname in rows:
            pids[f"pg:{datname}:{pid}"] = pid
        return pids

    def start(self) -> None:
        self.before = {name: cpu_seconds(pid) for name, pid in self._pids().items()}
        self._machine = machine_busy_seconds()
        self._started = time.perf_counter()

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self._started
        busy, total = machine_busy_seconds()
        self.machine_cores = (busy - self._machine[0]) / self.seconds
        self.cores = (total - self._machine[1]) / self.seconds
        self.used = {
            name: cpu_seconds(pid) - self.before.get(name, 0.0)
            for name, pid in self._pids().items()
        }

    def summary(self) -> dict[str, float]:
        """Cores used on average, per process (PostgreSQL backends per database)."""
        grouped: Counter[str] = Counter()
        for name, seconds in self.used.items():
            if name.startswith("pg:"):
                database = name.split(":")[1].rsplit("_", 1)[1]
                grouped[f"PostgreSQL backends ({database})"] += seconds
            else:
                grouped[name] += seconds
        return {name: seconds / self.seconds for name, seconds in grouped.items()}


# --- the services' APIs -------------------------------------------------------------------------


class Api:
    """JSON over HTTP, one keep-alive session per thread."""

    def __init__(self, urls: dict[str, str]) -> None:
        self._urls = urls
        self._local = threading.local()
        self.headers: dict[str, str] = {}

    def call(self, method: str, service: str, path: str, body=None, expect=(200,), **headers):
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        url = f"{self._urls[service]}/{service}/api/v1{path}"
        headers = {**self.headers, **{k.replace("_", "-"): v for k, v in headers.items()}}
        response = session.request(method, url, json=body, headers=headers, timeout=30)
        if response.status_code not in expect:
            raise BenchmarkError(f"{method} {path}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else None


def in_parallel(work: Callable, items: Sequence) -> list:
    with concurrent.futures.ThreadPoolExecutor(SETUP_CONCURRENCY) as pool:
        return list(pool.map(work, items))


def new_key() -> str:
    return f"bench-setup-{uuid.uuid4()}"


@dataclass
class Town:
    network_id: str
    tills: list[dict]  # device_id, device_token, shop_id
    households: list[dict]  # id, card_number
    big: dict  # the household whose account gets 10^6 postings
    small: dict  # the one with 10^3


def wait_for(what: str, ready: Callable[[], bool], processes: Processes, timeout=120.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        processes.check_alive()
        if time.monotonic() > deadline:
            raise BenchmarkError(f"timed out waiting for {what}")
        time.sleep(0.2)


def set_up_town(
    api: Api, settings: Settings, exchange_dsn: str, processes: Processes, households: int
) -> Town:
    login = api.call(
        "POST",
        "registry",
        "/auth/token",
        {"email": settings.admin_email, "password": settings.admin_password},
    )
    api.headers = {"Authorization": f"Bearer {login['access_token']}"}
    network = api.call(
        "POST", "registry", "/networks", {"name": "Bench", "town": "Bench"}, expect=(201,)
    )
    network_id = network["id"]

    def exchange_count(query: str) -> int:
        with connect(exchange_dsn, autocommit=True) as connection:
            return connection.execute(query, {"network": network_id}).fetchone()[0]

    wait_for(
        "the exchange to open the network's accounts",
        lambda: exchange_count("SELECT count(*) FROM accounts WHERE owner_id = %(network)s") >= 3,
        processes,
    )
    api.call("PUT", "exchange", f"/networks/{network_id}/rules", GENEROUS_RULES)

    def shop_with_till(index: int) -> dict:
        shop = api.call(
            "POST",
            "registry",
            "/members",
            {"kind": "shop", "network_id": network_id, "display_name": f"Bottega {index:02d}"},
            expect=(201,),
        )
        device = api.call(
            "POST", "registry", f"/members/{shop['id']}/devices", {"label": "Cassa"}, expect=(201,)
        )
        return {**device, "shop_id": shop["id"]}

    def household(index: int) -> dict:
        member = api.call(
            "POST",
            "registry",
            "/members",
            {
                "kind": "household",
                "network_id": network_id,
                "display_name": f"Famiglia Banco {index:04d}",
            },
            expect=(201,),
        )
        api.call(
            "POST",
            "registry",
            f"/members/{member['id']}/status",
            {"status": "active", "reason": "documents checked"},
        )
        card = api.call("POST", "registry", f"/members/{member['id']}/cards", expect=(201,))
        return {"id": member["id"], "card_number": card["card_number"]}

    tills = in_parallel(shop_with_till, range(TILLS))
    enrolled = in_parallel(household, range(households + 2))
    wait_for(
        "the exchange to know every household, card and till",
        lambda: (
            exchange_count(
                "SELECT (SELECT count(*) FROM ledger_members WHERE network_id = %(network)s"
                " AND kind = 'household' AND status = 'active')"
                " + (SELECT count(*) FROM cards WHERE network_id = %(network)s)"
                " + (SELECT count(*) FROM devices WHERE network_id = %(network)s"
                " AND status = 'active')"
            )
            == 2 * len(enrolled) + TILLS
        ),
        processes,
    )
    in_parallel(
        lambda h: api.call(
            "PUT", "exchange", f"/cards/{h['card_number']}/pin", {"pin": PIN}, expect=(204,)
        ),
        enrolled,
    )
    total = ALLOCATION_CENTS * households
    grants = [MAX_MOVE_CENTS] * (total // MAX_MOVE_CENTS)
    if total % MAX_MOVE_CENTS:
        grants.append(total % MAX_MOVE_CENTS)
    for amount in grants:
        api.call(
            "POST",
            "exchange",
            "/grants",
            {"network_id": network_id, "amount_cents": amount, "memo": "Comune (benchmark)"},
            expect=(201,),
            Idempotency_Key=new_key(),
        )
    in_parallel(
        lambda h: api.call(
            "POST",
            "exchange",
            "/allocations",
            {"member_id": h["id"], "amount_cents": ALLOCATION_CENTS},
            expect=(201,),
            Idempotency_Key=new_key(),
        ),
        enrolled[:households],
    )
    return Town(network_id, tills, enrolled[:households], enrolled[-2], enrolled[-1])


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


@contextlib.contextmanager
def interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM stops the benchmark like Ctrl+C, so the cleanup runs."""

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- the stack ----------------------------------------------------------------------------------


@dataclass
class Stack:
    tag: str
    settings: Settings
    processes: Processes
    web: dict[str, str]  # service -> its base URL

    def dsn(self, service: str) -> str:
        return dsn_of(self.settings, service)

    def database(self, service: str) -> str:
        return f"fabene_bench_{self.tag}_{service}"


def prepare_stack(
    args: argparse.Namespace,
    workdir: Path,
    cleanup: contextlib.ExitStack,
    *,
    kind: str = "bench",
    **overrides,
) -> tuple[str, Settings, Processes]:
    """Databases ``fabene_<kind>_<tag>_<service>`` and a namespace ``<kind><tag>``, migrated.

    Returns the tag, the settings (``overrides`` added) and the processes'
    keeper, nothing started yet; the cleanup removes everything.
    """
    tag = secrets.token_hex(5)
    urls = {}
    for service in SERVICE_NAMES:
        name = f"fabene_{kind}_{tag}_{service}"
        urls[service] = create_database(args.postgres_url, name)
        cleanup.callback(best_effort, drop_database, args.postgres_url, name)
    settings = Settings.from_env({}).with_overrides(
        data_dir=workdir,
        keys_dir=workdir / "keys",
        service_database_urls=urls,
        broker_url=args.amqp_url,
        namespace=f"{kind}{tag}",
        admin_email=f"admin-{tag}@{kind}.fabene.example",
        admin_password=secrets.token_urlsafe(16),
        pin_pepper=secrets.token_urlsafe(24),
        log_level=args.log_level,
        **overrides,
    )
    env = {**os.environ, **settings_to_env(settings), "FABENE_LOG_FORMAT": "json"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    cleanup.callback(best_effort, delete_broker_namespace, settings)
    for command in (["db", "upgrade", "all"], ["broker", "setup"]):
        result = subprocess.run(
            [str(FABENE), *command], env=env, capture_output=True, text=True, timeout=120
        )
        if result.returncode:
            raise BenchmarkError(f"fabene {' '.join(command)}: {result.stdout}{result.stderr}")
    log_dir = workdir / "logs"
    log_dir.mkdir()
    processes = Processes(env, log_dir)
    cleanup.callback(best_effort, processes.stop)
    return tag, settings, processes


def dsn_of(settings: Settings, service: str) -> str:
    """A psycopg connection string to a service's database."""
    url = make_url(settings.service_database_urls[service])
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def start_stack(
    args: argparse.Namespace,
    workdir: Path,
    cleanup: contextlib.ExitStack,
    *,
    exchange_workers: int = 2,
    exchange_threads: int = 4,
) -> Stack:
    """Databases, broker namespace and every service's processes, ready; removed by cleanup."""
    tag, settings, processes = prepare_stack(args, workdir, cleanup)
    ports = {"registry": free_port(), "exchange": free_port()}
    processes.start("registry-web", "web", "registry", "--bind", f"127.0.0.1:{ports['registry']}")
    processes.start(
        "exchange-web",
        "web",
        "exchange",
        "--bind",
        f"127.0.0.1:{ports['exchange']}",
        "--workers",
        str(exchange_workers),
        "--threads",
        str(exchange_threads),
    )
    for service in SERVICE_NAMES:
        processes.start(f"{service}-worker", "worker", service)
    web = {service: f"http://127.0.0.1:{port}" for service, port in ports.items()}
    processes.wait_until_ready(web)
    return Stack(tag, settings, processes, web)


def add_stack_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--log-level", default="INFO", help="FABENE_LOG_LEVEL of the stack")
    add_server_arguments(parser)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """Where PostgreSQL and RabbitMQ are: loopback unless told."""
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("FABENE_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="a PostgreSQL URL allowed to CREATE DATABASE (FABENE_BENCH_POSTGRES_URL)",
    )
    parser.add_argument(
        "--amqp-url",
        default=os.environ.get("FABENE_BENCH_AMQP_URL", DEFAULT_AMQP_URL),
        help="the RabbitMQ URL (FABENE_BENCH_AMQP_URL)",
    )


def run_benchmark(name: str, benchmark: Callable, args: argparse.Namespace) -> int:
    """Run ``benchmark(args, workdir, cleanup)``; everything it made is removed, whatever happens.

    Exits 0 when it measured (a missed target is printed, not an error), 1
    when it could not, 130 when interrupted (Ctrl+C or SIGTERM).
    """
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix=f"fabene-bench-{name}-"))
    try:
        with interrupted_by_sigterm(), contextlib.ExitStack() as cleanup:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
            benchmark(args, workdir, cleanup)
    except KeyboardInterrupt:
        print(f"{name} benchmark interrupted; everything it made was removed", file=sys.stderr)
        return 130
    except Exception as error:
        traceback.print_exc()
        print(f"{name} benchmark failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"  wall time {time.perf_counter() - started:.0f}s")
    return 0
