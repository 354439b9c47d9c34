"""The notifications service's errors; web/errors.py maps each to HTTP."""


class NotificationsError(Exception):
    """Base of every notifications error."""


class NotFound(NotificationsError):
    """The object does not exist, or the caller may not know it does."""


class CannotRequeue(NotificationsError):
    """Only a given-up delivery whose values are still kept can be tried again."""
