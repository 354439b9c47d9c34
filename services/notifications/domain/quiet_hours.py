"""Quiet hours: the part of the night a member's phone should stay silent.

A window of local clock times, e.g. 21:00 to 08:00, that may cross
midnight. An SMS due inside it waits until it ends (the morning), unless its
topic is urgent (a login code the member is waiting for). Times are the
programme's local time (Europe/Rome), so the window follows daylight saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def parse_clock(text: str) -> time:
    """``"21:00"`` as a time of day; ValueError unless HH:MM."""
    hours, _, minutes = text.partition(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(f"not a time of day as HH:MM: {text!r}")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    @classmethod
    def parse(cls, start: str, end: str) -> QuietHours:
        return cls(parse_clock(start), parse_clock(end))

    def contains(self, clock: time) -> bool:
        """True when the time of day falls inside the window."""
        if self.start <= self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end

    def next_allowed(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """``moment`` itself outside the window; otherwise the window's end, in UTC."""
        local = moment.astimezone(zone)
        if not self.contains(local.time().replace(second=0, microsecond=0)):
            return moment
        day = local.date() if local.time() < self.end else local.date() + timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=zone).astimezone(UTC)

    def as_text(self) -> tuple[str, str]:
        return self.start.strftime("%H:%M"), self.end.strftime("%H:%M")
