"""What the till says when a payment is refused: in words, money in euros, the limit named."""

from __future__ import annotations

from collections.abc import Callable

from shared.web.pages import refusal_text

from ..domain.errors import LimitExceeded
from .errors import ERRORS

# Details the domain gives in euro cents; "value" is cents too, except for a count of visits.
_CENTS = {"balance", "requested", "left_today", "value"}
_COUNTS = {"visits_per_day"}


def refusal_status(error: Exception) -> int:
    """The HTTP status of a refusal, as the API answers it."""
    return ERRORS.get(type(error), (400, ""))[0]


def refusal_words(error: Exception, t: Callable[..., str], euros: Callable[[int], str]) -> str:
    """The catalogue's words for a refused payment."""
    details = getattr(error, "details", None) or {}
    limit = details.get("limit")
    shown = {
        name: euros(value) if name in _CENTS and limit not in _COUNTS else value
        for name, value in details.items()
    }
    if isinstance(error, LimitExceeded):
        named = t(f"refused_limit_{limit}", **shown)
        return t("refused_limit_exceeded") if named == f"refused_limit_{limit}" else named
    return refusal_text(error, ERRORS, lambda key, **_: t(key, **shown))
