"""How many messages wait in each service's dead-letter queue, counted without taking any.

shared/messaging/deadletters.py lists dead letters by taking each message
and putting it back. That suits a person running ``fabene dlq list`` once;
a page that any operator may open at any time must not do it: while a
listing holds the messages, a replay running then misses them, two
listings at once each see a part, and on RabbitMQ's quorum queues every
put-back counts towards the delivery limit, past which a message is
dropped. So the page asks the broker for each queue's count (a passive
declare, which touches no message) and shows the command that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kombu.exceptions import OperationalError

from shared.config import SERVICE_NAMES, Settings
from shared.messaging.connection import kombu_connection
from shared.messaging.topology import ServiceQueues


@dataclass(frozen=True)
class DeadLetters:
    service: str
    queue: str
    count: int

    @property
    def command(self) -> str:
        return f"fabene dlq list {self.service}"


def count_dead_letters(settings: Settings) -> list[DeadLetters] | None:
    """Each consuming service's dead letters; None when the broker cannot be reached."""
    connection = kombu_connection(settings)
    try:
        connection.ensure_connection(max_retries=1, timeout=3)
        counted = [_count(connection, service, settings) for service in SERVICE_NAMES]
    except (OperationalError, *connection.connection_errors):
        return None
    finally:
        connection.release()
    return [letters for letters in counted if letters is not None]


def _count(connection, service: str, settings: Settings) -> DeadLetters | None:
    """The count of one service's dead-letter queue; None for a service that consumes nothing."""
    queue = ServiceQueues.for_service(service, (), settings).dead
    channel = connection.channel()
    try:
        _, count, _ = channel.queue_declare(queue=queue, passive=True)
    except connection.channel_errors:  # no such queue (the failed declare closed the channel)
        return None
    channel.close()
    return DeadLetters(service, queue, count)
