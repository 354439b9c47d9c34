"""Money, durations, times, dates and months as each language writes them.

Italian is the programme's own: "€ 1.234,50", "2 ore e 30 minuti", "14:05",
"31/12/2026", "marzo 2026". English writes "€1,234.50", "2 hours and 30
minutes", "2:05 pm", "31 Dec 2026", "March 2026". A language without
conventions of its own borrows Italy's, where its speakers live; add its
conventions together with its first template that shows an amount or a
duration. Arabic keeps Western digits, as the Maghreb writes them, and only
a singular and a plural for hours and minutes (its dual and its plural of
three to ten await a native speaker's review).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

FALLBACK_LANGUAGE = "it"

MONTH_NAMES = {
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
    "novembre dicembre",
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


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
    month_names: tuple[str, ...] | None = None  # in dates; None: 31/12/2026
    full_month_names: tuple[str, ...] = ()  # in "marzo 2026"; empty: 03/2026


def _months(language: str) -> tuple[str, ...]:
    return tuple(MONTH_NAMES[language].split())


ENGLISH_MONTHS = tuple(name[:3] for name in _months("en"))


CONVENTIONS: dict[str, Conventions] = {
    "it": Conventions(
        ",", ".", "€ {}", ("ora", "ore"), ("minuto", "minuti"), "e", full_month_names=_months("it")
    ),
    "en": Conventions(
        ".",
        ",",
        "€{}",
        ("hour", "hours"),
        ("minute", "minutes"),
        "and",
        twelve_hour_clock=True,
        month_names=ENGLISH_MONTHS,
        full_month_names=_months("en"),
    ),
    "fr": Conventions(
        ",",
        "\u202f",
        "{} €",
        ("heure", "heures"),
        ("minute", "minutes"),
        "et",
        full_month_names=_months("fr"),
    ),
    "es": Conventions(
        ",",
        ".",
        "{} €",
        ("hora", "horas"),
        ("minuto", "minutos"),
        "y",
        full_month_names=_months("es"),
    ),
    "ar": Conventions(
        ",",
        ".",
        "{} €",
        ("ساعة", "ساعات"),
        ("دقيقة", "دقائق"),
        "و",
        month_names=_months("ar"),
        full_month_names=_months("ar"),
    ),
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


def format_month(year: int, month: int, language: str) -> str:
    """A calendar month: "marzo 2026" in Italian, "March 2026" in English."""
    names = conventions_for(language).full_month_names
    return f"{names[month - 1]} {year}" if names else f"{month:02d}/{year}"


def _plural(words: tuple[str, str], count: int) -> str:
    return words[0] if count == 1 else words[1]
