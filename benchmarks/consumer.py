"""A consumer with inbox de-duplication on PostgreSQL, held against a bare kombu consume.

    python -m benchmarks.consumer [--events 20000] [--runs 3]

Each run publishes N ``registry.member.registered`` events (pika, pipelined
confirms; not timed) to the events exchange, where two quorum queues declared
like every service's main queue take them: the exchange service's own, and a
``baseline`` queue of the benchmark's.

1. **Baseline**: a bare kombu consumer drains the baseline queue, acking each
   message by hand, with the services' prefetch count. Timed from connecting
   to the last ack: messages/s.
2. **Consumer**: ``EventConsumer`` (``shared/messaging/consumer.py``:
   gathering, envelope parsing, runs handled together, the ack after the
   commit) drains the exchange's queue through the exchange's own
   dispatcher, message bus and unit of work, with handlers that do nothing
   more: each event's data is checked against its contract and translated,
   its id claimed in ``handled_events`` on PostgreSQL (a run of events in
   one statement) and the unit of work committed. That is what every event
   costs a service before its own work. Timed from connecting to the last
   commit: events/s.

Then the same events are published once more and consumed again: every one
must be found already handled (nothing claimed twice). Afterwards
``handled_events`` must hold exactly N ids per run and both queues must be
empty. The database, the namespace's exchange and queues are the
benchmark's own and are removed at the end. It exits non-zero only on
errors; missing the target (PERFORMANCE.md: >= 3,000 events/s) is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import statistics
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pika
from kombu import Consumer
from sqlalchemy import func, select

from benchmarks.relay_drain import Message, RawPipelinedPublish, make_envelopes
from benchmarks.stack import (
    BenchmarkError,
    add_server_arguments,
    best_effort,
    create_database,
    delete_broker_namespace,
    drop_database,
    run_benchmark,
    server_version,
)
from services.exchange.unit_of_work import ExchangeUnitOfWork
from services.wiring import bootstrap_service, set_up_broker
from shared.config import Settings
from shared.messagebus import MessageBus
from shared.messaging.connection import kombu_connection
from shared.messaging.consumer import EventConsumer
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import EventDispatcher, Subscriptions
from shared.messaging.topology import ServiceQueues, declare_service_queues, main_queue
from shared.service import Service

TARGET_EVENTS_PER_SECOND = 3000
PHASE_TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class NothingMore:
    """An event taken in by a service that does nothing more with it."""

    event_id: str


def nothing_more(_command: NothingMore, uow: ExchangeUnitOfWork) -> None:
    with uow:  # claims the event, or raises AlreadyHandled
        uow.commit()


def nothing_more_in_batch(commands: Sequence[NothingMore], uow: ExchangeUnitOfWork) -> None:
    with uow:
        for _ in uow.each_claimed(commands):
            continue  # a real handler's work per event; taking each logs a duplicate
        uow.commit()


class InboxOnlyHandler:
    """The exchange's own dispatcher, bus and unit of work, with handlers that do nothing.

    So each event costs what every event costs a service before its own work:
    its data checked against its contract and translated, a unit of work
    opened, its id claimed in ``handled_events``, the commit (with the
    outbox's insert of nothing).
    """

    def __init__(self, service: Service, event_type: str) -> None:
        bus = MessageBus(
            lambda: ExchangeUnitOfWork(service.database),
            {NothingMore: nothing_more},
            {NothingMore: nothing_more_in_batch},
        )
        translators = {event_type: lambda data: NothingMore(str(data["member_id"]))}
        self._dispatcher = EventDispatcher(bus, Subscriptions(translators))
        self._lock = threading.Lock()
        self.events = self.expected = 0
        self.done = threading.Event()

    def start(self, expected: int) -> None:
        self.events, self.expected = 0, expected
        self.done.clear()

    def one(self, envelope: Envelope) -> None:
        self._dispatcher(envelope)
        self._count(1)

    def many(self, envelopes: Sequence[Envelope]) -> bool:
        handled = self._dispatcher.handle_many(envelopes)
        if handled:
            self._count(len(envelopes))
        return handled

    def _count(self, events: int) -> None:
        with self._lock:
            self.events += events
            if self.events >= self.expected:
                self.done.set()


def consume_with_event_consumer(
    queues: ServiceQueues, settings: Settings, handler: InboxOnlyHandler, expected: int
) -> float:
    """Seconds for ``EventConsumer`` to handle ``expected`` events of its queue."""
    handler.start(expected)
    started = time.perf_counter()
    consumer = EventConsumer(queues, settings, handler.one, dispatch_many=handler.many)
    thread = threading.Thread(target=consumer.run, kwargs={"safety_interval": 0.25}, daemon=True)
    thread.start()
    finished = handler.done.wait(PHASE_TIMEOUT_SECONDS)
    elapsed = time.perf_counter() - started
    consumer.stop()
    thread.join(10)
    if not finished:
        raise BenchmarkError(f"consumer: {handler.events} of {expected} events in time")
    return elapsed


def consume_bare(queues: ServiceQueues, settings: Settings, expected: int) -> float:
    """Seconds for a bare kombu consumer, acking each message, to take ``expected``."""
    acked = 0

    def on_message(_body, message) -> None:
        nonlocal acked
        message.ack()
        acked += 1

    started = time.perf_counter()
    with kombu_connection(settings) as connection, connection.channel() as channel:
        queue = main_queue(queues, settings)
        with Consumer(
            channel,
            queues=[queue],
            callbacks=[on_message],
            accept=["json"],
            prefetch_count=settings.prefetch_count,
        ):
            deadline = started + PHASE_TIMEOUT_SECONDS
            while acked < expected:
                if time.perf_counter() > deadline:
                    raise BenchmarkError(f"baseline: {acked} of {expected} messages in time")
                connection.drain_events(timeout=5)
    return time.perf_counter() - started


def waiting_in(parameters: pika.ConnectionParameters, queue_name: str) -> int:
    """Messages ready in a queue (a passive declare, on its own connection)."""
    connection = pika.BlockingConnection(parameters)
    try:
        frame = connection.channel().queue_declare(queue_name, passive=True)
        return frame.method.message_count
    finally:
        connection.close()


def wait_until_queued(parameters, queue_name: str, expected: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (count := waiting_in(parameters, queue_name)) != expected:
        if time.monotonic() > deadline:
            raise BenchmarkError(f"{queue_name}: {count} messages, expected {expected}")
        time.sleep(0.1)


def handled_count(service: Service) -> int:
    table = service.metadata.tables["handled_events"]
    with service.database.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def publish(parameters, settings: Settings, envelopes: Sequence[Envelope], queues) -> None:
    messages = [Message(e.id, e.type, e.to_json().encode()) for e in envelopes]
    RawPipelinedPublish(parameters, settings.events_exchange, 1000).run(messages)
    for queue in queues:
        wait_until_queued(parameters, queue.main, len(envelopes))


def benchmark(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> None:
    tag = secrets.token_hex(5)
    database_name = f"fabene_bench_{tag}"
    database_url = create_database(args.postgres_url, database_name)
    cleanup.callback(best_effort, drop_database, args.postgres_url, database_name)
    settings = Settings.from_env().with_overrides(
        data_dir=workdir,
        keys_dir=workdir / "keys",
        service_database_urls={"exchange": database_url},
        broker_url=args.amqp_url,
        namespace=f"bench{tag}",
        pin_pepper=secrets.token_urlsafe(24),
        log_format="text",
    )
    event_type = make_envelopes(1)[0].type
    baseline = ServiceQueues("baseline", settings.namespace, (event_type,), 1000)
    cleanup.callback(best_effort, delete_broker_namespace, settings, baseline)
    service = bootstrap_service("exchange", settings)
    cleanup.callback(best_effort, service.database.dispose)
    service.upgrade_database()
    set_up_broker(settings, [service])
    parameters = pika.URLParameters(args.amqp_url)
    with kombu_connection(settings) as connection:
        declare_service_queues(connection, baseline, settings)

    print("A consumer with inbox de-duplication on PostgreSQL, against a bare kombu consume")
    print(
        f"  PostgreSQL {server_version(args.postgres_url)}, database {database_name}; "
        f"RabbitMQ at {parameters.host}, quorum queues {service.queues.main} and {baseline.main}"
    )
    print(
        f"  {args.events:,} {event_type} events per run, {args.runs} run(s); prefetch "
        f"{settings.prefetch_count}; the exchange's dispatcher, bus and unit of work, "
        "handlers that do nothing more"
    )
    print()
    print(f"  {'run':>3}  {'bare kombu msg/s':>17}  {'consumer events/s':>18}  {'ratio':>6}")
    bare_rates, consumer_rates = [], []
    handler = InboxOnlyHandler(service, event_type)
    for number in range(1, args.runs + 1):
        envelopes = make_envelopes(args.events)
        publish(parameters, settings, envelopes, [service.queues, baseline])
        bare = args.events / consume_bare(baseline, settings, args.events)
        rate = args.events / consume_with_event_consumer(
            service.queues, settings, handler, args.events
        )
        if (claimed := handled_count(service)) != args.events * number:
            raise BenchmarkError(f"run {number}: handled_events holds {claimed}")
        bare_rates.append(bare)
        consumer_rates.append(rate)
        print(f"  {number:>3}  {bare:>17,.0f}  {rate:>18,.0f}  {rate / bare:>5.2f}x")
        sys.stdout.flush()

    # The last run's events once more: each must be found handled, nothing claimed twice.
    publish(parameters, settings, envelopes, [service.queues, baseline])
    consume_bare(baseline, settings, args.events)
    again = args.events / consume_with_event_consumer(
        service.queues, settings, handler, args.events
    )
    total = handled_count(service)
    if total != args.events * args.runs:
        raise BenchmarkError(f"duplicates: handled_events holds {total} after them")
    for queues in (service.queues, baseline):
        wait_until_queued(parameters, queues.main, 0)

    bare, rate = statistics.median(bare_rates), statistics.median(consumer_rates)
    verdict = "PASS" if rate >= TARGET_EVENTS_PER_SECOND else "FAIL"
    print()
    print(f"  duplicates (the last run's events again): {again:,.0f} events/s, none claimed")
    print(
        f"  checked: handled_events holds {total:,} ids ({args.runs} x {args.events:,}); "
        "both queues empty"
    )
    print(f"  median bare kombu consume:            {bare:,.0f} msg/s")
    print(f"  median consumer with inbox on PostgreSQL: {rate:,.0f} events/s ({rate / bare:.2f}x)")
    print(f"  target: >= {TARGET_EVENTS_PER_SECOND:,} events/s   {verdict}")


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.consumer",
        description="A consumer with inbox de-duplication on PostgreSQL, against bare kombu.",
    )
    parser.add_argument("--events", type=int, default=20000, help="events per run (20000)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians reported (3)")
    add_server_arguments(parser)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    return run_benchmark("consumer", benchmark, parse_arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
