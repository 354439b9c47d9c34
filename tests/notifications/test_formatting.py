"""Amounts, durations, times and dates: the Italian way in Italian, the English way in English."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from shared.formatting import (
    format_clock_time,
    format_count,
    format_date,
    format_duration,
    format_euros,
    format_month,
)

ROME = ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    ("cents", "italian", "english"),
    [
        (123450, "€ 1.234,50", "€1,234.50"),
        (5, "€ 0,05", "€0.05"),
        (100, "€ 1,00", "€1.00"),
        (123456789, "€ 1.234.567,89", "€1,234,567.89"),
        (-2000, "-€ 20,00", "-€20.00"),
    ],
)
def test_euros_are_written_the_italian_and_the_english_way(cents, italian, english):
    assert format_euros(cents, "it") == italian
    assert format_euros(cents, "en") == english


def test_euros_in_french_and_spanish_put_the_sign_after():
    assert format_euros(123450, "fr") == "1\u202f234,50 €"
    assert format_euros(123450, "es") == "1.234,50 €"


@pytest.mark.parametrize(
    ("minutes", "italian", "english"),
    [
        (150, "2 ore e 30 minuti", "2 hours and 30 minutes"),
        (60, "1 ora", "1 hour"),
        (61, "1 ora e 1 minuto", "1 hour and 1 minute"),
        (45, "45 minuti", "45 minutes"),
        (0, "0 minuti", "0 minutes"),
        (1200, "20 ore", "20 hours"),
    ],
)
def test_durations_read_as_hours_and_minutes(minutes, italian, english):
    assert format_duration(minutes, "it") == italian
    assert format_duration(minutes, "en") == english


def test_times_of_day_are_local_and_in_the_languages_clock():
    summer_noon_utc = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)
    assert format_clock_time(summer_noon_utc, "it", ROME) == "14:05"
    assert format_clock_time(summer_noon_utc, "en", ROME) == "2:05 pm"
    midnight = datetime(2026, 1, 1, 23, 0, tzinfo=UTC)
    assert format_clock_time(midnight, "en", ROME) == "12:00 am"
    assert format_clock_time(midnight, "it", ROME) == "00:00"


def test_dates_and_counts():
    assert format_date(date(2026, 12, 31), "it") == "31/12/2026"
    assert format_date(date(2026, 12, 31), "en") == "31 Dec 2026"
    assert format_count(12500, "it") == "12.500"
    assert format_count(12500, "en") == "12,500"


def test_months_are_written_with_their_names():
    assert format_month(2026, 3, "it") == "marzo 2026"
    assert format_month(2026, 3, "en") == "March 2026"
    assert format_month(2026, 8, "fr") == "août 2026"
    assert format_month(2026, 12, "es") == "diciembre 2026"
    assert format_month(2026, 9, "ar") == "سبتمبر 2026"


def test_arabic_keeps_western_digits_and_its_own_words():
    assert format_euros(123450, "ar") == "1.234,50 €"
    assert format_duration(150, "ar") == "2 ساعات و 30 دقائق"
    assert format_date(date(2026, 3, 14), "ar") == "14 مارس 2026"


def test_a_language_without_conventions_of_its_own_borrows_italys():
    assert format_euros(123450, "ro") == "€ 1.234,50"
    assert format_duration(90, "sq") == "1 ora e 30 minuti"
    assert format_month(2026, 3, "ro") == "marzo 2026"
