"""The delivery log: one row per message, member and channel, from queued to sent or given up.

    queued ──claim──▶ sending ──▶ sent
      ▲                  ├── temporary failure ──▶ failed ──(due again)── claim ──▶ …
      └──── release ─────┤
                         └── permanent failure, too many attempts, expired ──▶ given_up

A delivery is created in the transaction that handles its event, where the
idempotent consumer records the event id: a duplicate event creates nothing
(a unique event, member and channel backs that up). The web inbox is written
in that same transaction, so its delivery is born ``sent``. E-mail and SMS
are sent later by the dispatcher, outside any transaction: it first
*claims* the row (``sending``, a claim token, a lease), calls the channel,
and records the outcome only if it still holds the token.

A claim whose lease ran out means a worker stopped between calling the
channel and recording what happened: the outcome is unknown. The delivery is
claimed again and that lost attempt counted; the retry carries the same key
(the delivery id), which the SMS gateway honours as an idempotency key and
the e-mail carries as its Message-ID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from shared.correlation import new_id

from .channels import Channel, DeliveryFailed, PermanentFailure
from .errors import CannotRequeue
from .topics import TOPICS

MAX_ERROR_LENGTH = 500


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    GIVEN_UP = "given_up"


PENDING = (DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.FAILED)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: first_delay, twice that, … up to longest_delay; then give up."""

    max_attempts: int = 10
    first_delay: timedelta = timedelta(seconds=30)
    longest_delay: timedelta = timedelta(hours=1)

    def delay_after(self, attempts: int) -> timedelta:
        return min(self.first_delay * 2 ** max(attempts - 1, 0), self.longest_delay)


@dataclass
class Delivery:
    id: str
    event_id: str
    member_id: str
    network_id: str
    channel: Channel
    topic: str
    params: dict[str, Any] | None
    status: DeliveryStatus
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None = None
    expires_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    claim_token: str | None = None
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    address: str | None = None
    provider_message_id: str | None = None

    @classmethod
    def queue(
        cls,
        event_id: str,
        member_id: str,
        network_id: str,
        channel: Channel,
        topic: str,
        params: dict[str, Any],
        now: datetime,
        expires_at: datetime | None = None,
    ) -> Delivery:
        """A message waiting for the dispatcher, due at once."""
        return cls(
            id=new_id(),
            event_id=event_id,
            member_id=member_id,
            network_id=network_id,
            channel=channel,
            topic=topic,
            params=dict(params),
            status=DeliveryStatus.QUEUED,
            created_at=now,
            updated_at=now,
            next_attempt_at=now,
            expires_at=expires_at,
        )

    def delivered_to_inbox(self, now: datetime) -> Delivery:
        """The inbox is written in the same transaction: delivered as it is created."""
        self.status = DeliveryStatus.SENT
        self.attempts = 1
        self.sent_at = now
        self.next_attempt_at = None
        return self

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def is_in_doubt(self, now: datetime) -> bool:
        """Claimed by a worker whose lease ran out before it recorded the outcome."""
        return self.status is DeliveryStatus.SENDING and self.claimed_until <= now

    def count_lost_attempt(self, now: datetime) -> None:
        """The lapsed claim counts as a failed attempt; the delivery is unclaimed again."""
        self.attempts += 1
        self.status = DeliveryStatus.FAILED
        self.last_error = "the outcome of an attempt is unknown: its worker stopped"
        self.updated_at = now
        self._unclaim()

    def claim(self, now: datetime, lease: timedelta) -> str:
        """Take the delivery for one attempt; only the returned token may record its outcome."""
        self.status = DeliveryStatus.SENDING
        self.claim_token = new_id()
        self.claimed_until = now + lease
        self.updated_at = now
        return self.claim_token

    def hold(self, until: datetime, now: datetime) -> None:
        """Not now (quiet hours, contact points still on their way): due again at ``until``."""
        self.next_attempt_at = max(until, now)
        self.updated_at = now

    def make_due(self, now: datetime) -> None:
        """Due now if it waits unsent (its member's contact points have just arrived)."""
        if self.status is DeliveryStatus.QUEUED and self.next_attempt_at > now:
            self.next_attempt_at = now
            self.updated_at = now

    def release(self, token: str, until: datetime, now: datetime) -> bool:
        """Give back a claim unused (its channel just failed for another message)."""
        if not self._holds(token):
            return False
        self.status = DeliveryStatus.FAILED if self.attempts else DeliveryStatus.QUEUED
        self._unclaim()
        self.hold(until, now)
        return True

    def record_sent(self, token: str, now: datetime, address: str, provider_id: str) -> bool:
        if not self._holds(token):
            return False
        self.status, self.sent_at, self.updated_at = DeliveryStatus.SENT, now, now
        self.attempts += 1
        self.address, self.provider_message_id = address, provider_id
        self.next_attempt_at = None
        self._unclaim()
        self._wipe_secret_values()
        return True

    def record_failure(
        self, token: str, now: datetime, error: DeliveryFailed, policy: RetryPolicy
    ) -> bool:
        """Retry later with backoff, or give up; False if the claim was no longer ours."""
        if not self._holds(token):
            return False
        self.attempts += 1
        self._unclaim()
        reason = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        retry_at = now + policy.delay_after(self.attempts)
        if isinstance(error, PermanentFailure):
            self.give_up(now, reason)
        elif self.attempts >= policy.max_attempts:
            self.give_up(now, f"gave up after {self.attempts} attempts; last: {reason}")
        elif self.expires_at is not None and retry_at >= self.expires_at:
            self.give_up(now, f"expired; last: {reason}")
        else:
            self.status, self.last_error, self.updated_at = DeliveryStatus.FAILED, reason, now
            self.next_attempt_at = retry_at
        return True

    def give_up(self, now: datetime, reason: str) -> None:
        self.status, self.last_error, self.updated_at = DeliveryStatus.GIVEN_UP, reason, now
        self.next_attempt_at = None
        self._unclaim()
        self._wipe_secret_values()

    def requeue(self, now: datetime) -> None:
        """Try a given-up delivery again from scratch (after an operator mended the cause)."""
        if self.status is not DeliveryStatus.GIVEN_UP or self.params is None:
            raise CannotRequeue("only a given-up delivery that still has its values")
        self.status, self.attempts, self.next_attempt_at = DeliveryStatus.QUEUED, 0, now
        self.updated_at = now

    def forget_personal_data(self, now: datetime) -> None:
        """The member was erased: send nothing more, keep only ids, channel and outcome."""
        if self.is_pending:
            self.give_up(now, "member erased")
        else:
            self.last_error = None  # a provider's answer may quote the address
        self.address = None
        self.params = None

    def _holds(self, token: str) -> bool:
        return self.status is DeliveryStatus.SENDING and self.claim_token == token

    def _unclaim(self) -> None:
        self.claim_token = self.claimed_until = None

    def _wipe_secret_values(self) -> None:
        topic = TOPICS.get(self.topic)
        if topic is None or topic.secret:
            self.params = None
