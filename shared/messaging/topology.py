"""The broker topology, declared by code.

One durable topic exchange ``<namespace>.events`` (``fabene.events``); per
consuming service a main queue bound with the event types it needs, a retry
queue whose messages wait ``retry_delay_ms`` and then flow back into the main
queue, and a dead-letter queue. On RabbitMQ all three are quorum queues; the
main queue also dead-letters (at-least-once) to the dead queue once a message
exceeds the delivery limit, a backstop for a consumer that crashes on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kombu import Connection, Exchange, Queue, binding

from shared.config import Settings


@dataclass(frozen=True)
class ServiceQueues:
    """The names of one consuming service's queues and what its main queue binds."""

    service: str
    namespace: str
    binding_keys: tuple[str, ...]
    retry_delay_ms: int

    @property
    def main(self) -> str:
        return f"{self.namespace}.{self.service}"

    @property
    def retry(self) -> str:
        return f"{self.namespace}.{self.service}.retry.{self.retry_delay_ms}ms"

    @property
    def dead(self) -> str:
        return f"{self.namespace}.{self.service}.dead"

    @classmethod
    def for_service(cls, service: str, binding_keys: tuple[str, ...], settings: Settings):
        return cls(service, settings.namespace, binding_keys, settings.retry_delay_ms)


def events_exchange(settings: Settings) -> Exchange:
    """The durable topic exchange every event is published to."""
    return Exchange(settings.events_exchange, type="topic", durable=True)


def main_queue(queues: ServiceQueues, settings: Settings) -> Queue:
    """The queue a service consumes, bound to the event types it handles."""
    exchange = events_exchange(settings)
    return Queue(
        queues.main,
        bindings=[binding(exchange, routing_key=key) for key in queues.binding_keys],
        durable=True,
        queue_arguments={
            **_QUORUM,
            "x-delivery-limit": settings.delivery_limit,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": queues.dead,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )


def retry_queue(queues: ServiceQueues) -> Queue:
    """Where a failed message waits before flowing back to the main queue."""
    return Queue(
        queues.retry,
        durable=True,
        queue_arguments={
            **_QUORUM,
            "x-message-ttl": queues.retry_delay_ms,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": queues.main,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )


def dead_letter_queue(queues: ServiceQueues) -> Queue:
    """Where messages that cannot be handled are kept, with their reason."""
    return Queue(queues.dead, durable=True, queue_arguments=dict(_QUORUM))


def declare_exchange(connection: Connection, settings: Settings) -> None:
    """Declare the events exchange (what every producer needs)."""
    events_exchange(settings)(connection.default_channel).declare()


def declare_service_queues(
    connection: Connection, queues: ServiceQueues, settings: Settings
) -> None:
    """Declare the exchange and one service's three queues with their bindings."""
    channel = connection.default_channel
    declare_exchange(connection, settings)
    for queue in (dead_letter_queue(queues), retry_queue(queues), main_queue(queues, settings)):
        queue(channel).declare()


_QUORUM = {"x-queue-type": "quorum"}
