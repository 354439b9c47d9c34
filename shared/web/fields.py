"""marshmallow fields every service's schemas use."""

from __future__ import annotations

from datetime import date

from marshmallow import ValidationError, fields, validate

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


class TrimmedString(fields.String):
    """A string with surrounding spaces removed, so "   " is empty."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def Name(**kwargs) -> TrimmedString:
    """A human-readable name: 1 to 200 characters once trimmed."""
    return TrimmedString(validate=validate.Length(min=1, max=200), **kwargs)


PHONE = validate.Regexp(r"^\+?[0-9][0-9 ().-]{5,19}$", error="Not a valid phone number.")


class Day(fields.Date):
    """A calendar day from 1900 to 9998.

    Python's dates end at year 9999: the day after the last one, the end of
    its month, or the start of 1 January of year 1 in Turin's time taken to
    UTC would not exist, and a report or a statement asked for it would fail.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(validate=_between_first_and_last_day, **kwargs)


def _between_first_and_last_day(day: date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(f"A day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}.")
