"""Talking to the test's broker directly: publish raw bodies, capture what was published."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from kombu import Connection, Exchange, Producer, Queue, binding

from shared.config import Settings
from shared.messaging.connection import kombu_connection
from shared.messaging.envelope import Envelope


def publish_raw(
    settings: Settings,
    routing_key: str,
    body: bytes | str,
    content_type: str = "application/json",
    message_id: str | None = None,
) -> None:
    """Put a body on the events exchange as any producer could, valid or not."""
    with kombu_connection(settings) as connection:
        Producer(connection).publish(
            body,
            exchange=settings.events_exchange,
            routing_key=routing_key,
            content_type=content_type,
            content_encoding="utf-8" if isinstance(body, str) else "binary",
            delivery_mode=2,
            message_id=message_id,
        )


def publish_envelope(settings: Settings, envelope: Envelope) -> None:
    publish_raw(settings, envelope.type, envelope.to_json(), message_id=envelope.id)


@contextmanager
def captured(settings: Settings, *binding_keys: str) -> Iterator[Capture]:
    """A queue of the test's own, bound to the events exchange, drained on demand."""
    connection = kombu_connection(settings)
    exchange = Exchange(settings.events_exchange, type="topic", durable=True)
    queue = Queue(
        f"{settings.namespace}.capture",
        bindings=[binding(exchange, routing_key=key) for key in binding_keys],
        durable=True,
    )
    channel = connection.channel()
    queue(channel).declare()
    try:
        yield Capture(connection, queue(channel))
    finally:
        queue(channel).delete()
        connection.release()


class Capture:
    def __init__(self, connection: Connection, queue: Queue) -> None:
        self._connection = connection
        self._queue = queue

    def drain(self) -> list[dict]:
        """Every message waiting in the capture queue, as decoded JSON."""
        documents = []
        while (message := self._queue.get(no_ack=True)) is not None:
            body = message.body
            documents.append(json.loads(body.decode() if isinstance(body, bytes) else body))
        return documents
