"""The idempotent consumer of one service's queue.

Each message is parsed as an envelope, translated into a command and handled
through the bus, which records the event id in the handler's own transaction.
The message is acked only after that commit. A message that cannot be parsed
goes straight to the dead-letter queue with its reason; one whose handler
fails is retried after a delay and dead-lettered after ``max_attempts``. An
unreachable database is retried without counting attempts. Either way the
queue keeps flowing.

Messages that arrive together (a backlog, a burst) are gathered, up to the
prefetch count, until the queue pauses for a moment (``GATHER_SECONDS``).
Each run of consecutive events of one type whose commands have a batch
handler is handled in one transaction and acked after its commit; if that
fails, nothing was committed and its events are handled one by one as above,
so a bad event costs its neighbours nothing but a second try. Everything else
is handled one by one, in the order it arrived.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from kombu import Connection, Producer
from kombu.mixins import ConsumerMixin
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from shared import fault_hook
from shared.config import Settings
from shared.contracts import InvalidEventData, UnknownEventType
from shared.correlation import correlated
from shared.messaging.connection import kombu_connection
from shared.messaging.envelope import Envelope, InvalidEnvelope
from shared.messaging.publishing import ROUTING_KEY_HEADER
from shared.messaging.topology import (
    ServiceQueues,
    dead_letter_queue,
    main_queue,
    retry_queue,
)
from shared.metrics import EVENTS_CONSUMED, EVENTS_DEAD_LETTERED, EVENTS_RETRIED

log = logging.getLogger(__name__)

# How long the queue may pause before the messages gathered so far are handled:
# well under a millisecond between deliveries of a backlog, 10 ms apart at 100/s.
GATHER_SECONDS = 0.002

ATTEMPTS_HEADER = "x-fabene-attempts"
REASON_HEADER = "x-fabene-reason"
FAILED_AT_HEADER = "x-fabene-failed-at"
SERVICE_HEADER = "x-fabene-service"

PERMANENT_ERRORS = (InvalidEnvelope, InvalidEventData, UnknownEventType)
# The ``reason`` label of fabene_events_dead_lettered_total, per permanent error.
DEAD_LETTER_REASONS = {
    InvalidEnvelope: "invalid_envelope",
    InvalidEventData: "invalid_data",
    UnknownEventType: "unknown_type",
}


def is_database_unavailable(error: Exception) -> bool:
    """True when the failure is the database being out of reach, not the event."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


class MessageForwarder:
    """Copies consumed messages to a queue, on a connection of its own.

    A separate connection keeps publish confirms from interleaving with the
    deliveries of the consuming channel.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._connection: Connection | None = None

    def forward(self, message, queue_name: str, headers: dict) -> None:
        if self._connection is None:
            self._connection = kombu_connection(self._settings)
        producer = Producer(self._connection)
        publish = self._connection.ensure(producer, producer.publish, max_retries=3)
        publish(
            message.body,
            exchange="",
            routing_key=queue_name,
            content_type=message.content_type or "application/octet-stream",
            content_encoding=message.content_encoding or "binary",
            delivery_mode=2,
            headers=headers,
            message_id=message.properties.get("message_id"),
        )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.release()
            self._connection = None


class EventConsumer(ConsumerMixin):
    """Consumes a service's main queue until ``stop()``."""

    def __init__(
        self,
        queues: ServiceQueues,
        settings: Settings,
        dispatch: Callable[[Envelope], object],
        dispatch_many: Callable[[Sequence[Envelope]], bool] | None = None,
    ) -> None:
        """``dispatch_many`` handles events of one type together, or says False (not these)."""
        self.connection = kombu_connection(settings)
        self.queues = queues
        self._settings = settings
        self._dispatch = dispatch
        self._dispatch_many = dispatch_many
        self._forwarder = MessageForwarder(settings)
        self._gathered: list[tuple[Envelope, object]] = []
        self.ready = threading.Event()

    def stop(self) -> None:
        self.should_stop = True

    def get_consumers(self, consumer_class, channel):
        for queue in (dead_letter_queue(self.queues), retry_queue(self.queues)):
            queue(channel).declare()
        return [
            consumer_class(
                queues=[main_queue(self.queues, self._settings)],
                callbacks=[self.on_message],
                accept=["json"],
                prefetch_count=self._settings.prefetch_count,
            )
        ]

    def on_consume_ready(self, connection, channel, consumers, **kwargs) -> None:
        self.ready.set()

    def on_connection_error(self, exc, interval) -> None:
        log.warning("broker unreachable, consumer retries in %ss: %r", interval, exc)

    def on_decode_error(self, message, exc) -> None:
        self._dead_letter(message, "undecodable", f"cannot decode the body: {exc}")

    def consume(self, limit=None, timeout=None, safety_interval=1, **kwargs):
        """kombu's consuming loop (without ``limit`` and ``timeout``), gathering deliveries."""
        with self.consumer_context(**kwargs) as (connection, _channel, _consumers):
            try:
                while not self.should_stop:
                    self.on_iteration()
                    wait = GATHER_SECONDS if self._gathered else safety_interval
                    try:
                        connection.drain_events(timeout=wait)
                    except TimeoutError:
                        self._handle_gathered()
                        connection.heartbeat_check()
                    except OSError:
                        if not self.should_stop:
                            raise
                    else:
                        if len(self._gathered) >= self._settings.prefetch_count:
                            self._handle_gathered()
                    yield
                self._handle_gathered()
            finally:
                # Not acked on a lost connection: the broker delivers them again.
                self._gathered.clear()

    def on_message(self, body, message) -> None:
        try:
            envelope = Envelope.from_document(body)
        except InvalidEnvelope as error:
            self._dead_letter(message, "invalid_envelope", str(error))
            return
        if message.delivery_info.get("redelivered"):
            log.info("event redelivered", extra={"event_id": envelope.id})
        self._gathered.append((envelope, message))

    def _handle_gathered(self) -> None:
        gathered, self._gathered = self._gathered, []
        for _, run in itertools.groupby(gathered, key=lambda pair: pair[0].type):
            run = list(run)
            if len(run) > 1 and self._dispatch_many is not None and self._handled_together(run):
                continue
            for envelope, message in run:
                self._handle(envelope, message)

    def _handled_together(self, run: list[tuple[Envelope, object]]) -> bool:
        """Handle a run of events of one type in one transaction; False if it was not."""
        try:
            with correlated(None):
                handled = self._dispatch_many([envelope for envelope, _ in run])
        except Exception as error:
            log.warning(
                "%d events failed together, handled one by one: %s: %s",
                len(run),
                type(error).__name__,
                error,
            )
            return False
        if handled:
            for envelope, message in run:
                self._acknowledge(envelope, message)
        return handled

    def _handle(self, envelope: Envelope, message) -> None:
        try:
            with correlated(envelope.correlation_id, causation_id=envelope.id):
                self._dispatch(envelope)
        except PERMANENT_ERRORS as error:
            self._dead_letter(message, _kind_of(error), f"{type(error).__name__}: {error}")
        except Exception as error:
            self._retry_or_dead_letter(message, error)
        else:
            self._acknowledge(envelope, message)

    def _acknowledge(self, envelope: Envelope, message) -> None:
        EVENTS_CONSUMED.labels(self.queues.service, "handled").inc()
        fault_hook.reached("before_ack")
        message.ack()
        log.debug("event handled: %s %s", envelope.type, envelope.id)

    def on_consume_end(self, connection, channel) -> None:
        self._forwarder.close()

    def _retry_or_dead_letter(self, message, error: Exception) -> None:
        attempts = int((message.headers or {}).get(ATTEMPTS_HEADER, 0))
        reason = f"{type(error).__name__}: {error}"
        if is_database_unavailable(error):
            cause = "database_unavailable"
            log.warning("database unavailable, event retried later: %s", reason)
        else:
            cause = "handler_failed"
            attempts += 1
            if attempts >= self._settings.max_attempts:
                self._dead_letter(message, cause, reason, attempts)
                return
            log.warning("handler failed (attempt %d), retried later: %s", attempts, reason)
        headers = {
            **self._carried_headers(message),
            ATTEMPTS_HEADER: attempts,
            REASON_HEADER: reason,
        }
        if self._settings.uses_memory_broker:
            self._retry_in_process(message, headers)
        else:
            self._forwarder.forward(message, self.queues.retry, headers)
        EVENTS_CONSUMED.labels(self.queues.service, "retried").inc()
        EVENTS_RETRIED.labels(self.queues.service, cause).inc()
        message.ack()

    def _retry_in_process(self, message, headers: dict) -> None:
        # The in-memory broker has no message TTL: a timer stands in for the retry queue.
        def put_back() -> None:
            forwarder = MessageForwarder(self._settings)
            try:
                forwarder.forward(message, self.queues.main, headers)
            finally:
                forwarder.close()

        timer = threading.Timer(self._settings.retry_delay_ms / 1000, put_back)
        timer.daemon = True
        timer.start()

    def _dead_letter(self, message, kind: str, reason: str, attempts: int | None = None) -> None:
        log.error("event dead-lettered: %s", reason, extra={"queue": self.queues.main})
        headers = {
            **self._carried_headers(message),
            REASON_HEADER: reason[:1000],
            FAILED_AT_HEADER: datetime.now(UTC).isoformat(),
            SERVICE_HEADER: self.queues.service,
        }
        if attempts is not None:
            headers[ATTEMPTS_HEADER] = attempts
        self._forwarder.forward(message, self.queues.dead, headers)
        EVENTS_CONSUMED.labels(self.queues.service, "dead_lettered").inc()
        EVENTS_DEAD_LETTERED.labels(self.queues.service, kind).inc()
        message.ack()

    @staticmethod
    def _carried_headers(message) -> dict:
        headers = dict(message.headers or {})
        routing_key = headers.get(ROUTING_KEY_HEADER) or message.delivery_info.get("routing_key")
        headers[ROUTING_KEY_HEADER] = routing_key
        headers.pop("x-death", None)
        return headers


def _kind_of(error: Exception) -> str:
    return next(kind for cls, kind in DEAD_LETTER_REASONS.items() if isinstance(error, cls))


def start_consumer_thread(consumer: EventConsumer, name: str) -> threading.Thread:
    """Run a consumer in a daemon thread (the all-in-one process and tests)."""
    thread = threading.Thread(target=consumer.run, name=name, daemon=True)
    thread.start()
    return thread
