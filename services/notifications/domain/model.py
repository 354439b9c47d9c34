"""The notifications model: recipients and the messages in their web inbox.

A recipient is what this service must know to reach a member: network,
language and contact points, all from registry events (the only personal
data it keeps, erased when the member is). A message is written in the
recipient's language from a template; the web inbox is one of its channels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from shared.correlation import new_id

from .templates import render


@dataclass
class InboxMessage:
    id: str
    member_id: str
    topic: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = None


@dataclass
class Recipient:
    member_id: str
    network_id: str
    language: str
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    messages: list[InboxMessage] = field(default_factory=list)
    events: list = field(default_factory=list, repr=False, compare=False)

    def update_contact(
        self, display_name: str, email: str | None, phone: str | None, language: str
    ) -> None:
        self.display_name = display_name
        self.email = email
        self.phone = phone
        self.language = language

    def erase(self) -> None:
        """Forget everything that says who the member is; keep the bare ids."""
        self.display_name = self.email = self.phone = None

    def has_message(self, topic: str) -> bool:
        return any(message.topic == topic for message in self.messages)

    def notify(self, topic: str, **values: str) -> InboxMessage:
        """Put a message about ``topic`` in the inbox, in the recipient's language."""
        title, body = render(topic, self.language, **values)
        message = InboxMessage(
            id=new_id(),
            member_id=self.member_id,
            topic=topic,
            title=title,
            body=body,
            created_at=datetime.now(UTC),
        )
        self.messages.append(message)
        return message
