"""The registry's errors; web/errors.py maps each to an HTTP status and code."""

from __future__ import annotations

from typing import Any


class RegistryError(Exception):
    """Base of every registry error; ``details`` travel in the error body."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.details = details


class NotFound(RegistryError):
    """The object does not exist, or the caller may not know it does."""


class UnknownReference(RegistryError):
    """A request names a network, market, educator... that does not exist here."""


class DuplicateNetwork(RegistryError):
    """A network with this name exists already."""


class LikelyDuplicates(RegistryError):
    """The new member looks like one already registered; confirm to go ahead."""


class InvalidTransition(RegistryError):
    """A member cannot move from its status to the one asked for."""


class NotAllowedForKind(RegistryError):
    """What was asked does not apply to this kind of member."""


class ContractLimitExceeded(RegistryError):
    """More hours a month than a contract may ask without an operator's override."""


class CardNotActive(RegistryError):
    """The card is blocked already."""


class InvalidCredentials(RegistryError):
    """The login was refused."""


class LoginCoolingDown(RegistryError):
    """Failed logins in a row: wait a little before trying again."""

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message, {"retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds


class AccountLocked(RegistryError):
    """Too many failed logins: the login is locked for a while."""


class EmailTaken(RegistryError):
    """Another login uses this e-mail address."""


class InvalidImport(RegistryError):
    """A file to import has rows that cannot be imported."""


class InvalidPairingCode(RegistryError):
    """A till's pairing code is wrong, expired or used already."""


class PairingPaused(RegistryError):
    """Too many wrong pairing codes lately: pairing waits a little."""

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message, {"retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds
