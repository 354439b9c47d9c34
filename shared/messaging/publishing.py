"""What every relay publisher shares: its outcome and the message headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from shared.messaging.outbox import OutgoingMessage

# Kept beside the envelope so a retried or dead-lettered copy still knows its type.
ROUTING_KEY_HEADER = "x-fabene-routing-key"


@dataclass
class PublishOutcome:
    """Which rows the broker confirmed, and which failed with what reason."""

    confirmed: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


class Publisher(Protocol):
    def publish(self, messages: list[OutgoingMessage]) -> PublishOutcome: ...

    def close(self) -> None: ...


def message_headers(message: OutgoingMessage) -> dict[str, str]:
    """AMQP headers for a published event."""
    return {ROUTING_KEY_HEADER: message.event_type}
