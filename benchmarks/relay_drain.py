"""The outbox relay draining a backlog to RabbitMQ, held against a raw publish in the same run.

    python -m benchmarks.relay_drain [--events 50000] [--runs 3] [--profile]

Each run:

1. **Baseline**: the same N message bodies (the outbox rows' payloads, same
   properties: persistent, mandatory, message id, type, one header) published
   to the same exchange and queue by a minimal pika ``SelectConnection``
   publisher kept in this file, with up to 1,000 unconfirmed messages in
   flight. Timed from opening the connection to the last confirm: msg/s.
2. **Relay**: the registry's outbox on PostgreSQL is truncated, filled with N
   ``registry.member.registered`` events in one bulk insert and analysed (not
   timed); then ``OutboxRelay.run_once()`` is called until every row is
   confirmed. Timed from the first call (which connects) to the last: events/s.
   Afterwards every row must have ``published_at`` and the capture queue must
   hold exactly N messages.

The benchmark makes a database, an exchange and a queue of its own (unique
names) and removes them at the end, also on failure. It exits non-zero only
on errors; missing the target (relay >= 0.5x raw, PERFORMANCE.md) is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import logging
import pstats
import secrets
import statistics
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pika
from pika.spec import Basic
from sqlalchemy import func, select, text

from benchmarks.stack import (
    add_server_arguments,
    best_effort,
    create_database,
    drop_database,
    run_benchmark,
    server_version,
)
from services.wiring import bootstrap_service
from shared.config import Settings
from shared.contracts.registry import LANGUAGES, MEMBER_KINDS, MEMBER_REGISTERED
from shared.correlation import correlated
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.messaging.publishing import ROUTING_KEY_HEADER
from shared.service import Service

TARGET_RATIO = 0.5
BASELINE_WINDOW = 1000
PHASE_TIMEOUT_SECONDS = 300.0
QUEUE_SETTLE_SECONDS = 10.0


class BenchmarkError(RuntimeError):
    """The benchmark could not measure what it set out to (not a missed target)."""


@dataclass(frozen=True)
class Message:
    """One message as both publishers send it."""

    event_id: str
    event_type: str
    body: bytes


# --- the baseline: a raw pipelined-confirm publisher, independent of the project ---------------


class RawPipelinedPublish:
    """Publish with pika ``SelectConnection``, keeping up to ``window`` messages unconfirmed."""

    def __init__(self, parameters: pika.ConnectionParameters, exchange: str, window: int) -> None:
        self._parameters = parameters
        self._exchange = exchange
        self._window = window

    def run(self, messages: Sequence[Message]) -> float:
        """Publish every message and wait for every confirm; return the seconds it took."""
        self._messages = messages
        self._published = 0
        self._unconfirmed: set[int] = set()
        self._floor = 0  # every tag up to here is settled
        self._nacked = 0
        self._returned = 0
        self._error: str | None = None
        self._elapsed: float | None = None
        self._channel = None
        self._started = time.perf_counter()
        self._connection = pika.SelectConnection(
            self._parameters,
            on_open_callback=self._on_open,
            on_open_error_callback=self._on_open_error,
            on_close_callback=self._on_closed,
        )
        ioloop = self._connection.ioloop
        timer = ioloop.call_later(PHASE_TIMEOUT_SECONDS, self._on_timeout)
        try:
            ioloop.start()  # until the connection has closed
        finally:
            ioloop.remove_timeout(timer)
            ioloop.close()
        if self._error is not None:
            raise BenchmarkError(f"baseline publish failed: {self._error}")
        if self._nacked or self._returned:
            raise BenchmarkError(
                f"baseline publish: {self._nacked} nacked, {self._returned} returned unroutable"
            )
        assert self._elapsed is not None
        return self._elapsed

    def _on_open(self, connection) -> None:
        connection.channel(on_open_callback=self._on_channel_open)

    def _on_channel_open(self, channel) -> None:
        self._channel = channel
        channel.add_on_return_callback(self._on_return)
        channel.confirm_delivery(ack_nack_callback=self._on_confirm, callback=self._on_confirming)

    def _on_confirming(self, _frame) -> None:
        self._publish_within_window()

    def _publish_within_window(self) -> None:
        channel, messages = self._channel, self._messages
        while self._published < len(messages) and len(self._unconfirmed) < self._window:
            message = messages[self._published]
            channel.basic_publish(
                exchange=self._exchange,
                routing_key=message.event_type,
                body=message.body,
                properties=pika.BasicProperties(
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=message.event_id,
                    type=message.event_type,
                    headers={ROUTING_KEY_HEADER: message.event_type},
                ),
                mandatory=True,
            )
            self._published += 1
            self._unconfirmed.add(self._published)  # delivery tags count from 1

    def _on_confirm(self, frame) -> None:
        method = frame.method
        before = len(self._unconfirmed)
        if method.multiple:
            for tag in range(self._floor + 1, method.delivery_tag + 1):
                self._unconfirmed.discard(tag)
            self._floor = max(self._floor, method.delivery_tag)
        else:
            self._unconfirmed.discard(method.delivery_tag)
        if isinstance(method, Basic.Nack):
            self._nacked += before - len(self._unconfirmed)
        if self._published == len(self._messages) and not self._unconfirmed:
            self._elapsed = time.perf_counter() - self._started
            self._connection.close()
        else:
            self._publish_within_window()

    def _on_return(self, _channel, _method, _properties, _body) -> None:
        self._returned += 1

    def _on_open_error(self, connection, error) -> None:
        self._error = f"cannot connect: {error!r}"
        connection.ioloop.stop()

    def _on_closed(self, connection, reason) -> None:
        if self._elapsed is None and self._error is None:
            self._error = f"connection closed: {reason}"
        connection.ioloop.stop()

    def _on_timeout(self) -> None:
        self._error = f"not finished within {PHASE_TIMEOUT_SECONDS:.0f}s"
        if self._connection.is_open:
            self._connection.close()
        else:
            self._connection.ioloop.stop()


# --- the broker: the exchange and a capture queue of the benchmark's own ------------------------


class CaptureQueue:
    """A durable classic queue bound with ``#``, so every published event is routable."""

    def __init__(self, parameters: pika.ConnectionParameters, exchange: str, name: str) -> None:
        self._parameters = parameters
        self.exchange = exchange
        self.name = name

    @contextlib.contextmanager
    def _channel(self) -> Iterator[pika.adapters.blocking_connection.BlockingChannel]:
        connection = pika.BlockingConnection(self._parameters)
        try:
            yield connection.channel()
        finally:
            with contextlib.suppress(Exception):
                connection.close()

    def declare(self) -> None:
        with self._channel() as channel:
            channel.exchange_declare(self.exchange, exchange_type="topic", durable=True)
            channel.queue_declare(self.name, durable=True)
            channel.queue_bind(self.name, self.exchange, routing_key="#")

    def depth(self) -> int:
        with self._channel() as channel:
            return channel.queue_declare(self.name, passive=True).method.message_count

    def expect(self, count: int, what: str) -> None:
        """Check the queue holds exactly ``count`` messages, then check one and purge."""
        deadline = time.monotonic() + QUEUE_SETTLE_SECONDS
        while (depth := self.depth()) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        if depth != count:
            raise BenchmarkError(f"{what}: the capture queue holds {depth} messages, not {count}")
        if not count:
            return
        with self._channel() as channel:
            _method, properties, body = channel.basic_get(self.name, auto_ack=True)
            envelope = Envelope.from_json(body)
            if envelope.type != properties.type or envelope.id != properties.message_id:
                raise BenchmarkError(f"{what}: a captured message does not match its envelope")
            channel.queue_purge(self.name)

    def delete(self) -> None:
        with self._channel() as channel:
            channel.queue_delete(self.name)
            channel.exchange_delete(self.exchange)


