"""The channels a message travels by, and what the dispatcher needs of each.

The web inbox is this service's own table, written in the transaction that
handles the event. E-mail and SMS leave through adapters (an SMTP server, an
SMS gateway) that the dispatcher calls outside any transaction; each tells a
failure worth retrying from one that no retry can mend.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Channel(StrEnum):
    INBOX = "inbox"
    EMAIL = "email"
    SMS = "sms"


class DeliveryFailed(Exception):
    """A channel did not take the message. Never carries the message or the address."""


class TemporaryFailure(DeliveryFailed):
    """Worth trying again later: an outage, a timeout (the outcome may be unknown)."""


class PermanentFailure(DeliveryFailed):
    """No retry can mend it: the address or number is refused."""


@dataclass(frozen=True)
class Email:
    """One e-mail, ready to go. ``key`` names it for good: a retry is the same e-mail."""

    key: str
    to_address: str
    to_name: str | None
    subject: str
    body: str
    language: str
    right_to_left: bool


class EmailSender(Protocol):
    def send(self, email: Email) -> str:
        """Hand the e-mail over; return its Message-ID."""


class SmsProvider(Protocol):
    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        """Hand the text over; return the provider's message id.

        A second call with the same ``idempotency_key`` must not send again.
        """
