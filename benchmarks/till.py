"""Redemptions at 32 tills over HTTP on the real stack, held against pgbench in the same run.

    python -m benchmarks.till [--duration 15] [--runs 3] [--workers 2 --threads 4] [--profile]

The benchmark makes a stack of its own and removes it at the end, also on
failure or Ctrl+C: three PostgreSQL databases (registry, exchange,
notifications) and one for pgbench, a broker namespace ``bench<hex>``, a
temporary data and keys directory; it migrates them (``fabene db upgrade
all``, ``fabene broker setup``) and starts the real processes: ``fabene web
registry``, ``fabene web exchange`` (gunicorn) and ``fabene worker`` for each
service.

Setup, not timed, goes through the services' APIs: a network with generous
rules, 32 shops with a till each, a few hundred active households with a
card, a PIN and plenty of credit.

Then:

1. **Baseline**: ``pgbench`` tpcb-like (``-i -s 10``) with 8 and with 32
   clients: tx/s and average latency.
2. **Till**: ``wrk`` with ``benchmarks/till.lua``: 32 connections, each a
   till of its own with cards of its own, POST ``/exchange/api/v1/redemptions``
   with a new ``Idempotency-Key`` each, today's limit counters emptied before
   each run: req/s, p50/p99, errors (non-2xx and socket errors). The median
   of the runs is held against 0.3x pgbench's 32-client tx/s, p99 <= 50 ms
   and 0 errors (PERFORMANCE.md). Afterwards the exchange's database must
   hold one redemption per 201 (plus at most one per connection still in
   flight when wrk stopped) and the ledger must add up.
3. **Balance read**: one household account gets 10^6 postings and another
   10^3, written with SQL as balanced transactions against the network's
   funding account; GET ``/members/{id}/balances`` is timed for both,
   alternately: p50/p99 and the ratio (target <= 1.2x).
4. **The till's SQL alone** (``benchmarks/till_sql.py``): one redemption's
   statements, recorded in the exchange's app, replayed by pgbench with 32
   clients and no Python: its tx/s, the database's CPU per redemption, and
   what that leaves the rest of the stack at the target rate.

It exits non-zero only when it could not measure; a missed target is printed
as FAIL. ``--profile`` adds a py-spy profile of the exchange's gunicorn
workers under load and an in-process count of SQL statements per redemption.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import io
import json
import math
import os
import pstats
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pika
import psycopg
import requests
from sqlalchemy import event
from sqlalchemy.engine import make_url

from benchmarks import till_sql
from benchmarks.stack import (
    GENEROUS_RULES,
    PIN,
    TILLS,
    Api,
    BenchmarkError,
    CpuWatch,
    Processes,
    Town,
    add_stack_arguments,
    best_effort,
    children_of,
    connect,
    create_database,
    drop_database,
    new_key,
    percentile,
    pgbench_figures,
    run_benchmark,
    server_version,
    set_up_town,
    start_stack,
)
from services.wiring import bootstrap_service
from shared.config import Settings
from tests.support.ledger import check_ledger

TARGET_RATIO = 0.3
TARGET_P99_MS = 50.0
TARGET_BALANCE_RATIO = 1.2
LUA_SCRIPT = Path(__file__).with_name("till.lua")


def write_till_data(town: Town, path: Path) -> None:
    """One line per till: its index, token and the cards only it uses."""
    lines = []
    for index, till in enumerate(town.tills):
        cards = [h["card_number"] for h in town.households[index :: len(town.tills)]]
        lines.append(f"{index}\t{till['device_token']}\t{','.join(cards)}")
    path.write_text("\n".join(lines) + "\n")


# --- pgbench ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgbenchRun:
    clients: int
    tps: float
    latency_ms: float


def _pg_env_and_args(postgres_url: str, database: str) -> tuple[dict[str, str], list[str]]:
    url = make_url(postgres_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    host = url.query.get("host") or url.host or "127.0.0.1"  # ?host=/dir: a Unix socket
    args = ["-h", host, "-p", str(url.port or 5432)]
    if url.username:
        args += ["-U", url.username]
    return env, [*args, database]


def pgbench_init(postgres_url: str, database: str, scale: int) -> None:
    env, args = _pg_env_and_args(postgres_url, database)
    subprocess.run(
        ["pgbench", "-i", "-q", "-s", str(scale), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def pgbench_run(postgres_url: str, database: str, clients: int, seconds: int) -> PgbenchRun:
    env, args = _pg_env_and_args(postgres_url, database)
    result = subprocess.run(
        ["pgbench", "-c", str(clients), "-j", "2", "-T", str(seconds), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    return PgbenchRun(clients, *pgbench_figures(result, "pgbench"))


# --- wrk ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkRun:
    requests: int
    seconds: float
    rps: float
    created: int
    non_2xx: int
    socket_errors: int
    recovered: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    statuses: str
    first_refusal: str
    wrk_cpu_seconds: float

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


def run_wrk(url: str, data: Path, seconds: int, connections: int, threads: int) -> WrkRun:
    tag = secrets.token_hex(4)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(LUA_SCRIPT),
            url,
            "--",
            str(data),
            str(threads),
            tag,
            PIN,
        ],
        capture_output=True,
        text=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = re.search(r"^TILL-RESULT (.*)$", result.stdout, re.MULTILINE)
    if result.returncode or not line:
        raise BenchmarkError(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    values = {k: int(v) for k, v in (part.split("=") for part in line.group(1).split())}
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", result.stdout, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    statuses = re.search(r"^TILL-STATUSES (.*)$", result.stdout, re.MULTILINE)
    refusal = re.search(r"^TILL-FIRST-REFUSAL (.*)$", result.stdout, re.MULTILINE)
    socket_errors = sum(values[k] for k in ("connect", "read", "write", "timeout"))
    return WrkRun(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        rps=float(rps.group(1)) if rps else values["requests"] / (values["duration_us"] / 1e6),
        created=values["created"],
        # wrk counts 4xx/5xx in "Non-2xx"; a 201 is the only success here
        non_2xx=max(
            int(non_2xx.group(1)) if non_2xx else 0, values["requests"] - values["created"]
        ),
        socket_errors=socket_errors,
        recovered=values["recovered"],
        p50_ms=values["p50_us"] / 1000,
        p90_ms=values["p90_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        max_ms=values["max_us"] / 1000,
        statuses=statuses.group(1) if statuses else "",
        first_refusal=refusal.group(1) if refusal else "",
        wrk_cpu_seconds=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    )


def reset_daily_usage(exchange_dsn: str) -> None:
    """Today's per-card and per-shop counters back to zero, so each run meets the same limits."""
    with connect(exchange_dsn, autocommit=True) as connection:
        connection.execute("DELETE FROM card_daily_usage")
        connection.execute("DELETE FROM shop_daily_takings")


