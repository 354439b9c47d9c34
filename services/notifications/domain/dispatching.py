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
from .topics import topic_named

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
        if delivery.attempts >= rules.retry.max_attempts:
            delivery.give_up(now, f"outcome unknown after {delivery.attempts} attempts")
            return None
    if delivery.is_expired(now):
        delivery.give_up(now, "expired")
        return None
    if recipient is None or recipient.is_erased:
        delivery.give_up(now, "member erased")
        return None
    address = recipient.address_for(delivery.channel)
    if not address:
        if recipient.contact_known or now - delivery.created_at >= rules.contact_wait:
            delivery.give_up(now, NO_ADDRESS[delivery.channel])
        else:
            delivery.hold(now + rules.contact_recheck, now)
        return None
    allowed = _outside_quiet_hours(delivery, recipient, now, rules)
    if allowed > now:
        delivery.hold(allowed, now)
        return None
    token = delivery.claim(now, rules.lease)
    message = render(delivery.topic, recipient.writing_language, delivery.params, rules.zone)
    return Attempt(delivery.id, token, delivery.channel, address, recipient.display_name, message)


def _outside_quiet_hours(
    delivery: Delivery, recipient: Recipient, now: datetime, rules: DispatchRules
) -> datetime:
    if delivery.channel is not Channel.SMS or topic_named(delivery.topic).urgent:
        return now
    quiet_hours = recipient.preferences_or_defaults(rules.default_quiet_hours).quiet_hours
    return quiet_hours.next_allowed(now, rules.zone) if quiet_hours else now
