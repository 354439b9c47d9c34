"""Publishing through kombu, one message at a time: the in-memory broker's way.

On RabbitMQ the relay uses the pipelined pika publisher instead; this one
stays simple because ``memory://`` has no confirms to wait for.
"""

from __future__ import annotations

from collections.abc import Sequence

from kombu import Connection, Producer

from shared.config import Settings
from shared.messaging.connection import BrokerUnavailable, kombu_connection
from shared.messaging.outbox import OutgoingMessage
from shared.messaging.publishing import PublishOutcome, message_headers
from shared.messaging.topology import declare_exchange, events_exchange


class KombuPublisher:
    """Publishes outbox rows to the events exchange with kombu."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._connection: Connection | None = None
        self._producer: Producer | None = None

    def publish(self, messages: Sequence[OutgoingMessage]) -> PublishOutcome:
        producer = self._ensure_producer()
        confirmed: list[int] = []
        try:
            for message in messages:
                producer.publish(
                    message.payload,
                    exchange=self._settings.events_exchange,
                    routing_key=message.event_type,
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                    message_id=message.event_id,
                    type=message.event_type,
                    headers=message_headers(message),
                )
                confirmed.append(message.position)
        except Exception as error:
            self.close()
            if not confirmed:
                raise BrokerUnavailable(str(error)) from error
        return PublishOutcome(confirmed=confirmed)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.release()
        self._connection = None
        self._producer = None

    def _ensure_producer(self) -> Producer:
        if self._producer is None:
            try:
                connection = kombu_connection(self._settings)
                connection.ensure_connection(max_retries=1)
                declare_exchange(connection, self._settings)
            except Exception as error:
                raise BrokerUnavailable(str(error)) from error
            self._connection = connection
            self._producer = Producer(
                connection.channel(), exchange=events_exchange(self._settings)
            )
        return self._producer
