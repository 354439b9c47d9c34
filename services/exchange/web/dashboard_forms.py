"""What the operator types into the dashboard's forms, read the way they meant it.

Amounts are typed in euros, as people write them: "25", "25,50", "25.50",
"1.234,50". A money-moving form carries an idempotency key made when the
page was drawn, so posting the same form twice (a double click, a reload)
moves the credits once: the second post gets the first one's answer.
"""

from __future__ import annotations

from flask import request
from marshmallow import ValidationError

from shared.auth.principal import PermissionDenied
from shared.web import forms
from shared.web.pages import page_principal, refusal_text, words

from ..domain.errors import ExchangeError, IdempotencyKeyRequired
from ..domain.idempotency import IdempotentRequest
from .errors import ERRORS
from .idempotency import ACCEPTABLE_KEY
from .schemas import CENTS


class InvalidForm(Exception):
    """A form that cannot be read; ``key`` names the words that say what to mend."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


REFUSED = (ExchangeError, PermissionDenied, InvalidForm)


def cents_from_euros(typed: str) -> int:
    """Euro cents from an amount typed in euros; InvalidForm if it is not one."""
    cents = forms.cents_from_euros(typed)
    if cents is None:
        raise InvalidForm("dashboard_invalid_amount")
    try:
        CENTS(cents)
    except ValidationError:
        raise InvalidForm("dashboard_invalid_amount") from None
    return cents


def form_request(operation: str, **parts) -> IdempotentRequest:
    """This form's identity for a retry: who posted it, its key, and what it asks."""
    key = request.form.get("idempotency_key", "")
    if not ACCEPTABLE_KEY.match(key):
        raise IdempotencyKeyRequired("the form has no idempotency key: reload the page")
    return IdempotentRequest.of(page_principal().subject, key, operation, **parts)


def refusal(error: Exception, not_allowed: str | None = None) -> tuple[list, int]:
    """The notice that tells the operator why, and the page's status.

    ``not_allowed`` names the words for this form's one way of being
    ``not_allowed`` (the service says those in English only).
    """
    t = words()
    if isinstance(error, InvalidForm):
        return [("error", t(error.key))], 422
    if isinstance(error, PermissionDenied):
        status, code = 403, "forbidden"
    elif type(error) in ERRORS:
        status, code = ERRORS[type(error)]
    else:  # not a refusal but a fault: the error page, and the log
        raise error
    key = not_allowed if code == "not_allowed" and not_allowed else f"dashboard_refused_{code}"
    text = t(key)
    return [("error", text if text != key else refusal_text(error, ERRORS, t))], status
