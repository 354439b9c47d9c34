"""Money, durations, times and dates as each language writes them.

Italian is the programme's own: "€ 1.234,50", "2 ore e 30 minuti", "14:05",
"31/12/2026". English writes "€1,234.50", "2 hours and 30 minutes",
"2:05 pm", "31 Dec 2026". A language without conventions of its own
borrows Italy's, where its speakers live; add its conventions together with
its first template that shows an amount or a duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

FALLBACK_LANGUAGE = "it"

ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@dataclass(frozen=True)
class Conventions:
    """How one language writes numbers, euros, durations, clock times and dates."""

    decimal_mark: str
    group_mark: str
    euro_pattern: str
    hour_words: tuple[str, str]
    minute_words: tuple[str, str]
    conjunction: str
    twelve_hour_clock: bool = False
    month_names: tuple[str, ...] | None = None


CONVENTIONS: dict[str, Conventions] = {
    "it": Conventions(",", ".", "€ {}", ("ora", "ore"), ("minuto", "minuti"), "e"),
    "en": Conventions(
        ".",
        ",",
        "€{}",
        ("hour", "hours"),
        ("minute", "minutes"),
        "and",
        twelve_hour_clock=True,
        month_names=ENGLISH_MONTHS,
    ),
    "fr": Conventions(",", "\u202f", "{} €", ("heure", "heures"), ("minute", "minutes"), "et"),
    "es": Conventions(",", ".", "{} €", ("hora", "horas"), ("minuto", "minutos"), "y"),
}


def conventions_for(language: str) -> Conventions:
    return CONVENTIONS.get(language) or CONVENTIONS[FALLBACK_LANGUAGE]


def format_count(number: int, language: str) -> str:
    """A whole number with the language's thousands separator: 1.234 or 1,234."""
    digits = f"{abs(number):,}".replace(",", conventions_for(language).group_mark)
    return f"-{digits}" if number < 0 else digits


def format_euros(cents: int, language: str) -> str:
    """An amount of euro cents: "€ 1.234,50" in Italian, "€1,234.50" in English."""
    conventions = conventions_for(language)
    euros, rest = divmod(abs(cents), 100)
    amount = f"{format_count(euros, language)}{conventions.decimal_mark}{rest:02d}"
    written = conventions.euro_pattern.format(amount)
    return f"-{written}" if cents < 0 else written


def format_duration(minutes: int, language: str) -> str:
    """Minutes as hours and minutes: "2 ore e 30 minuti", "1 hour", "45 minutes"."""
    conventions = conventions_for(language)
    hours, rest = divmod(abs(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{format_count(hours, language)} {_plural(conventions.hour_words, hours)}")
    if rest or not hours:
        parts.append(f"{rest} {_plural(conventions.minute_words, rest)}")
    return f" {conventions.conjunction} ".join(parts)


def format_clock_time(moment: datetime, language: str, zone: ZoneInfo) -> str:
    """The local time of day: "14:05" in Italian, "2:05 pm" in English."""
    local = moment.astimezone(zone)
    if not conventions_for(language).twelve_hour_clock:
        return f"{local.hour:02d}:{local.minute:02d}"
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def format_date(day: date, language: str) -> str:
    """A calendar date: "31/12/2026" in Italian, "31 Dec 2026" in English."""
    months = conventions_for(language).month_names
    if months:
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _plural(words: tuple[str, str], count: int) -> str:
    return words[0] if count == 1 else words[1]
