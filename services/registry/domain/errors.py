"""The registry's errors; web/errors.py maps each to an HTTP status and code."""


class RegistryError(Exception):
    """Base of every registry error."""


class NotFound(RegistryError):
    """The object does not exist, or the caller may not know it does."""


class UnknownNetwork(RegistryError):
    """A request names a network that does not exist."""


class DuplicateNetwork(RegistryError):
    """A network with this name exists already."""


class InvalidCredentials(RegistryError):
    """The login was refused."""


class AccountLocked(RegistryError):
    """Too many failed logins: the login is locked for a while."""
