"""Quiet hours: a window of local time, possibly across midnight, that ends in the morning."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from services.notifications.domain.quiet_hours import QuietHours

ROME = ZoneInfo("Europe/Rome")
NIGHT = QuietHours.parse("21:00", "08:00")


def rome(*args) -> datetime:
    return datetime(*args, tzinfo=ROME)


def test_a_window_across_midnight_holds_the_night_and_not_the_day():
    assert NIGHT.contains(time(23, 30)) and NIGHT.contains(time(3, 0))
    assert NIGHT.contains(time(21, 0)) and not NIGHT.contains(time(8, 0))
    assert not NIGHT.contains(time(12, 0))


def test_in_the_evening_the_next_allowed_moment_is_the_next_morning():
    assert NIGHT.next_allowed(rome(2026, 3, 10, 23, 0), ROME) == rome(2026, 3, 11, 8, 0)


def test_after_midnight_it_is_the_same_morning():
    assert NIGHT.next_allowed(rome(2026, 3, 11, 3, 0), ROME) == rome(2026, 3, 11, 8, 0)


def test_outside_the_window_it_is_now():
    noon = rome(2026, 3, 11, 12, 0)
    assert NIGHT.next_allowed(noon, ROME) == noon


def test_the_morning_is_local_time_across_a_change_to_summer_time():
    # 29 March 2026: clocks go forward at 02:00; 08:00 is then 06:00 UTC, not 07:00.
    morning = NIGHT.next_allowed(rome(2026, 3, 28, 22, 0), ROME)
    assert morning == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)


def test_a_daytime_window_works_too():
    siesta = QuietHours.parse("13:00", "15:00")
    assert siesta.next_allowed(rome(2026, 3, 11, 14, 0), ROME) == rome(2026, 3, 11, 15, 0)
