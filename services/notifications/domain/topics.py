"""Topics: the occasions to write to a member, and what each one needs.

A topic declares the values its templates use and the kind of each, so they
are written the reader's way (euros, durations, times of day, dates); the
channels that suit it, and of those the ones it goes by unless the member
opted in to the rest (``default_channels``: a receipt of every purchase
waits in the inbox, it does not ring the family's phone); whether the member
may mute it (``essential`` topics they asked for or must know); whether it
may reach them during their quiet hours (``urgent``); and whether its values
are secret (never in the inbox, wiped from the delivery log once it is sent
or dropped).

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
    CREDITS = "credits"  # {"unit": "FOOD" | "TIME", "amount": cents | minutes}
    CLOCK_TIME = "clock_time"  # an RFC 3339 instant, written as the local time of day
    DATE = "date"  # an ISO date
    MONTH = "month"  # a month as YYYY-MM
    COUNT = "count"  # a whole number


@dataclass(frozen=True)
class Topic:
    name: str
    channels: frozenset[Channel]
    values: Mapping[str, Kind] = field(default_factory=dict)
    default_channels: frozenset[Channel] | None = None  # None: all of ``channels``
    essential: bool = False
    urgent: bool = False
    secret: bool = False

    @property
    def needs_opting_in(self) -> frozenset[Channel]:
        """The channels that suit the topic but carry it only to members who opted in."""
        if self.default_channels is None:
            return frozenset()
        return self.channels - self.default_channels


EVERY_CHANNEL = frozenset(Channel)
INBOX_ONLY = frozenset({Channel.INBOX})
INBOX_AND_EMAIL = frozenset({Channel.INBOX, Channel.EMAIL})

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
        # FOOD credits, to the household
        Topic(
            "credits_allocated",
            channels=EVERY_CHANNEL,
            values={"amount": Kind.EUROS, "balance": Kind.EUROS},
        ),
        Topic(
            "purchase_receipt",
            channels=EVERY_CHANNEL,
            default_channels=INBOX_ONLY,
            values={
                "amount": Kind.EUROS,
                "balance": Kind.EUROS,
                "day": Kind.DATE,
                "at": Kind.CLOCK_TIME,
            },
        ),
        Topic("credits_returned", channels=EVERY_CHANNEL, values={"amount": Kind.CREDITS}),
        Topic("credits_corrected", channels=EVERY_CHANNEL, values={"amount": Kind.CREDITS}),
        Topic(
            "credits_expiring",
            channels=EVERY_CHANNEL,
            values={"amount": Kind.EUROS, "expires_on": Kind.DATE},
        ),
        Topic(
            "credits_expired",
            channels=EVERY_CHANNEL,
            values={"amount": Kind.EUROS, "balance": Kind.EUROS},
        ),
        Topic("balance_low", channels=EVERY_CHANNEL, values={"balance": Kind.EUROS}),
        Topic("card_locked", channels=EVERY_CHANNEL, essential=True),
        # TIME credits
        Topic(
            "hours_to_confirm",
            channels=INBOX_AND_EMAIL,
            default_channels=INBOX_ONLY,
            values={"minutes": Kind.DURATION, "day": Kind.DATE},
        ),
        Topic(
            "hours_confirmed",
            channels=EVERY_CHANNEL,
            values={"minutes": Kind.DURATION, "balance": Kind.DURATION},
        ),
        Topic("hours_rejected", channels=EVERY_CHANNEL, values={"minutes": Kind.DURATION}),
        Topic("time_received", channels=EVERY_CHANNEL, values={"minutes": Kind.DURATION}),
        Topic(
            "time_receipt",
            channels=EVERY_CHANNEL,
            default_channels=INBOX_ONLY,
            values={
                "minutes": Kind.DURATION,
                "value": Kind.EUROS,
                "balance": Kind.DURATION,
                "day": Kind.DATE,
                "at": Kind.CLOCK_TIME,
            },
        ),
        # Digests, sent by the scheduled commands
        Topic(
            "daily_takings",
            channels=EVERY_CHANNEL,
            default_channels=INBOX_AND_EMAIL,
            values={
                "day": Kind.DATE,
                "purchases": Kind.COUNT,
                "redeemed": Kind.EUROS,
                "refunded": Kind.EUROS,
                "donations": Kind.COUNT,
                "donated": Kind.EUROS,
            },
        ),
        Topic(
            "monthly_reciprocity",
            channels=EVERY_CHANNEL,
            values={"month": Kind.MONTH, "given": Kind.DURATION, "agreed": Kind.DURATION},
        ),
    )
}

OPTIONAL_TOPICS = tuple(sorted(name for name, topic in TOPICS.items() if not topic.essential))
OPT_IN_TOPICS = tuple(sorted(name for name, topic in TOPICS.items() if topic.needs_opting_in))


def topic_named(name: str) -> Topic:
    return TOPICS[name]
