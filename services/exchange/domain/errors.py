"""The exchange's errors; web/errors.py maps each to an HTTP status and code.

A ``TillRefusal`` is an answer a till may get for a redemption or donation:
it is stored under the request's Idempotency-Key like a success, so a retry
gets the same answer.
"""

from __future__ import annotations

from typing import Any


class ExchangeError(Exception):
    """Base of every exchange error; ``details`` travel in the error body."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.details = details


class NotFound(ExchangeError):
    """The object does not exist, or the caller may not know it does."""


class UnbalancedTransaction(ExchangeError):
    """Postings that do not add up: a bug, never the caller's input."""


class NotAllowed(ExchangeError):
    """What was asked does not apply here (a shop that takes no TIME, a refund too big...)."""


class AlreadyAllocated(ExchangeError):
    """This household had its entitlement for this cycle already."""


class IdempotencyKeyRequired(ExchangeError):
    """A write from a till or client must carry an Idempotency-Key."""


class IdempotencyKeyReused(ExchangeError):
    """The same Idempotency-Key came with a different request."""


class TillRefusal(ExchangeError):
    """A till's request refused for a reason the person at the till can act on."""


class InsufficientCredit(TillRefusal):
    """Not enough credit on the account."""


class UnknownCard(TillRefusal):
    """No card with this number in this network."""


class CardBlocked(TillRefusal):
    """The card was blocked (lost, replaced...)."""


class PinNotSet(TillRefusal):
    """The card has no PIN yet."""


class WrongPin(TillRefusal):
    """The PIN does not match; ``attempts_left`` says how many tries remain."""


class CardLocked(TillRefusal):
    """Too many wrong PINs: the card is locked until its PIN is set again."""


class MemberCannotSpend(TillRefusal):
    """The household is not active (pending, suspended or exited)."""


class LimitExceeded(TillRefusal):
    """A limit of the network (per redemption, per card and day, per shop and day)."""