# --- the balance read ---------------------------------------------------------------------------

BULK_SQL = """
CREATE TEMP TABLE bulk_ids ON COMMIT DROP AS
    SELECT %(prefix)s || lpad(to_hex(%(start)s + g), 12, '0') AS id, g
    FROM generate_series(1, %(count)s) AS g;
INSERT INTO transactions (id, kind, network_id, created_at, actor_id, actor_role, member_id, memo)
    SELECT id, 'allocation', %(network)s, now() - make_interval(secs => %(count)s - g),
           %(actor)s, 'operator', %(member)s, 'benchmark: bulk history'
    FROM bulk_ids;
INSERT INTO postings (transaction_id, account_id, unit, amount)
    SELECT id, account, 'FOOD', amount
    FROM bulk_ids, LATERAL (VALUES (%(household)s, 1), (%(funding)s, -1)) AS leg(account, amount);
UPDATE accounts SET balance = balance + %(count)s WHERE id = %(household)s;
UPDATE accounts SET balance = balance - %(count)s WHERE id = %(funding)s;
"""
BULK_CHUNK = 100_000


def give_history(
    exchange_dsn: str, network_id: str, member_id: str, postings: int, *, bypass_triggers: bool
) -> bool:
    """``postings`` postings on the household's FOOD account, one per 2-posting transaction.

    With ``bypass_triggers`` (and a superuser), each chunk runs with
    ``session_replication_role = replica``: the ledger's per-row triggers and
    foreign keys are skipped for this bulk load only (2-3x faster), and the
    caller checks the same rules afterwards, set-based. Returns whether it did.
    """
    bypassed = False
    # ids in order (version-4 shaped, unique to this call): the indexes are appended to, not
    # scattered into, which makes the load a third faster; the balance read never reads them
    prefix = f"{secrets.token_hex(4)}-0000-4000-8000-"
    # client-side binding: several statements, one of them a CREATE TABLE AS, in one round trip
    with connect(exchange_dsn, autocommit=True, cursor_factory=psycopg.ClientCursor) as connection:
        household, funding = (
            connection.execute(
                "SELECT id FROM accounts WHERE owner_id = %s AND kind = %s AND unit = 'FOOD'",
                (owner, kind),
            ).fetchone()[0]
            for owner, kind in ((member_id, "member"), (network_id, "funding"))
        )
        for start in range(0, postings, BULK_CHUNK):
            with connection.transaction():  # the deferred balance trigger runs at each commit
                if bypass_triggers:
                    try:
                        with connection.transaction():
                            connection.execute("SET LOCAL session_replication_role = replica")
                        bypassed = True
                    except psycopg.errors.InsufficientPrivilege:
                        bypass_triggers = False
                connection.execute(
                    BULK_SQL,
                    {
                        "count": min(BULK_CHUNK, postings - start),
                        "start": start,
                        "prefix": prefix,
                        "network": network_id,
                        "actor": str(uuid.uuid4()),
                        "member": member_id,
                        "household": household,
                        "funding": funding,
                    },
                )
    return bypassed


