"""Topics: the occasions to write to a member, and what each one needs.

A topic declares the values its templates use and the kind of each, so they
are written the reader's way (euros, durations, times of day, dates); the
channels that suit it; whether the member may opt out of it (``essential``
topics they asked for or must know); whether it may reach them during their
quiet hours (``urgent``); and whether its values are secret (never in the
inbox, wiped from the delivery log once it is sent or dropped).

Adding a topic is adding an entry here and its texts in ``templates.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .channels import Channel


class Kind(StrEnum):
    """How a template value is stored in the delivery log and written out."""

    TEXT = "text"  # as it is
    EUROS = "euros"  # whole euro cents
    DURATION = "duration"  # whole minutes
    CLOCK_TIME = "clock_time"  # an RFC 3339 instant, written as the local time of day
    DATE = "date"  # an ISO date
    COUNT = "count"  # a whole number


@dataclass(frozen=True)
class Topic:
    name: str
    channels: frozenset[Channel]
    values: Mapping[str, Kind] = field(default_factory=dict)
    essential: bool = False
    urgent: bool = False
    secret: bool = False


EVERY_CHANNEL = frozenset(Channel)

TOPICS: dict[str, Topic] = {
    topic.name: topic
    for topic in (
        Topic("welcome", channels=EVERY_CHANNEL),
        Topic(
            "login_code",
            channels=frozenset({Channel.EMAIL, Channel.SMS}),
            values={"code": Kind.TEXT, "expires_at": Kind.CLOCK_TIME},
            essential=True,
            urgent=True,
            secret=True,
        ),
    )
}

OPTIONAL_TOPICS = tuple(sorted(name for name, topic in TOPICS.items() if not topic.essential))


def topic_named(name: str) -> Topic:
    return TOPICS[name]
