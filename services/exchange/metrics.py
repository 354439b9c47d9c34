"""Prometheus metrics of the exchange: what the tills are answered (named as in shared/metrics.py).

A refusal is labelled with the code the till gets in the error body
(web/errors.py), so a dashboard and a till's log speak of the same thing.
Counting is one ``Counter.inc`` after the answer is known: nothing on the
till's path waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from prometheus_client import Counter

from .domain.errors import ExchangeError, TillRefusal
from .web.errors import ERRORS

T = TypeVar("T")

PAYMENTS = Counter(
    "fabene_exchange_redemptions_total",
    "Payments at a till (FOOD redeemed, TIME spent at a shop) by outcome: ok, the code of a "
    "refusal (not_enough_credit, wrong_pin, card_locked, limit_exceeded...), replayed (a retry "
    "answered from its Idempotency-Key) or error (anything unexpected).",
    ["unit", "outcome"],
)

OK = "ok"
REPLAYED = "replayed"
ERROR = "error"


def code_of(error: ExchangeError) -> str:
    """The code the till reads in the error body for this error."""
    for error_class in type(error).__mro__:
        if error_class in ERRORS:
            return ERRORS[error_class][1]
    return ERROR


class Payment:
    """One payment being answered; knows whether its work ran or a stored answer was given."""

    def __init__(self) -> None:
        self.ran = False

    def runs(self, work: Callable[[], T]) -> Callable[[], T]:
        """``work``, noting that it ran (an answer replayed from its key never calls it)."""

        def noted() -> T:
            self.ran = True
            return work()

        return noted

    def outcome(self, error: Exception | None) -> str:
        if error is None:
            return OK if self.ran else REPLAYED
        if isinstance(error, TillRefusal) and not self.ran:
            return REPLAYED
        return code_of(error) if isinstance(error, ExchangeError) else ERROR


@contextmanager
def counted_payment(unit: str) -> Iterator[Payment]:
    """Count the payment in the block once it is answered, by outcome."""
    payment = Payment()
    try:
        yield payment
    except Exception as error:
        PAYMENTS.labels(unit, payment.outcome(error)).inc()
        raise
    PAYMENTS.labels(unit, payment.outcome(None)).inc()
