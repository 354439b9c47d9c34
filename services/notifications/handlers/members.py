"""Handlers about members themselves: welcome, contact points, erasure, login codes, choices.

Registry events may arrive in any order (two relays, retries), so each of
these handlers creates the recipient if it is the first to hear of them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from shared.auth.principal import Principal

from ..domain import commands
from ..domain.channels import Channel
from ..domain.deliveries import Delivery
from ..domain.errors import NotFound
from ..domain.model import InboxMessage, Notification, Recipient
from ..domain.preferences import Preferences
from ..metrics import count_delivered_to_inbox
from ..unit_of_work import NotificationsUnitOfWork
from .common import UNKNOWN_LANGUAGE, notify, recipient_or_new


def welcome_member(
    cmd: commands.WelcomeMember,
    uow: NotificationsUnitOfWork,
    *,
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> None:
    """Welcome the new member (once), on every channel they want and can be reached by."""
    notification = Notification()
    with uow:
        recipient = recipient_or_new(uow, cmd.member_id, cmd.network_id, cmd.language)
        if not uow.deliveries.has_topic(cmd.member_id, "welcome"):
            notification = notify(uow, recipient, "welcome", {}, offered=offered, zone=zone)
        uow.commit()
    count_delivered_to_inbox(notification)


def send_login_code(
    cmd: commands.SendLoginCode,
    uow: NotificationsUnitOfWork,
    *,
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> None:
    """Queue a one-time login code on the channel the member asked for; never in the inbox."""
    with uow:
        recipient = recipient_or_new(uow, cmd.member_id, cmd.network_id, UNKNOWN_LANGUAGE)
        notify(
            uow,
            recipient,
            "login_code",
            {"code": cmd.code, "expires_at": cmd.expires_at.isoformat()},
            offered=offered,
            zone=zone,
            channel=Channel(cmd.channel),
            expires_at=cmd.expires_at,
        )
        uow.commit()


def update_contact(cmd: commands.UpdateContact, uow: NotificationsUnitOfWork) -> None:
    """Keep the member's name, contact points and language; what waited for them is due."""
    with uow:
        recipient = recipient_or_new(uow, cmd.member_id, cmd.network_id, cmd.language)
        recipient.update_contact(cmd.display_name, cmd.email, cmd.phone, cmd.language)
        now = datetime.now(UTC)
        for delivery in uow.deliveries.queued_of_member(cmd.member_id):
            delivery.make_due(now)
        uow.commit()


def erase_recipient(cmd: commands.EraseRecipient, uow: NotificationsUnitOfWork) -> None:
    """GDPR erasure in the registry: forget who the member is, here and in the delivery log."""
    now = datetime.now(UTC)
    with uow:
        recipient = recipient_or_new(uow, cmd.member_id, cmd.network_id, UNKNOWN_LANGUAGE)
        recipient.erase(now)
        uow.inbox.delete_member(cmd.member_id)
        for delivery in uow.deliveries.of_member(cmd.member_id):
            delivery.forget_personal_data(now)
        uow.commit()


def set_preferences(cmd: commands.SetPreferences, uow: NotificationsUnitOfWork) -> Preferences:
    """The member's (or their operator's) choice of channels, language, quiet hours, topics."""
    with uow:
        recipient = _visible_recipient(uow, cmd.actor, cmd.member_id)
        preferences = recipient.change_preferences(
            cmd.channels,
            cmd.language,
            cmd.quiet_hours,
            cmd.muted_topics,
            datetime.now(UTC),
            cmd.opted_in_topics,
        )
        uow.commit()
        return preferences


def mark_message_read(cmd: commands.MarkMessageRead, uow: NotificationsUnitOfWork) -> InboxMessage:
    with uow:
        _visible_recipient(uow, cmd.actor, cmd.member_id)
        message = uow.inbox.get(cmd.member_id, cmd.message_id)
        if message is None:
            raise NotFound("no such message")
        message.mark_read(datetime.now(UTC))
        uow.commit()
        return message


def requeue_delivery(cmd: commands.RequeueDelivery, uow: NotificationsUnitOfWork) -> Delivery:
    """Try a given-up delivery again (an operator mended its cause)."""
    with uow:
        delivery = uow.deliveries.get(cmd.delivery_id)
        if delivery is None:
            raise NotFound("no such delivery")
        delivery.requeue(datetime.now(UTC))
        uow.commit()
        return delivery


def _visible_recipient(uow: NotificationsUnitOfWork, actor: Principal, member_id: str) -> Recipient:
    recipient = uow.recipients.get(member_id)
    if (
        recipient is None
        or recipient.is_erased
        or not actor.may_see_member(recipient.member_id, recipient.network_id)
    ):
        raise NotFound("no such member")
    return recipient
