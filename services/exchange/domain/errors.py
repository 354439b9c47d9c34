"""The exchange's errors; web/errors.py maps each to an HTTP status and code."""


class ExchangeError(Exception):
    """Base of every exchange error."""


class NotFound(ExchangeError):
    """The object does not exist, or the caller may not know it does."""