def orphan_postings(exchange_dsn: str) -> int:
    """Postings whose transaction or account does not exist (what the foreign keys forbid)."""
    with connect(exchange_dsn, autocommit=True) as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM postings p"
            " LEFT JOIN transactions t ON t.id = p.transaction_id WHERE t.id IS NULL)"
            " + (SELECT count(*) FROM postings p"
            " LEFT JOIN accounts a ON a.id = p.account_id WHERE a.id IS NULL)"
        ).fetchone()[0]


def vacuum_ledger(exchange_dsn: str) -> None:
    with connect(exchange_dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE transactions, postings, accounts")


def time_balance_reads(
    url: str, token: str, members: dict[str, str], requests_each: int, block: int = 1
) -> dict[str, list[float]]:
    """Sequential GETs on one keep-alive connection, the members taking turns."""
    parsed = requests.utils.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    headers = {"Authorization": f"Bearer {token}"}
    timings: dict[str, list[float]] = {name: [] for name in members}

    def get(member_id: str) -> tuple[float, dict]:
        started = time.perf_counter()
        connection.request("GET", f"/exchange/api/v1/members/{member_id}/balances", None, headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise BenchmarkError(f"balances: {response.status} {body[:300]!r}")
        return elapsed, json.loads(body)

    try:
        for member_id in members.values():  # warm up
            for _ in range(20):
                get(member_id)
        for _ in range(math.ceil(requests_each / block)):
            for name, member_id in members.items():
                for _ in range(block):
                    timings[name].append(get(member_id)[0] * 1000)
    finally:
        connection.close()
    return {name: values[:requests_each] for name, values in timings.items()}


# --- profiling ------------------------------------------------------------------------------------


def count_statements(settings: Settings, town: Town, redemptions: int) -> tuple[Counter, str]:
    """Redemptions through the exchange's app in this process, counting each SQL statement."""
    service = bootstrap_service("exchange", settings)
    app = service.create_app()
    statements: Counter[str] = Counter()

    def count(statement, times: int = 1) -> None:
        statements[till_sql.statement_head(statement)] += times

    till = town.tills[0]
    cards = [h["card_number"] for h in town.households]  # any card of the network will do
    client = app.test_client()
    headers = {"Authorization": f"Bearer {till['device_token']}"}

    def redeem(index: int) -> None:
        response = client.post(
            "/api/v1/redemptions",  # the app itself; the gateway mounts it at /exchange
            json={"card_number": cards[index % len(cards)], "pin": PIN, "amount_cents": 10},
            headers={**headers, "Idempotency-Key": new_key()},
        )
        if response.status_code != 201:
            raise BenchmarkError(f"profiled redemption: {response.status_code} {response.text}")

    for index in range(20):  # warm up: mappers, caches, connections
        redeem(index)
    engine = service.database.engine
    round_trips: Counter[tuple[str, int]] = Counter()  # (what, round trips it costs)
    original = psycopg.Connection.wait, psycopg.Cursor.execute, psycopg.Cursor.executemany
    idle = psycopg.pq.TransactionStatus.IDLE

    def counted_wait(connection, gen, *args, **kwargs):
        """Every exchange with the server goes through Connection.wait: name what it was."""
        name = getattr(gen, "__qualname__", type(gen).__name__).rsplit(".", 1)[-1]
        status = connection.info.transaction_status
        piped = connection._pipeline is not None
        queued = name in ("_execute_gen", "_executemany_gen_pipeline") and piped
        if queued and status == idle:
            # psycopg sends the implicit BEGIN with a sync of its own and waits for it
            what = ("BEGIN, synced on its own in a pipeline, then the statement queued", 1)
        elif queued:
            what = ("a statement queued in a pipeline (sent, not waited for)", 0)
        elif name == "_execute_gen" and connection.autocommit:
            what = ("SELECT 1 outside a transaction: a ping", 1)
        elif name == "_execute_gen" and status == idle:
            what = ("BEGIN, then the transaction's first statement", 2)
        elif name == "_execute_gen":
            what = ("a statement on its own inside the transaction", 1)
        elif name in ("_sync_gen", "_commit_gen") and piped:
            what = ("a pipeline's sync: what was queued runs, its answers are read", 1)
        elif name == "_exit_gen" and piped and connection._pipeline.result_queue:
            what = ("a pipeline's end: what was queued runs, its answers are read", 1)
        elif name == "_commit_gen":
            what = ("COMMIT on its own", 1) if status != idle else ("commit, none open", 0)
        elif name == "_rollback_gen":
            what = ("ROLLBACK", 1) if status != idle else ("rollback, none open (no I/O)", 0)
        else:
            what = (f"{name} (no wait for the server)", 0)
        round_trips[what] += 1
        return original[0](connection, gen, *args, **kwargs)

    def counted_execute(cursor, query, *args, **kwargs):
        count(query)
        return original[1](cursor, query, *args, **kwargs)

    def counted_executemany(cursor, query, params_seq, *args, **kwargs):
        params_seq = list(params_seq)
        count(query, len(params_seq))
        return original[2](cursor, query, params_seq, *args, **kwargs)

    psycopg.Connection.wait = counted_wait
    psycopg.Cursor.execute, psycopg.Cursor.executemany = counted_execute, counted_executemany
    checkouts = Counter()
    event.listen(engine, "checkout", lambda *_: checkouts.update(["checkout"]))
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        started = time.perf_counter()
        for index in range(redemptions):
            redeem(index)
        elapsed = time.perf_counter() - started
        profiler.disable()
    finally:
        psycopg.Connection.wait = original[0]
        psycopg.Cursor.execute, psycopg.Cursor.executemany = original[1], original[2]
    service.database.dispose()
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report).strip_dirs()
    stats.sort_stats("cumulative").print_stats(40)
    trips = sum(n * cost for (_what, cost), n in round_trips.items())
    header = (
        f"  round trips to PostgreSQL per redemption: {trips / redemptions:.1f} "
        f"({sum(round_trips.values()) / redemptions:.1f} psycopg Connection.wait calls, "
        f"{checkouts['checkout'] / redemptions:.1f} pool checkouts), by what they were:\n"
    )
    header += "".join(
        f"    {n / redemptions:5.2f} x {cost}  {what}\n"
        for (what, cost), n in round_trips.most_common(30)
    )
    header += (
        f"  in-process (Flask test client, one thread, cProfile on): {redemptions} redemptions "
        f"in {elapsed:.2f}s = {elapsed / redemptions * 1000:.2f} ms each\n"
    )
    return statements, header + report.getvalue()


class WaitSampler(threading.Thread):
    """What the exchange's PostgreSQL backends are doing, sampled every 20 ms."""

    def __init__(self, dsn: str, database: str) -> None:
        super().__init__(daemon=True)
        self._dsn, self._database = dsn, database
        self._stopping = threading.Event()
        self.seen: Counter[str] = Counter()
        self.samples = 0

    def run(self) -> None:
        with connect(self._dsn, autocommit=True) as connection:
            while not self._stopping.wait(0.02):
                rows = connection.execute(
                    "SELECT state, wait_event_type, wait_event, left(query, 60) FROM"
                    " pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self._database,),
                ).fetchall()
                self.samples += 1
                for state, wait_type, wait, query in rows:
                    what = f"{state}: {wait_type or 'CPU'}/{wait or '-'}"
                    if state != "idle":
                        what += f"  [{' '.join(query.split())}]"
                    self.seen[what] += 1

    def stop(self) -> None:
        self._stopping.set()
        self.join(5)

    def report(self) -> str:
        lines = [
            f"  the exchange's PostgreSQL backends, sampled {self.samples} times (average number "
            "of backends in each state; 'idle in transaction: Client/ClientRead' = waiting "
            "for Python):"
        ]
        lines += [
            f"    {count / max(self.samples, 1):5.2f}  {what}"
            for what, count in self.seen.most_common(20)
        ]
        return "\n".join(lines) + "\n"


def py_spy_profile(
    processes: Processes,
    url: str,
    data: Path,
    seconds: int,
    workdir: Path,
    connections: int,
    dsn: str,
    database: str,
) -> str:
    """Record each gunicorn worker with py-spy during a wrk run; summarise the stacks."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        return "  py-spy not installed (pip install py-spy): no sampling profile\n"
    workers = children_of(processes.started["exchange-web"].pid)
    recorders = []
    for pid in workers:
        output = workdir / f"py-spy-{pid}.txt"
        recorders.append(
            (
                output,
                subprocess.Popen(
                    [
                        py_spy,
                        "record",
                        "--pid",
                        str(pid),
                        "--duration",
                        str(seconds),
                        "--rate",
                        "200",
                        "--format",
                        "raw",
                        "--nonblocking",
                        "--output",
                        str(output),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                ),
            )
        )
    time.sleep(0.5)
    waits = WaitSampler(dsn, database)
    waits.start()
    try:
        run = run_wrk(url, data, seconds, connections, 2)
    finally:
        waits.stop()
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for output, recorder in recorders:
        recorder.wait(30)
        if not output.exists():
            return f"  py-spy failed: {recorder.stderr.read().decode()[:500]}\n"
        for line in output.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = [re.sub(r" \(.*?/(?=[^/]*\))", " (", f) for f in stack.split(";")]
            samples = int(count)
            total += samples
            own[frames[-1]] += samples
            for frame in set(frames):
                inclusive[frame] += samples
    lines = [
        f"  py-spy, {len(workers)} workers x {seconds}s at 200 Hz during wrk "
        f"({run.rps:,.0f} req/s under the sampler): {total} samples (idle threads included)",
        "  inclusive (share of all samples):",
    ]
    lines += [f"    {n / total:6.1%}  {frame}" for frame, n in inclusive.most_common(45)]
    lines.append("  own time:")
    lines += [f"    {n / total:6.1%}  {frame}" for frame, n in own.most_common(25)]
    return "\n".join(lines) + "\n" + waits.report()


# --- the run ------------------------------------------------------------------------------------


def benchmark(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> None:
    started = time.perf_counter()
    pg_version = server_version(args.postgres_url)
    stack = start_stack(
        args, workdir, cleanup, exchange_workers=args.workers, exchange_threads=args.threads
    )
    tag, settings, processes, web = stack.tag, stack.settings, stack.processes, stack.web
    exchange_db, exchange_dsn = stack.database("exchange"), stack.dsn("exchange")
    pgbench_db = f"fabene_bench_{tag}_pgbench"
    create_database(args.postgres_url, pgbench_db)
    cleanup.callback(best_effort, drop_database, args.postgres_url, pgbench_db)

    api = Api(web)
    town = set_up_town(api, settings, exchange_dsn, processes, args.households)
    data = workdir / "tills.tsv"
    write_till_data(town, data)
    setup_seconds = time.perf_counter() - started

    print("Till redemptions over HTTP on the real stack, against pgbench in the same run")
    print(
        f"  PostgreSQL {pg_version} (databases fabene_bench_{tag}_*); RabbitMQ at "
        f"{pika.URLParameters(args.amqp_url).host}, namespace {settings.namespace}; "
        f"{os.cpu_count()} cores"
    )
    print(
        f"  exchange: fabene web exchange = gunicorn gthread, --workers {args.workers} "
        f"--threads {args.threads} (worker_connections 16); log level {settings.log_level}; "
        "fabene web registry and fabene worker registry|exchange|notifications running"
    )
    print(
        f"  town: {TILLS} shops with a till each, {len(town.households)} households at the "
        f"tills ({len(town.households) // TILLS} cards per till), rules {GENEROUS_RULES}"
    )
    print(
        f"  load: wrk -t2 -c{TILLS} -d{args.duration}s --latency -s "
        f"benchmarks/till.lua, {args.runs} run(s) after a {args.warmup}s warm-up; "
        "POST /exchange/api/v1/redemptions, 50-140 cents, a new Idempotency-Key each"
    )
    print(f"  (setup through the APIs: {setup_seconds:.0f}s, not timed)")
    sys.stdout.flush()

    # 1. the baseline
    pgbench_init(args.postgres_url, pgbench_db, args.pgbench_scale)
    baseline = [
        pgbench_run(args.postgres_url, pgbench_db, clients, args.pgbench_seconds)
        for clients in (8, 32)
    ]
    best_effort(drop_database, args.postgres_url, pgbench_db)
    print()
    print(
        f"  baseline: pgbench tpcb-like, -s {args.pgbench_scale}, -j 2, -T {args.pgbench_seconds}"
    )
    for run in baseline:
        print(
            f"    {run.clients:>2} clients: {run.tps:>8,.0f} tx/s, {run.latency_ms:.2f} ms average"
        )
    sys.stdout.flush()

    # 2. the till
    exchange_url = f"{web['exchange']}/exchange/api/v1/redemptions"
    if args.warmup:
        reset_daily_usage(exchange_dsn)
        warm = run_wrk(exchange_url, data, args.warmup, TILLS, 2)
        if warm.errors:
            raise BenchmarkError(
                f"warm-up: {warm.errors} errors ({warm.statuses}); first: {warm.first_refusal}"
            )
    created_total = warm.created if args.warmup else 0
    runs: list[WrkRun] = []
    watches: list[CpuWatch] = []
    print()
    print(
        f"  {'run':>3}  {'req/s':>7}  {'p50 ms':>7}  {'p90 ms':>7}  {'p99 ms':>7}  "
        f"{'max ms':>7}  {'errors':>6}  {'x pgbench32':>11}  cores used: gunicorn workers"
    )
    for number in range(1, args.runs + 1):
        reset_daily_usage(exchange_dsn)
        watch = CpuWatch(processes, exchange_db, args.postgres_url)
        watch.start()
        run = run_wrk(exchange_url, data, args.duration, TILLS, 2)
        watch.stop()
        runs.append(run)
        watches.append(watch)
        created_total += run.created
        workers = [v for k, v in watch.summary().items() if k.startswith("exchange gunicorn")]
        print(
            f"  {number:>3}  {run.rps:>7,.0f}  {run.p50_ms:>7.1f}  {run.p90_ms:>7.1f}  "
            f"{run.p99_ms:>7.1f}  {run.max_ms:>7.1f}  {run.errors:>6}  "
            f"{run.rps / baseline[1].tps:>10.2f}x  " + " + ".join(f"{w:.2f}" for w in workers)
        )
        if run.errors:
            print(f"       statuses {run.statuses}; first refusal: {run.first_refusal}")
        if run.recovered > 1:  # wrk builds one request to check the script and never sends it
            print(f"       ({run.recovered - 1} tills taken back from requests never answered)")
        sys.stdout.flush()

    median = runs[sorted(range(len(runs)), key=lambda i: runs[i].rps)[len(runs) // 2]]
    median_watch = watches[runs.index(median)]
    rps = statistics.median(run.rps for run in runs)
    p50 = statistics.median(run.p50_ms for run in runs)
    p99 = statistics.median(run.p99_ms for run in runs)
    errors = sum(run.errors for run in runs)
    ratio = rps / baseline[1].tps
    print()
    print(
        "  CPU during the median run, cores used on average (the machine has "
        f"{median_watch.cores:.1f}; all processes busy: {median_watch.machine_cores:.2f}):"
    )
    summary = median_watch.summary()
    summary["wrk"] = median.wrk_cpu_seconds / median.seconds
    for name, cores in sorted(summary.items(), key=lambda item: -item[1]):
        if cores >= 0.005:
            print(f"    {cores:5.2f}  {name}")
    others = median_watch.machine_cores - sum(summary.values())
    print(f"    {others:5.2f}  everything else on the machine (not this benchmark)")
    workers = [v for k, v in summary.items() if k.startswith("exchange gunicorn")]
    if len(workers) > 1 and min(workers) < 0.5 * max(workers):
        print("    WARNING: the gunicorn workers did not share the load (gthread starvation?)")

    # afterwards: one redemption per 201, the ledger adds up
    exchange = bootstrap_service("exchange", settings)
    cleanup.callback(best_effort, exchange.database.dispose)
    with connect(exchange_dsn, autocommit=True) as connection:
        in_db, deadline = -1, time.monotonic() + 10
        while time.monotonic() < deadline:  # until the requests wrk left in flight are done
            counted = connection.execute(
                "SELECT count(*) FROM transactions WHERE kind = 'redemption'"
            ).fetchone()[0]
            if counted == in_db:
                break
            in_db = counted
            time.sleep(0.5)
        outbox = connection.execute(
            "SELECT count(*), count(published_at), count(*) FILTER (WHERE published_at IS NULL"
            " AND last_error LIKE 'unroutable%%'), max(last_error) FILTER (WHERE published_at"
            " IS NULL) FROM outbox WHERE event_type = 'exchange.credits.redeemed'"
        ).fetchone()
    in_flight_allowance = TILLS * (args.runs + (1 if args.warmup else 0))
    if not 0 <= in_db - created_total <= in_flight_allowance:
        raise BenchmarkError(
            f"{in_db} redemptions in the database, but wrk saw {created_total} answered 201"
        )
    ledger = check_ledger(exchange)
    if not ledger.clean:
        raise BenchmarkError(f"the ledger does not add up after the runs: {ledger}")
    print(
        f"  checked: {in_db:,} redemption transactions in the database for {created_total:,} "
        f"answered 201 ({in_db - created_total} committed while wrk stopped); ledger: every "
        "transaction sums to zero, no account below zero, every balance = its postings"
    )
    print(
        f"  outbox: {outbox[0]:,} exchange.credits.redeemed events written, {outbox[1]:,} "
        f"published, {outbox[0] - outbox[1]:,} pending"
        + (f" ({outbox[2]:,} returned unroutable: {outbox[3]})" if outbox[2] else "")
    )

    till_pass = ratio >= TARGET_RATIO and p99 <= TARGET_P99_MS and errors == 0
    print()
    print(
        f"  median till redemptions: {rps:,.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"{errors} errors in {len(runs)} runs"
    )
    print(
        f"  baseline pgbench tpcb-like, 32 clients: {baseline[1].tps:,.0f} tx/s "
        f"(8 clients: {baseline[0].tps:,.0f} tx/s)"
    )
    print(
        f"  ratio till/pgbench(32): {ratio:.2f}x (target >= {TARGET_RATIO}x)   "
        f"p99 {p99:.1f} ms (target <= {TARGET_P99_MS:.0f} ms)   errors {errors} (target 0)   "
        f"{'PASS' if till_pass else 'FAIL'}"
    )
    sys.stdout.flush()

    # 3. the balance read
    filled = time.perf_counter()
    bypassed = False
    for member, count in ((town.big, args.big_postings), (town.small, args.small_postings)):
        bypassed |= give_history(
            exchange_dsn,
            town.network_id,
            member["id"],
            count,
            bypass_triggers=not args.ledger_triggers,
        )
    vacuum_ledger(exchange_dsn)
    ledger = check_ledger(exchange)
    if not ledger.clean:
        raise BenchmarkError(f"the ledger does not add up after the bulk history: {ledger}")
    if bypassed and (orphans := orphan_postings(exchange_dsn)):
        raise BenchmarkError(f"the bulk history left {orphans} postings without their rows")
    with connect(exchange_dsn, autocommit=True) as connection:
        counts = dict(
            connection.execute(
                "SELECT a.owner_id, count(*) FROM postings p JOIN accounts a ON a.id = p.account_id"
                " WHERE a.owner_id IN (%s, %s) GROUP BY a.owner_id",
                (town.big["id"], town.small["id"]),
            ).fetchall()
        )
    fill_seconds = time.perf_counter() - filled
    token = api.headers["Authorization"].split(" ", 1)[1]
    timings = time_balance_reads(
        web["exchange"],
        token,
        {"big": town.big["id"], "small": town.small["id"]},
        args.balance_requests,
    )
    print()
    print(
        f"  balance read: GET /members/{{id}}/balances, {args.balance_requests} sequential "
        "requests each on one keep-alive connection, the two taking turns "
        f"(history written with SQL and VACUUM ANALYZE: {fill_seconds:.0f}s, not timed)"
    )
    print(
        "    history: transactions of 2 postings (household +1, network funding -1), balances "
        "updated; "
        + (
            "ledger triggers and foreign keys off for the bulk load (superuser, "
            "session_replication_role = replica), the same rules checked afterwards: every "
            "transaction sums to zero, balances = postings, no orphan posting"
            if bypassed
            else "loaded with the ledger's triggers on; ledger checked afterwards"
        )
    )
    figures = {}
    for name, label in (("small", "small"), ("big", "big")):
        values = timings[name]
        member_id = town.small["id"] if name == "small" else town.big["id"]
        figures[name] = (percentile(values, 0.5), percentile(values, 0.99))
        print(
            f"    {counts.get(member_id, 0):>9,} postings ({label}): "
            f"p50 {figures[name][0]:.2f} ms, "
            f"p99 {figures[name][1]:.2f} ms, mean {statistics.fmean(values):.2f} ms"
        )
    for member, expected in ((town.big, args.big_postings), (town.small, args.small_postings)):
        food = api.call("GET", "exchange", f"/members/{member['id']}/balances")["FOOD"]["balance"]
        if food != expected:  # +1 cent per history transaction, nothing else
            raise BenchmarkError(f"balance read {food}, the history put {expected}")
    balance_ratio = figures["big"][0] / figures["small"][0]
    p99_ratio = figures["big"][1] / figures["small"][1]
    print(
        f"  ratio p50 big/small: {balance_ratio:.2f}x (p99: {p99_ratio:.2f}x)   "
        f"target <= {TARGET_BALANCE_RATIO}x   "
        f"{'PASS' if balance_ratio <= TARGET_BALANCE_RATIO else 'FAIL'}"
    )
    sys.stdout.flush()

    if args.profile:
        print()
        print("Profile")
        reset_daily_usage(exchange_dsn)
        print(
            py_spy_profile(
                processes,
                exchange_url,
                data,
                10,
                workdir,
                TILLS,
                args.postgres_url,
                exchange_db,
            )
        )
        reset_daily_usage(exchange_dsn)
        statements, report = count_statements(settings, town, args.profile_redemptions)
        per = args.profile_redemptions
        print(
            f"  SQL statements per redemption (counted in psycopg, {per} redemptions; "
            f"BEGIN and COMMIT aside): {sum(statements.values()) / per:.1f}"
        )
        for statement, count in statements.most_common():
            print(f"    {count / per:5.2f}  {statement}")
        print(report)
    processes.check_alive()

    # 4. the till's SQL alone
    processes.stop_one("exchange-worker")  # its relay would publish the replay's events
    print_sql_alone(
        sql_alone(args, settings, town, exchange_db, exchange_dsn, workdir),
        baseline[1].tps,
        rps,
        summary,
    )


def sql_alone(
    args: argparse.Namespace,
    settings: Settings,
    town: Town,
    exchange_db: str,
    exchange_dsn: str,
    workdir: Path,
) -> tuple[list[till_sql.Statement], till_sql.Replay]:
    statements = till_sql.record_redemption(settings, town)
    cards_per_till = till_sql.make_card_table(exchange_dsn, town, TILLS)
    script = workdir / "redemption.pgbench"
    script.write_text(
        till_sql.pgbench_script(
            statements,
            till_sql.looked_up_row(exchange_dsn, town.households[0]["card_number"]),
            TILLS,
            cards_per_till,
        )
    )
    env, pg_args = _pg_env_and_args(args.postgres_url, exchange_db)
    return statements, till_sql.replay(env, pg_args, script, TILLS, args.pgbench_seconds)


def print_sql_alone(
    recorded: tuple[list[till_sql.Statement], till_sql.Replay],
    tpcb: float,
    till_rps: float,
    till_cores: dict[str, float],
) -> None:
    """The replay's figures, and what they leave the rest of the stack at the target rate."""
    statements, replay = recorded
    alone = sum(1 for s in statements if s.pipeline is None)
    round_trips = alone + len({s.pipeline for s in statements if s.pipeline is not None})
    print()
    print(
        f"  the till's SQL alone: one redemption's {len(statements)} statements, recorded in "
        f"the exchange's app ({round_trips} round trips), replayed by pgbench -M prepared, "
        f"{TILLS} clients each a till with its own cards (plus a card lookup per transaction),"
        " the exchange's worker stopped:"
    )
    for line in till_sql.statements_sent(statements):
        print(f"    {line}")
    print(
        f"    {replay.tps:,.0f} tx/s = {replay.tps / tpcb:.2f}x pgbench tpcb-like, "
        f"{replay.latency_ms:.1f} ms average; machine busy {replay.busy_cores:.2f} cores, "
        f"pgbench's client {replay.client_cores:.2f}: the database {replay.database_ms:.2f} ms "
        "of CPU per redemption"
    )
    target = TARGET_RATIO * tpcb
    database_cores = target * replay.database_ms / 1000
    cores = os.cpu_count() or 1
    left_ms = (cores - database_cores) / target * 1000
    rest = sum(v for k, v in till_cores.items() if k != "PostgreSQL backends (exchange)")
    print(
        f"  at the target ({TARGET_RATIO}x = {target:,.0f} req/s) the database alone would take "
        f"{database_cores:.2f} of the {cores} cores, leaving {left_ms:.2f} ms of CPU per "
        "redemption for everything else (gunicorn, the relay, the notifications worker and "
        f"its database, wrk); in the median run above they took {rest / till_rps * 1000:.2f} ms"
    )
    cap = cores / rest * till_rps
    print(
        f"  so even with a database that cost nothing, the rest as it is would cap the till at "
        f"about {cap:,.0f} req/s ({cap / tpcb:.2f}x pgbench tpcb-like)"
    )
    sys.stdout.flush()


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.till",
        description="Redemptions at 32 tills over HTTP, against pgbench; and a balance read.",
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (15)")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs; medians reported (3)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of untimed wrk first (3)")
    parser.add_argument("--workers", type=int, default=2, help="exchange gunicorn workers (2)")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (4, as FABENE_WEB_THREADS)"
    )
    parser.add_argument("--households", type=int, default=256, help="at the tills (256)")
    parser.add_argument("--pgbench-scale", type=int, default=10, help="pgbench -s (10)")
    parser.add_argument("--pgbench-seconds", type=int, default=15, help="pgbench -T (15)")
    parser.add_argument("--big-postings", type=int, default=1_000_000, help="(1000000)")
    parser.add_argument("--small-postings", type=int, default=1_000, help="(1000)")
    parser.add_argument("--balance-requests", type=int, default=1000, help="per account (1000)")
    parser.add_argument(
        "--ledger-triggers",
        action="store_true",
        help="keep the ledger's triggers on while loading the history (slower)",
    )
    add_stack_arguments(parser)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then py-spy the gunicorn workers under load and count SQL per redemption",
    )
    parser.add_argument("--profile-redemptions", type=int, default=300, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.duration < 1 or args.households < TILLS:
        parser.error(f"--runs and --duration must be at least 1, --households at least {TILLS}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    for tool in ("wrk", "pgbench"):
        if shutil.which(tool) is None:
            print(f"till benchmark: {tool} is not installed", file=sys.stderr)
            return 1
    return run_benchmark("till", benchmark, args)


if __name__ == "__main__":
    sys.exit(main())