# --- the events and the outbox -------------------------------------------------------------------


def make_envelopes(count: int) -> list[Envelope]:
    """Realistic events: members registered in a few towns, each with its own correlation."""
    networks = [str(uuid.uuid4()) for _ in range(5)]
    envelopes = []
    for index in range(count):
        data = MEMBER_REGISTERED.checked_for_publishing(
            {
                "member_id": str(uuid.uuid4()),
                "network_id": networks[index % len(networks)],
                "kind": MEMBER_KINDS[index % len(MEMBER_KINDS)],
                "status": "pending",
                "language": LANGUAGES[index % len(LANGUAGES)],
            }
        )
        with correlated(None):
            envelopes.append(
                Envelope.new(
                    MEMBER_REGISTERED.type,
                    data,
                    producer="registry",
                    version=MEMBER_REGISTERED.version,
                )
            )
    return envelopes


def fill_outbox(service: Service, envelopes: Sequence[Envelope]) -> None:
    """An empty outbox, then the whole backlog in one transaction, then fresh statistics."""
    table = service.outbox
    with service.database.session() as session:
        session.execute(text(f"TRUNCATE {table.name} RESTART IDENTITY"))
        add_to_outbox(session, table, envelopes)
        session.commit()
    with service.database.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(
            text(f"ANALYZE {table.name}")
        )


