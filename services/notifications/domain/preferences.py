"""A member's choices about how they hear from the programme.

The channels they want (e-mail, SMS, the web inbox), the language to write
in (none: the one the registry knows), their quiet hours (none: never
quiet), the topics they opted out of, and the topics they opted in to on
every channel they want (receipts, which otherwise wait in the inbox). A
member who never chose has the programme's defaults: every channel, the
registry's language, the programme's quiet hours, every topic on its
default channels. Essential topics (a locked card) cannot be muted and
always reach the inbox; a login code goes by the channel the member asked
for, whatever they chose here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .channels import Channel
from .quiet_hours import QuietHours
from .topics import Topic


@dataclass
class Preferences:
    member_id: str
    channels: list[str]
    language: str | None
    quiet_hours_start: str | None
    quiet_hours_end: str | None
    muted_topics: list[str]
    updated_at: datetime | None = None
    opted_in_topics: list[str] = field(default_factory=list)

    @classmethod
    def defaults(cls, member_id: str, quiet_hours: QuietHours | None) -> Preferences:
        start, end = quiet_hours.as_text() if quiet_hours else (None, None)
        return cls(member_id, sorted(Channel), None, start, end, [], opted_in_topics=[])

    @property
    def quiet_hours(self) -> QuietHours | None:
        if self.quiet_hours_start is None or self.quiet_hours_end is None:
            return None
        return QuietHours.parse(self.quiet_hours_start, self.quiet_hours_end)

    def change(
        self,
        channels: Iterable[str],
        language: str | None,
        quiet_hours: QuietHours | None,
        muted_topics: Iterable[str],
        now: datetime,
        opted_in_topics: Iterable[str] = (),
    ) -> None:
        self.channels = sorted(set(channels))
        self.language = language
        self.quiet_hours_start, self.quiet_hours_end = (
            quiet_hours.as_text() if quiet_hours else (None, None)
        )
        self.muted_topics = sorted(set(muted_topics))
        self.opted_in_topics = sorted(set(opted_in_topics))
        self.updated_at = now

    def channels_for(self, topic: Topic) -> set[Channel]:
        """The channels this member wants ``topic`` on."""
        wanted = {Channel(name) for name in self.channels}
        if topic.essential:
            wanted.add(Channel.INBOX)
        elif topic.name in self.muted_topics:
            return set()
        if topic.name not in self.opted_in_topics:
            wanted -= topic.needs_opting_in
        return wanted & topic.channels
