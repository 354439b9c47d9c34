"""The notifications service's errors; web/errors.py maps each to HTTP."""


class NotificationsError(Exception):
    """Base of every notifications error."""


class NotFound(NotificationsError):
    """The object does not exist, or the caller may not know it does."""
