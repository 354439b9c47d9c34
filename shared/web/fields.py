"""marshmallow fields every service's schemas use."""

from __future__ import annotations

from marshmallow import fields, validate


class TrimmedString(fields.String):
    """A string with surrounding spaces removed, so "   " is empty."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def Name(**kwargs) -> TrimmedString:
    """A human-readable name: 1 to 200 characters once trimmed."""
    return TrimmedString(validate=validate.Length(min=1, max=200), **kwargs)


PHONE = validate.Regexp(r"^\+?[0-9][0-9 ().-]{5,19}$", error="Not a valid phone number.")
