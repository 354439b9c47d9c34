"""The ``Idempotency-Key`` header every money-moving write must carry."""

from __future__ import annotations

import re

from flask import request

from shared.web.auth import current_principal

from ..domain.errors import IdempotencyKeyRequired
from ..domain.idempotency import IdempotentRequest

HEADER = "Idempotency-Key"
ACCEPTABLE_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")


def idempotent_request(operation: str, **parts) -> IdempotentRequest:
    """This request's identity for retries: its caller, its key, and what it asks."""
    key = request.headers.get(HEADER, "")
    if not ACCEPTABLE_KEY.match(key):
        raise IdempotencyKeyRequired(
            "send an Idempotency-Key header (8 to 200 printable characters, "
            "a new one for each new payment, the same one when retrying it)"
        )
    return IdempotentRequest.of(current_principal().subject, key, operation, **parts)


IDEMPOTENCY_DOC = {
    "parameters": [
        {
            "in": "header",
            "name": HEADER,
            "required": True,
            "schema": {"type": "string", "minLength": 8, "maxLength": 200},
            "description": "The same key when retrying; a retry gets the first answer.",
        }
    ]
}
