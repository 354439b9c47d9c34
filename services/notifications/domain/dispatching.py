"""What the dispatcher does with a due delivery: send it now, hold it, or drop it.

Decided inside the claiming transaction, before any channel is called:

- a delivery past its ``expires_at`` (a login code) is dropped as expired;
- one whose member was erased (or is unknown) is dropped;
- one with no address yet waits a little if the member's contact points are
  still on their way (events arrive in any order), and is dropped otherwise;
- an SMS due during the member's quiet hours waits for the morning, unless
  its topic is urgent;
- anything else is claimed and written in the member's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .channels import Channel
from .deliveries import Delivery, RetryPolicy
from .model import Recipient
from .quiet_hours import QuietHours
from .rendering import Message, render
from .topics import TOPICS, topic_named

NO_ADDRESS = {Channel.EMAIL: "no e-mail address", Channel.SMS: "no phone number"}


@dataclass(frozen=True)
class DispatchRules:
    retry: RetryPolicy
    zone: ZoneInfo
    default_quiet_hours: QuietHours | None
    lease: timedelta = timedelta(minutes=10)
    contact_wait: timedelta = timedelta(hours=1)
    contact_recheck: timedelta = timedelta(seconds=5)


@dataclass(frozen=True)
class Attempt:
    """One claimed delivery, ready for its channel."""

    delivery_id: str
    token: str
    channel: Channel
    address: str
    name: str | None
    message: Message


def prepare_attempt(
    delivery: Delivery, recipient: Recipient | None, now: datetime, rules: DispatchRules
) -> Attempt | None:
    """Claim ``delivery`` for an attempt now, or settle why not (None)."""
    if delivery.is_in_doubt(now):
        delivery.count_lost_attempt(now)
    reason = _reason_to_drop(delivery, recipient, now, rules)
    if reason is not None:
        delivery.give_up(now, reason)
        return None
    later = _wait_until(delivery, recipient, now, rules)
    if later is not None:
        delivery.hold(later, now)
        return None
    try:
        message = render(delivery.topic, recipient.writing_language, delivery.params, rules.zone)
    except (KeyError, ValueError, TypeError) as error:  # stored values that fit no template
        delivery.give_up(now, f"cannot be written: {type(error).__name__}")
        return None
    token = delivery.claim(now, rules.lease)
    address = recipient.address_for(delivery.channel)
    return Attempt(delivery.id, token, delivery.channel, address, recipient.display_name, message)


def _reason_to_drop(
    delivery: Delivery, recipient: Recipient | None, now: datetime, rules: DispatchRules
) -> str | None:
    if delivery.attempts >= rules.retry.max_attempts:  # the last one's outcome was unknown
        return f"outcome unknown after {delivery.attempts} attempts"
    if delivery.is_expired(now):
        return "expired"
    if recipient is None or recipient.is_erased:
        return "member erased"
    if delivery.topic not in TOPICS:
        return f"unknown topic {delivery.topic!r}"
    waited_enough = now - delivery.created_at >= rules.contact_wait
    if not recipient.address_for(delivery.channel) and (recipient.contact_known or waited_enough):
        return NO_ADDRESS[delivery.channel]
    return None


def _wait_until(
    delivery: Delivery, recipient: Recipient, now: datetime, rules: DispatchRules
) -> datetime | None:
    """When to look again: contact points on their way, or an SMS in the quiet hours."""
    if not recipient.address_for(delivery.channel):
        return now + rules.contact_recheck
    if delivery.channel is not Channel.SMS or topic_named(delivery.topic).urgent:
        return None
    quiet_hours = recipient.preferences_or_defaults(rules.default_quiet_hours).quiet_hours
    allowed = quiet_hours.next_allowed(now, rules.zone) if quiet_hours else now
    return allowed if allowed > now else None
