"""The notifications model: recipients, their inbox, and what one event sends them.

A recipient is what this service must know to reach a member: network,
language and contact points, all from registry events (the only personal
data it keeps, erased when the member is), and the member's preferences.
Events arrive in any order, so a recipient may exist before its contact
points do: ``contact_known`` tells (the registry's contact event always
carries the name). Notifying a recipient plans one delivery per channel the
topic suits, the member wants and the programme offers; the web inbox
message is written at once, e-mail and SMS wait for the dispatcher.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from shared.correlation import new_id

from .channels import Channel
from .deliveries import Delivery
from .preferences import Preferences
from .quiet_hours import QuietHours
from .rendering import RIGHT_TO_LEFT, render
from .topics import Topic, topic_named


@dataclass
class InboxMessage:
    id: str
    member_id: str
    topic: str
    title: str
    body: str
    language: str
    created_at: datetime
    read_at: datetime | None = None

    @property
    def right_to_left(self) -> bool:
        return self.language in RIGHT_TO_LEFT

    def mark_read(self, now: datetime) -> None:
        if self.read_at is None:
            self.read_at = now


@dataclass
class Notification:
    """What notifying a recipient of one event produced."""

    deliveries: list[Delivery] = field(default_factory=list)
    inbox_message: InboxMessage | None = None


@dataclass
class Recipient:
    member_id: str
    network_id: str
    language: str
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    erased_at: datetime | None = None
    preferences: Preferences | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @property
    def contact_known(self) -> bool:
        return self.display_name is not None

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def writing_language(self) -> str:
        chosen = self.preferences.language if self.preferences else None
        return chosen or self.language

    def update_contact(
        self, display_name: str, email: str | None, phone: str | None, language: str
    ) -> None:
        if self.is_erased:  # a late event must not bring the personal data back
            return
        self.display_name, self.email, self.phone = display_name, email, phone
        self.language = language

    def erase(self, now: datetime) -> None:
        """Forget everything that says who the member is; keep the bare ids."""
        self.display_name = self.email = self.phone = None
        self.preferences = None
        self.erased_at = self.erased_at or now

    def address_for(self, channel: Channel) -> str | None:
        return {Channel.EMAIL: self.email, Channel.SMS: self.phone}.get(channel)

    def preferences_or_defaults(self, quiet_hours: QuietHours | None) -> Preferences:
        return self.preferences or Preferences.defaults(self.member_id, quiet_hours)

    def change_preferences(
        self,
        channels: Collection[str],
        language: str | None,
        quiet_hours: QuietHours | None,
        muted_topics: Collection[str],
        now: datetime,
        opted_in_topics: Collection[str] = (),
    ) -> Preferences:
        if self.preferences is None:
            self.preferences = Preferences.defaults(self.member_id, None)
        self.preferences.change(channels, language, quiet_hours, muted_topics, now, opted_in_topics)
        return self.preferences

    def notify(
        self,
        event_id: str,
        topic_name: str,
        values: Mapping[str, Any],
        *,
        offered: Collection[Channel],
        now: datetime,
        zone: ZoneInfo,
        channel: Channel | None = None,
        expires_at: datetime | None = None,
    ) -> Notification:
        """Plan the deliveries about one event; ``channel`` when the member asked for one."""
        if self.is_erased:
            return Notification()
        topic = topic_named(topic_name)
        notification = Notification()
        for each in self._channels_for(topic, channel, offered):
            delivery = Delivery.queue(
                event_id, self.member_id, self.network_id, each, topic.name, values, now, expires_at
            )
            if each not in offered:  # asked for, but this installation cannot: say so
                delivery.give_up(now, f"no {each} channel is configured")
            elif each is Channel.INBOX:
                notification.inbox_message = self._inbox_message(topic.name, values, now, zone)
                delivery.delivered_to_inbox(now)
            notification.deliveries.append(delivery)
        return notification

    def _channels_for(
        self, topic: Topic, asked_for: Channel | None, offered: Collection[Channel]
    ) -> list[Channel]:
        """The channel asked for; else those wanted and offered, unless known to be unreachable."""
        if asked_for is not None:
            return [asked_for]
        wanted = self.preferences_or_defaults(None).channels_for(topic) & set(offered)
        reachable = [
            each
            for each in wanted
            if each is Channel.INBOX or not self.contact_known or self.address_for(each)
        ]
        return sorted(reachable)

    def _inbox_message(
        self, topic: str, values: Mapping[str, Any], now: datetime, zone: ZoneInfo
    ) -> InboxMessage:
        assert not topic_named(topic).secret, "secrets never go to the inbox"
        message = render(topic, self.writing_language, values, zone)
        return InboxMessage(
            id=new_id(),
            member_id=self.member_id,
            topic=topic,
            title=message.subject,
            body=message.body,
            language=message.language,
            created_at=now,
        )