def outbox_messages(service: Service) -> list[Message]:
    """The outbox rows as the baseline sends them: the same bodies, in the same order."""
    table = service.outbox
    with service.database.session() as session:
        rows = session.execute(
            select(table.c.event_id, table.c.event_type, table.c.payload).order_by(table.c.position)
        ).all()
    return [Message(row.event_id, row.event_type, row.payload.encode()) for row in rows]


def drain(service: Service, expected: int) -> float:
    """Run the relay until the backlog is confirmed; return the seconds it took."""
    relay = service.relay()
    confirmed = 0
    try:
        started = time.perf_counter()
        deadline = started + PHASE_TIMEOUT_SECONDS
        while confirmed < expected:
            published = relay.run_once()
            if not published:
                break
            confirmed += published
            if time.perf_counter() > deadline:
                raise BenchmarkError(f"relay: not drained within {PHASE_TIMEOUT_SECONDS:.0f}s")
        elapsed = time.perf_counter() - started
    finally:
        relay.close()
    if confirmed != expected:
        raise BenchmarkError(f"relay: {confirmed} events confirmed, expected {expected}")
    table = service.outbox
    with service.database.session() as session:
        total, unpublished = session.execute(
            select(func.count(), func.count().filter(table.c.published_at.is_(None)))
        ).one()
    if total != expected or unpublished:
        raise BenchmarkError(f"relay: {unpublished} of {total} outbox rows left unpublished")
    return elapsed


