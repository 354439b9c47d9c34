"""Notifications under load: a burst of 10,000 events, and redemption → inbox latency.

    python -m benchmarks.notifications [--burst 10000] [--rate 100] [--seconds 30]

On a stack of its own (benchmarks/stack.py: PostgreSQL, RabbitMQ, every
service's real processes) with a town of 32 tills and 256 households:

1. **Burst**: the notifications worker is stopped. 10,000
   ``exchange.credits.redeemed`` events, one transaction each, spread over
   the households and shops, are written to the exchange's outbox in one
   transaction; the running exchange worker relays them to RabbitMQ, where
   they wait in the notifications queue. The worker starts again, timed
   until every event is handled (and its CPU and its database backends',
   from its first event to the last, per event). None may be lost: each
   household has one receipt in its inbox per event, the digests hold each
   event's transaction once, and the queue and its dead-letter queue are
   empty.
2. **Latency**: redemptions at 100/s over HTTP for 30 s, sent at their
   planned times whatever the answers' speed (an open loop, 32 tills at
   once at most); for each one, the time from its transaction in the
   exchange to the receipt in the household's inbox. p50/p99/max; target
   p99 ≤ 500 ms (PERFORMANCE.md).

It exits non-zero only when it could not measure; a missed target is
printed as FAIL.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pika
import requests

from benchmarks.stack import (
    PIN,
    TILLS,
    Api,
    BenchmarkError,
    Stack,
    Town,
    add_stack_arguments,
    connect,
    cpu_seconds,
    percentile,
    run_benchmark,
    set_up_town,
    start_stack,
    wait_for,
)
from services.wiring import bootstrap_service
from shared.contracts.exchange import CREDITS_REDEEMED
from shared.correlation import correlated
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox

TARGET_P99_MS = 500.0
RECEIPT = "purchase_receipt"


# --- what the notifications service holds --------------------------------------------------------


def count_in(stack: Stack, service: str, query: str, **parameters) -> int:
    with connect(stack.dsn(service), autocommit=True) as connection:
        return connection.execute(query, parameters).fetchone()[0]


def database_now(stack: Stack) -> datetime:
    with connect(stack.dsn("notifications"), autocommit=True) as connection:
        return connection.execute("SELECT now()").fetchone()[0]


def takings(stack: Stack) -> int:
    return count_in(stack, "notifications", "SELECT count(*) FROM takings_entries")


def database_cpu_seconds(stack: Stack) -> float:
    """CPU used so far by the PostgreSQL backends connected to the notifications database."""
    with connect(stack.dsn("notifications"), autocommit=True) as connection:
        pids = connection.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return sum(cpu_seconds(pid) for (pid,) in pids)


def receipts(stack: Stack) -> int:
    return count_in(
        stack, "notifications", f"SELECT count(*) FROM inbox_messages WHERE topic = '{RECEIPT}'"
    )


def queue_depths(stack: Stack) -> tuple[int, int]:
    """Messages waiting in the notifications queue and in its dead-letter queue."""
    queues = bootstrap_service("notifications", stack.settings).queues
    connection = pika.BlockingConnection(pika.URLParameters(stack.settings.broker_url))
    try:
        channel = connection.channel()
        return tuple(
            channel.queue_declare(name, passive=True).method.message_count
            for name in (queues.main, queues.dead)
        )
    finally:
        with contextlib.suppress(Exception):
            connection.close()


# --- 1. the burst --------------------------------------------------------------------------------


def redeemed_events(town: Town, count: int) -> list[Envelope]:
    events = []
    for index in range(count):
        household = town.households[index % len(town.households)]
        data = CREDITS_REDEEMED.checked_for_publishing(
            {
                "transaction_id": str(uuid.uuid4()),
                "network_id": town.network_id,
                "member_id": household["id"],
                "shop_id": town.tills[index % len(town.tills)]["shop_id"],
                "amount_cents": 50 + index % 100,
                "balance_cents": 1_000_000 - index,
            }
        )
        with correlated(None):
            events.append(Envelope.new(CREDITS_REDEEMED.type, data, producer="exchange"))
    return events


def burst(stack: Stack, town: Town, count: int) -> dict:
    processes = stack.processes
    processes.stop_one("notifications-worker")
    receipts_before = receipts(stack)
    takings_before = takings(stack)

    exchange = bootstrap_service("exchange", stack.settings)
    try:
        with exchange.database.session() as session:
            add_to_outbox(session, exchange.outbox, redeemed_events(town, count))
            session.commit()
    finally:
        exchange.database.dispose()
    written = time.perf_counter()
    wait_for(
        "the exchange worker to relay the burst",
        lambda: (
            count_in(stack, "exchange", "SELECT count(*) FROM outbox WHERE published_at IS NULL")
            == 0
        ),
        processes,
    )
    relayed_seconds = time.perf_counter() - written
    wait_for("the burst to wait in the queue", lambda: queue_depths(stack)[0] >= count, processes)

    since = database_now(stack)
    started = time.perf_counter()
    worker = processes.start("notifications-worker", "worker", "notifications")
    # Its CPU from its first event on (its start, imports and connections left out).
    while (first_takings := takings(stack)) == takings_before:
        processes.check_alive()
        time.sleep(0.01)
    worker_cpu, database_cpu = cpu_seconds(worker.pid), database_cpu_seconds(stack)
    wait_for(
        "the notifications worker to handle the burst",
        lambda: takings(stack) >= takings_before + count,
        processes,
        timeout=600,
    )
    handled_seconds = time.perf_counter() - started
    measured_events = takings_before + count - first_takings
    worker_cpu = cpu_seconds(worker.pid) - worker_cpu
    database_cpu = database_cpu_seconds(stack) - database_cpu
    wait_for("every receipt", lambda: receipts(stack) >= receipts_before + count, processes, 60)
    with connect(stack.dsn("notifications"), autocommit=True) as connection:
        first, last = connection.execute(
            "SELECT min(created_at), max(created_at) FROM inbox_messages"
            " WHERE topic = %s AND created_at >= %s",
            (RECEIPT, since),
        ).fetchone()
    time.sleep(1)  # anything handled twice would show now
    waiting, dead = queue_depths(stack)
    return {
        "relayed_seconds": relayed_seconds,
        "handled_seconds": handled_seconds,
        "first_to_last_seconds": (last - first).total_seconds(),
        "receipts": receipts(stack) - receipts_before,
        "takings": takings(stack) - takings_before,
        "waiting": waiting,
        "dead": dead,
        "worker_ms_per_event": worker_cpu * 1000 / measured_events,
        "database_ms_per_event": database_cpu * 1000 / measured_events,
    }


# --- 2. latency at a steady rate -----------------------------------------------------------------


class OpenLoop:
    """Redemptions sent at their planned times, ``rate`` a second, from one thread per till."""

    def __init__(self, stack: Stack, town: Town, rate: int, seconds: int) -> None:
        self._url = f"{stack.web['exchange']}/exchange/api/v1/redemptions"
        self._town = town
        self._rate = rate
        self._total = rate * seconds
        self._numbers = itertools.count()
        self._lock = threading.Lock()
        self.receipts: list[tuple[str, datetime]] = []  # (member id, transaction time)
        self.failures: list[str] = []
        self.late = 0

    def run(self) -> None:
        self._start = time.perf_counter() + 0.5
        threads = [threading.Thread(target=self._till, args=(i,)) for i in range(TILLS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _till(self, _index: int) -> None:
        session = requests.Session()
        while True:
            with self._lock:
                number = next(self._numbers)
            if number >= self._total:
                return
            due = self._start + number / self._rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.1:
                self.late += 1
            self._redeem(session, number)

    def _redeem(self, session: requests.Session, number: int) -> None:
        households = self._town.households
        household = households[number % len(households)]
        till = self._town.tills[(number % len(households)) % len(self._town.tills)]
        response = session.post(
            self._url,
            json={"card_number": household["card_number"], "pin": PIN, "amount_cents": 50},
            headers={
                "Authorization": f"Bearer {till['device_token']}",
                "Idempotency-Key": f"bench-{uuid.uuid4()}",
            },
            timeout=30,
        )
        if response.status_code != 201:
            self.failures.append(f"{response.status_code} {response.text[:200]}")
            return
        receipt = response.json()
        self.receipts.append((household["id"], datetime.fromisoformat(receipt["created_at"])))


def latencies(stack: Stack, loop: OpenLoop, since: datetime) -> list[float]:
    """Milliseconds from each redemption to its receipt in the inbox, household by household."""
    sent: dict[str, list[datetime]] = defaultdict(list)
    for member_id, at in loop.receipts:
        sent[member_id].append(at)
    with connect(stack.dsn("notifications"), autocommit=True) as connection:
        rows = connection.execute(
            "SELECT member_id, created_at FROM inbox_messages WHERE topic = %s AND created_at >= %s"
            " ORDER BY created_at",
            (RECEIPT, since),
        ).fetchall()
    arrived: dict[str, list[datetime]] = defaultdict(list)
    for member_id, at in rows:
        arrived[member_id].append(at)
    result = []
    for member_id, times in sent.items():
        inbox = arrived.get(member_id, [])
        if len(inbox) != len(times):
            raise BenchmarkError(
                f"household {member_id}: {len(times)} redemptions, {len(inbox)} receipts"
            )
        # A household's redemptions are seconds apart: its receipts arrive in the same order.
        pairs = zip(sorted(times), inbox, strict=True)
        result += [(got - paid).total_seconds() * 1000 for paid, got in pairs]
    return result


# --- the run -------------------------------------------------------------------------------------


def benchmark(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> None:
    started = time.perf_counter()
    stack = start_stack(args, workdir, cleanup)
    api = Api(stack.web)
    town = set_up_town(api, stack.settings, stack.dsn("exchange"), stack.processes, args.households)
    wait_for(
        "the notifications service to know every household",
        lambda: (
            count_in(stack, "notifications", "SELECT count(*) FROM recipients")
            >= len(town.households)
        ),
        stack.processes,
    )
    print("Notifications under load on the real stack")
    print(
        f"  PostgreSQL and RabbitMQ on loopback (databases fabene_bench_{stack.tag}_*, namespace "
        f"{stack.settings.namespace}); fabene web registry|exchange, fabene worker for each "
        f"service; {len(town.households)} households, {TILLS} tills "
        f"(setup through the APIs: {time.perf_counter() - started:.0f}s, not timed)"
    )
    sys.stdout.flush()

    result = burst(stack, town, args.burst)
    lost = args.burst - min(result["receipts"], result["takings"])
    burst_ok = (
        result["receipts"] == result["takings"] == args.burst
        and result["waiting"] == result["dead"] == 0
    )
    print()
    print(
        f"  burst: {args.burst:,} exchange.credits.redeemed events in the exchange's outbox, "
        f"relayed to the notifications queue in {result['relayed_seconds']:.1f}s while its "
        "worker was stopped; then the worker started"
    )
    print(
        f"    handled in {result['handled_seconds']:.1f}s from the worker's start "
        f"({args.burst / result['handled_seconds']:,.0f} events/s; first to last receipt "
        f"{result['first_to_last_seconds']:.1f}s, "
        f"{args.burst / max(result['first_to_last_seconds'], 0.001):,.0f} events/s)"
    )
    print(
        f"    CPU per event after the first: {result['worker_ms_per_event']:.2f} ms in the worker, "
        f"{result['database_ms_per_event']:.2f} ms in its PostgreSQL backends"
    )
    print(
        f"    {result['receipts']:,} receipts in the households' inboxes, {result['takings']:,} "
        f"takings in the digests, {result['waiting']} left in the queue, {result['dead']} "
        f"dead-lettered: {lost} lost   {'PASS' if burst_ok else 'FAIL'}"
    )
    sys.stdout.flush()

    since = database_now(stack)
    loop = OpenLoop(stack, town, args.rate, args.seconds)
    loop.run()
    wait_for(
        "every receipt of the steady run",
        lambda: (
            count_in(
                stack,
                "notifications",
                "SELECT count(*) FROM inbox_messages"
                " WHERE topic = %(topic)s AND created_at >= %(since)s",
                topic=RECEIPT,
                since=since,
            )
            >= len(loop.receipts)
        ),
        stack.processes,
        timeout=120,
    )
    values = latencies(stack, loop, since)
    p50, p99, worst = percentile(values, 0.5), percentile(values, 0.99), max(values)
    ok = p99 <= TARGET_P99_MS and not loop.failures
    print()
    print(
        f"  steady: {args.rate} redemptions/s over HTTP for {args.seconds}s, open loop: "
        f"{len(loop.receipts):,} answered 201, {len(loop.failures)} refused or failed, "
        f"{loop.late} sent more than 100 ms late"
    )
    if loop.failures:
        print(f"    first failure: {loop.failures[0]}")
    print(
        f"    redemption → receipt in the inbox: p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"max {worst:.0f} ms   target p99 <= {TARGET_P99_MS:.0f} ms   {'PASS' if ok else 'FAIL'}"
    )


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--burst", type=int, default=10_000, help="events in the burst (10000)")
    parser.add_argument("--rate", type=int, default=100, help="redemptions a second (100)")
    parser.add_argument("--seconds", type=int, default=30, help="of the steady run (30)")
    parser.add_argument("--households", type=int, default=256, help="(256)")
    add_stack_arguments(parser)
    args = parser.parse_args(argv)
    if min(args.burst, args.rate, args.seconds) < 1 or args.households < TILLS:
        parser.error(f"--burst, --rate, --seconds at least 1, --households at least {TILLS}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    return run_benchmark("notifications", benchmark, args)


if __name__ == "__main__":
    sys.exit(main())
