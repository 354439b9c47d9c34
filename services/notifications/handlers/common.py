"""What the handlers share: finding the recipient, and planning one message's deliveries."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.channels import Channel
from ..domain.model import Notification, Recipient
from ..domain.topics import Kind, topic_named
from ..unit_of_work import NotificationsUnitOfWork

log = logging.getLogger(__name__)

UNKNOWN_LANGUAGE = "it"


def notify(
    uow: NotificationsUnitOfWork,
    recipient: Recipient,
    topic: str,
    values: Mapping[str, Any],
    *,
    event_id: str | None = None,
    **options: Any,
) -> Notification:
    """Plan the message's deliveries; the inbox message is written at once."""
    notification = recipient.notify(
        event_id or uow.event_id, topic, values, now=datetime.now(UTC), **options
    )
    if notification.inbox_message is not None:
        uow.inbox.add(notification.inbox_message)
    for delivery in notification.deliveries:
        uow.deliveries.add(delivery)
    return notification


def notify_if_known(
    uow: NotificationsUnitOfWork,
    member_id: str,
    topic: str,
    values: Mapping[str, Any],
    *,
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> Notification:
    """Write to a member this service knows about the event being handled; others get nothing.

    A member is known once a registry event about them arrived. ``day`` and
    ``at``, when the topic's templates use them and the event did not say,
    are the local day and the moment the event occurred.
    """
    recipient = uow.recipients.get(member_id)
    if recipient is None:
        log.info("member %s is not known here: no %s message", member_id, topic)
        return Notification()
    values = {**_when(topic, uow.occurred_at, zone), **values}
    return notify(uow, recipient, topic, values, offered=offered, zone=zone)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def recipient_or_new(
    uow: NotificationsUnitOfWork, member_id: str, network_id: str, language: str
) -> Recipient:
    """The member's recipient; created bare if this is the first event about them."""
    recipient = uow.recipients.get(member_id)
    if recipient is None:
        recipient = Recipient(member_id=member_id, network_id=network_id, language=language)
        uow.recipients.add(recipient)
    return recipient


def _when(topic: str, occurred_at: datetime, zone: ZoneInfo) -> dict[str, str]:
    kinds = topic_named(topic).values
    when = {}
    if kinds.get("day") is Kind.DATE:
        when["day"] = local_day(occurred_at, zone).isoformat()
    if kinds.get("at") is Kind.CLOCK_TIME:
        when["at"] = occurred_at.isoformat()
    return when
