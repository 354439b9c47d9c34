"""Read-side queries of the notifications service, with the caller's right to see each row.

A member's inbox and preferences are theirs and their network operators';
a network's delivery log is its operators' (an administrator's: every
network's). What the caller may not see answers as if it did not exist.
The delivery log shows no message bodies, addresses or values: only what
went where, when, and how it ended.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.auth.principal import Principal
from shared.db import Database

from .domain.channels import Channel
from .domain.deliveries import Delivery, DeliveryStatus
from .domain.errors import NotFound
from .domain.model import InboxMessage, Recipient
from .domain.quiet_hours import QuietHours


def inbox(database: Database, actor: Principal, member_id: str, page: int, page_size: int) -> dict:
    """One page of a member's inbox, newest first, with counts."""
    with database.session() as session:
        _visible_recipient(session, actor, member_id)
        of_member = InboxMessage.member_id == member_id
        total = session.scalar(select(func.count()).select_from(InboxMessage).where(of_member))
        items = session.scalars(
            select(InboxMessage)
            .where(of_member)
            .order_by(InboxMessage.created_at.desc(), InboxMessage.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        unread = _unread(session, member_id)
    return {"items": items, "page": page, "page_size": page_size, "total": total, "unread": unread}


def unread_count(database: Database, actor: Principal, member_id: str) -> dict:
    """How many of a member's inbox messages are unread (for a badge)."""
    with database.session() as session:
        _visible_recipient(session, actor, member_id)
        return {"unread": _unread(session, member_id)}


def preferences(
    database: Database, actor: Principal, member_id: str, default_quiet_hours: QuietHours | None
) -> dict:
    """A member's preferences as they apply now: their own, or the programme's defaults."""
    with database.session() as session:
        recipient = _visible_recipient(session, actor, member_id)
        chosen = recipient.preferences
        applied = recipient.preferences_or_defaults(default_quiet_hours)
        quiet_hours = applied.quiet_hours
        return {
            "member_id": member_id,
            "channels": list(applied.channels),
            "language": recipient.writing_language,
            "quiet_hours": dict(zip(("start", "end"), quiet_hours.as_text(), strict=True))
            if quiet_hours
            else None,
            "muted_topics": list(applied.muted_topics),
            "opted_in_topics": list(applied.opted_in_topics),
            "customised": chosen is not None,
            "updated_at": applied.updated_at,
        }


def delivery_stats(
    database: Database, actor: Principal, network_id: str, since: datetime, until: datetime
) -> dict:
    """Deliveries created in a period in a network, counted per channel and status, and topic."""
    _check_manages(actor, network_id)
    counts = {channel.value: dict.fromkeys(DeliveryStatus, 0) for channel in Channel}
    by_topic: dict[str, dict[str, int]] = {}
    with database.session() as session:
        rows = session.execute(
            select(Delivery.channel, Delivery.status, Delivery.topic, func.count())
            .where(
                Delivery.network_id == network_id,
                Delivery.created_at >= since,
                Delivery.created_at < until,
            )
            .group_by(Delivery.channel, Delivery.status, Delivery.topic)
        ).all()
    for channel, status, topic, count in rows:
        counts[channel.value][status] += count
        of_topic = by_topic.setdefault(topic, dict.fromkeys(Channel, 0))
        of_topic[channel] += count
    return {
        "network_id": network_id,
        "since": since,
        "until": until,
        "total": sum(count for *_, count in rows),
        "by_channel": {
            channel: {status.value: count for status, count in by_status.items()}
            for channel, by_status in counts.items()
        },
        "by_topic": {
            topic: {channel.value: count for channel, count in by_channel.items()}
            for topic, by_channel in sorted(by_topic.items())
        },
    }


def deliveries(
    database: Database,
    actor: Principal,
    network_id: str,
    statuses: list[str],
    channel: str | None,
    page: int,
    page_size: int,
) -> dict:
    """A network's deliveries in the given statuses (by default the failing ones), newest first."""
    _check_manages(actor, network_id)
    conditions = [Delivery.network_id == network_id, Delivery.status.in_(statuses)]
    if channel:
        conditions.append(Delivery.channel == channel)
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(Delivery).where(*conditions))
        items = session.scalars(
            select(Delivery)
            .where(*conditions)
            .order_by(Delivery.updated_at.desc(), Delivery.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def visible_delivery(database: Database, actor: Principal, delivery_id: str) -> Delivery:
    """One delivery of a network the caller manages."""
    with database.session() as session:
        delivery = session.get(Delivery, delivery_id)
    if delivery is None or not actor.manages_network(delivery.network_id):
        raise NotFound("no such delivery")
    return delivery


def networks(database: Database, actor: Principal) -> list[str]:
    """The networks this service has members of that the caller manages."""
    with database.session() as session:
        known = session.scalars(
            select(Recipient.network_id).distinct().order_by(Recipient.network_id)
        ).all()
    return [network_id for network_id in known if actor.manages_network(network_id)]


def _visible_recipient(session: Session, actor: Principal, member_id: str) -> Recipient:
    recipient = session.get(Recipient, member_id)
    if recipient is None or not actor.may_see_member(recipient.member_id, recipient.network_id):
        raise NotFound("no such member")
    return recipient


def _check_manages(actor: Principal, network_id: str) -> None:
    if not actor.manages_network(network_id):
        raise NotFound("no such network")


def _unread(session: Session, member_id: str) -> int:
    return session.scalar(
        select(func.count())
        .select_from(InboxMessage)
        .where(InboxMessage.member_id == member_id, InboxMessage.read_at.is_(None))
    )
