"""The dispatcher: sends due e-mails and SMS outside any transaction, and records what happened.

One round claims due deliveries in one short transaction (deciding there
what to drop or hold: ``domain/dispatching.py``), then calls each one's
channel with no transaction open, and records each outcome in a short
transaction of its own, only while it still holds the claim. When a channel
fails for one message, the round gives back its other claims on that
channel untouched: an outage costs one timeout per round, not one per
message, and counts against no message but the one that met it.

It runs as a thread of the notifications worker (``run(stop)``) and as
``fabene notifications dispatch``; several may run at once.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from .domain.channels import (
    Channel,
    DeliveryFailed,
    Email,
    EmailSender,
    SmsProvider,
    TemporaryFailure,
)
from .domain.deliveries import Delivery
from .domain.dispatching import Attempt, DispatchRules, prepare_attempt
from .metrics import SEND_SECONDS, count_outcome
from .unit_of_work import NotificationsUnitOfWork

log = logging.getLogger(__name__)

MAX_PAUSE_SECONDS = 30.0
CLAIM_LOST = "claim_lost"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Channels:
    """The ways out this installation has; None where it has none."""

    email: EmailSender | None = None
    sms: SmsProvider | None = None

    @property
    def offered(self) -> frozenset[Channel]:
        ways_out = {Channel.EMAIL: self.email, Channel.SMS: self.sms}
        return frozenset({Channel.INBOX} | {c for c, sender in ways_out.items() if sender})


class DeliveryDispatcher:
    def __init__(
        self,
        uow_factory: Callable[[], NotificationsUnitOfWork],
        channels: Channels,
        rules: DispatchRules,
        *,
        batch_size: int = 20,
        idle_seconds: float = 0.5,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._uow_factory = uow_factory
        self._channels = channels
        self._rules = rules
        self._batch_size = batch_size
        self._idle_seconds = idle_seconds
        self._clock = clock

    def run_once(self) -> Counter[str]:
        """One round; how many deliveries ended in each outcome."""
        outcomes: Counter[str] = Counter()
        failing: set[Channel] = set()
        rest = self._rules.retry.first_delay
        for attempt in self._claim(outcomes):
            if attempt.channel in failing:
                self._record(attempt, lambda d, now, a=attempt: d.release(a.token, now + rest, now))
                outcomes["released"] += 1
            else:
                outcomes[self._attempt(attempt, failing)] += 1
        return outcomes

    def run(self, stop: threading.Event) -> None:
        """Dispatch until ``stop`` is set, pausing when idle and after errors."""
        pause = 0.0
        while not stop.is_set():
            try:
                outcomes = self.run_once()
                pause = 0.0
            except Exception:
                pause = min(max(pause * 2, 0.5), MAX_PAUSE_SECONDS)
                log.exception("dispatcher round failed, waits %.1fs", pause)
                stop.wait(pause)
                continue
            if outcomes.total() < self._batch_size:
                stop.wait(self._idle_seconds)

    def _claim(self, outcomes: Counter[str]) -> list[Attempt]:
        now = self._clock()
        attempts = []
        with self._uow_factory() as uow:
            for delivery in uow.deliveries.claim_due(now, self._batch_size):
                recipient = uow.recipients.get(delivery.member_id)
                attempt = prepare_attempt(delivery, recipient, now, self._rules)
                if attempt is not None:
                    attempts.append(attempt)
                    continue
                outcome = "held" if delivery.is_pending else delivery.status.value
                count_outcome(delivery.channel, outcome)
                outcomes[outcome] += 1
            uow.commit()
        return attempts

    def _attempt(self, attempt: Attempt, failing: set[Channel]) -> str:
        retry = self._rules.retry
        try:
            with SEND_SECONDS.labels(attempt.channel.value).time():
                provider_id = self._send(attempt)
        except DeliveryFailed as error:
            log.warning("delivery %s by %s failed: %s", attempt.delivery_id, attempt.channel, error)
            if isinstance(error, TemporaryFailure):
                failing.add(attempt.channel)
            outcome = self._record(
                attempt, lambda d, now, e=error: d.record_failure(attempt.token, now, e, retry)
            )
        else:
            outcome = self._record(
                attempt,
                lambda d, now: d.record_sent(attempt.token, now, attempt.address, provider_id),
            )
        if outcome != CLAIM_LOST:
            count_outcome(attempt.channel, outcome)
        return outcome

    def _send(self, attempt: Attempt) -> str:
        message = attempt.message
        if attempt.channel is Channel.EMAIL and self._channels.email is not None:
            return self._channels.email.send(
                Email(
                    key=attempt.delivery_id,
                    to_address=attempt.address,
                    to_name=attempt.name,
                    subject=message.subject,
                    body=message.body,
                    language=message.language,
                    right_to_left=message.right_to_left,
                )
            )
        if attempt.channel is Channel.SMS and self._channels.sms is not None:
            return self._channels.sms.send(
                attempt.address, message.sms, idempotency_key=attempt.delivery_id
            )
        raise TemporaryFailure(f"no {attempt.channel} channel is configured here")

    def _record(self, attempt: Attempt, change: Callable[[Delivery, datetime], bool]) -> str:
        with self._uow_factory() as uow:
            delivery = uow.deliveries.get(attempt.delivery_id)
            recorded = change(delivery, self._clock())
            uow.commit()
        if not recorded:
            log.warning("delivery %s: its claim was lost before the outcome", attempt.delivery_id)
            return CLAIM_LOST
        log.info("delivery %s by %s: %s", attempt.delivery_id, attempt.channel, delivery.status)
        return delivery.status.value