# --- the run -------------------------------------------------------------------------------------


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def benchmark(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> None:
    tag = secrets.token_hex(5)
    database_name = f"fabene_bench_{tag}"
    database_url = create_database(args.postgres_url, database_name)
    cleanup.callback(best_effort, drop_database, args.postgres_url, database_name)
    pg_version = server_version(args.postgres_url)

    base = Settings.from_env()
    settings = base.with_overrides(
        data_dir=workdir,
        keys_dir=workdir / "keys",
        service_database_urls={"registry": database_url},
        broker_url=args.amqp_url,
        namespace=f"bench{tag}",
        admin_email=f"admin-{tag}@bench.fabene.example",
        admin_password=secrets.token_urlsafe(16),
        log_format="text",
        relay_batch_size=args.batch_size or base.relay_batch_size,
        relay_window=args.window or base.relay_window,
    )
    service = bootstrap_service("registry", settings)
    cleanup.callback(best_effort, service.database.dispose)
    service.upgrade_database()

    parameters = pika.URLParameters(args.amqp_url)
    capture = CaptureQueue(parameters, settings.events_exchange, f"{settings.namespace}.capture")
    cleanup.callback(best_effort, capture.delete)
    capture.declare()

    made = time.perf_counter()
    envelopes = make_envelopes(args.events)
    fill_outbox(service, envelopes)
    messages = outbox_messages(service)
    sizes = [len(message.body) for message in messages]
    print("Outbox relay drain: the registry's outbox on PostgreSQL -> RabbitMQ")
    print(
        f"  PostgreSQL {pg_version}, database {database_name}; RabbitMQ at "
        f"{parameters.host}:{parameters.port}, exchange {settings.events_exchange}, "
        f"capture queue {capture.name} (durable classic, bound '#')"
    )
    print(
        f"  {args.events:,} events per run, {args.runs} run(s); {MEMBER_REGISTERED.type}, "
        f"body {min(sizes)}-{max(sizes)} bytes (mean {statistics.fmean(sizes):.0f}), "
        "persistent, mandatory"
    )
    print(
        f"  relay settings: relay_batch_size={settings.relay_batch_size}, "
        f"relay_window={settings.relay_window}, "
        f"confirm_timeout_seconds={settings.confirm_timeout_seconds:g}; "
        f"baseline: raw pika SelectConnection, window {BASELINE_WINDOW} unconfirmed"
    )
    print(f"  (events made and first fill: {time.perf_counter() - made:.1f}s, not timed)")
    print()
    print(f"  {'run':>3}  {'raw publish msg/s':>18}  {'relay drain events/s':>21}  {'ratio':>6}")

    baseline = RawPipelinedPublish(parameters, settings.events_exchange, BASELINE_WINDOW)
    raw_rates, relay_rates = [], []
    for run in range(1, args.runs + 1):
        capture.expect(0, f"run {run}, before")
        raw_seconds = baseline.run(messages)
        capture.expect(args.events, f"run {run}, baseline")
        if run > 1:
            fill_outbox(service, envelopes)
        relay_seconds = drain(service, args.events)
        capture.expect(args.events, f"run {run}, relay")
        raw_rates.append(args.events / raw_seconds)
        relay_rates.append(args.events / relay_seconds)
        print(
            f"  {run:>3}  {_rate(args.events, raw_seconds):>18}  "
            f"{_rate(args.events, relay_seconds):>21}  {relay_rates[-1] / raw_rates[-1]:>5.2f}x"
        )

    raw, relay = statistics.median(raw_rates), statistics.median(relay_rates)
    ratio = relay / raw
    verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
    print()
    print(f"  median raw pipelined-confirm publish: {raw:,.0f} msg/s")
    print(f"  median outbox relay drain:            {relay:,.0f} events/s")
    print(f"  ratio relay/raw: {ratio:.2f}x   target: >= {TARGET_RATIO}x   {verdict}")
    print("  checked: every outbox row published_at set; capture queue held exactly N each time")

    if args.profile:
        fill_outbox(service, envelopes)
        profiler = cProfile.Profile()
        profiler.enable()
        seconds = drain(service, args.events)
        profiler.disable()
        capture.expect(args.events, "profiled drain")
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
        print()
        print(f"  profiled drain (cProfile, slower than unprofiled): {seconds:.2f}s")
        print(report.getvalue())


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.relay_drain",
        description="Time the outbox relay draining a backlog, against a raw pika publish.",
    )
    parser.add_argument("--events", type=int, default=50_000, help="backlog size (50000)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are reported (3)")
    parser.add_argument("--batch-size", type=int, help="relay_batch_size (FABENE_... or default)")
    parser.add_argument("--window", type=int, help="relay_window (FABENE_... or default)")
    add_server_arguments(parser)
    parser.add_argument(
        "--profile", action="store_true", help="then profile one more drain with cProfile"
    )
    args = parser.parse_args(argv)
    if args.events < 1 or args.runs < 1:
        parser.error("--events and --runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return run_benchmark("relay", benchmark, args)


if __name__ == "__main__":
    sys.exit(main())
