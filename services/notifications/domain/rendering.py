"""A topic's template, filled in for one reader: their language, their way of writing numbers.

The stored values of a delivery are plain JSON (cents, minutes, credits of
either unit, RFC 3339 instants, ISO dates, months); the topic says which is
which, and each is written out by the conventions of the language the
template is actually in, so a reader who falls back to Italian reads Italian
numbers too. Arabic is flagged
right-to-left, for the e-mail's HTML part and the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from shared import formatting

from .templates import TEMPLATES, Template
from .topics import Kind, topic_named

FALLBACK_LANGUAGE = formatting.FALLBACK_LANGUAGE
RIGHT_TO_LEFT = frozenset({"ar"})


@dataclass(frozen=True)
class Message:
    """One topic's message, written for one reader."""

    topic: str
    language: str
    subject: str
    body: str
    sms: str

    @property
    def right_to_left(self) -> bool:
        return self.language in RIGHT_TO_LEFT


def render(topic: str, language: str, values: Mapping[str, Any], zone: ZoneInfo) -> Message:
    """The message about ``topic`` in ``language`` (or Italian), its values filled in."""
    language, template = template_for(topic, language)
    kinds = topic_named(topic).values
    written = {name: write(kinds[name], values[name], language, zone) for name in kinds}
    return Message(
        topic=topic,
        language=language,
        subject=template.subject.format(**written),
        body=template.body.format(**written),
        sms=template.sms.format(**written),
    )


def template_for(topic: str, language: str) -> tuple[str, Template]:
    """The language actually used and its template."""
    by_language = TEMPLATES[topic]
    if language in by_language:
        return language, by_language[language]
    return FALLBACK_LANGUAGE, by_language[FALLBACK_LANGUAGE]


def write(kind: Kind, value: Any, language: str, zone: ZoneInfo) -> str:
    """One stored value, written the reader's way."""
    if kind is Kind.EUROS:
        return formatting.format_euros(int(value), language)
    if kind is Kind.DURATION:
        return formatting.format_duration(int(value), language)
    if kind is Kind.CREDITS:
        return _credits(value, language)
    if kind is Kind.COUNT:
        return formatting.format_count(int(value), language)
    if kind is Kind.CLOCK_TIME:
        return formatting.format_clock_time(datetime.fromisoformat(value), language, zone)
    if kind is Kind.DATE:
        return formatting.format_date(date.fromisoformat(value), language)
    if kind is Kind.MONTH:
        year, month = (int(part) for part in value.split("-"))
        return formatting.format_month(year, month, language)
    return str(value)


def _credits(value: Mapping[str, Any], language: str) -> str:
    """FOOD credits as euros, TIME credits as hours and minutes."""
    unit, amount = value["unit"], int(value["amount"])
    if unit == "FOOD":
        return formatting.format_euros(amount, language)
    if unit == "TIME":
        return formatting.format_duration(amount, language)
    raise ValueError(f"no such unit of credits: {unit!r}")
