"""The programme's days: limits, takings and expiry count in Italian days, not UTC's."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PROGRAMME_TIMEZONE = ZoneInfo("Europe/Rome")


def local_day(moment: datetime | None = None) -> date:
    """The date in Turin at ``moment`` (now by default)."""
    return (moment or datetime.now(PROGRAMME_TIMEZONE)).astimezone(PROGRAMME_TIMEZONE).date()
