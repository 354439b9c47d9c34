"""Listing and replaying a service's dead letters.

Listing takes messages without acking them and then puts them back.
Replaying sends a message back to the service's main queue with its attempt
count reset, then acks it in the dead-letter queue; the consumer's inbox
makes a replay of an event already handled harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from shared.config import Settings
from shared.messaging.connection import kombu_connection
from shared.messaging.consumer import (
    ATTEMPTS_HEADER,
    FAILED_AT_HEADER,
    REASON_HEADER,
    MessageForwarder,
)
from shared.messaging.publishing import ROUTING_KEY_HEADER
from shared.messaging.topology import ServiceQueues, dead_letter_queue

PREVIEW_CHARACTERS = 300


@dataclass(frozen=True)
class DeadLetter:
    """What an operator needs to decide about one dead-lettered message."""

    message_id: str | None
    event_type: str | None
    reason: str
    attempts: int
    failed_at: str | None
    body_preview: str


def list_dead_letters(
    settings: Settings, queues: ServiceQueues, limit: int = 100
) -> list[DeadLetter]:
    """Up to ``limit`` dead letters of a service, left in their queue."""
    with _dead_messages(settings, queues, limit) as messages:
        return [_describe(message) for message in messages]


def replay_dead_letters(
    settings: Settings,
    queues: ServiceQueues,
    selected: Callable[[DeadLetter], bool] = lambda _letter: True,
    limit: int = 10_000,
) -> int:
    """Send the selected dead letters back to the main queue; return how many."""
    forwarder = MessageForwarder(settings)
    replayed = 0
    try:
        with _dead_messages(settings, queues, limit) as messages:
            for message in messages:
                if not selected(_describe(message)):
                    continue
                headers = {
                    key: value
                    for key, value in (message.headers or {}).items()
                    if key not in (ATTEMPTS_HEADER, REASON_HEADER, FAILED_AT_HEADER, "x-death")
                }
                forwarder.forward(message, queues.main, headers)
                message.ack()
                replayed += 1
    finally:
        forwarder.close()
    return replayed


@contextmanager
def _dead_messages(settings: Settings, queues: ServiceQueues, limit: int) -> Iterator[list]:
    connection = kombu_connection(settings)
    try:
        channel = connection.channel()
        queue = dead_letter_queue(queues)(channel)
        queue.declare()
        messages = []
        while len(messages) < limit:
            message = queue.get(no_ack=False)
            if message is None:
                break
            messages.append(message)
        yield messages
        for message in messages:
            if not message.acknowledged:
                message.requeue()
        channel.close()
    finally:
        connection.release()


def _describe(message) -> DeadLetter:
    headers = message.headers or {}
    reason = headers.get(REASON_HEADER)
    if reason is None and headers.get("x-death"):
        reason = f"dead-lettered by the broker: {headers['x-death'][0].get('reason')}"
    body = message.body
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return DeadLetter(
        message_id=message.properties.get("message_id"),
        event_type=headers.get(ROUTING_KEY_HEADER) or message.delivery_info.get("routing_key"),
        reason=reason or "unknown",
        attempts=int(headers.get(ATTEMPTS_HEADER, 0)),
        failed_at=headers.get(FAILED_AT_HEADER),
        body_preview=text[:PREVIEW_CHARACTERS],
    )
