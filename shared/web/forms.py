"""What people type into the pages' forms, read the way they meant it."""

from __future__ import annotations

import re
import secrets

# 25 · 25,5 · 25.50 · 1.234,50 · 1,234.50; thousands only before the cents, since
# "25.000" could be twenty-five euros or twenty-five thousand.
_EUROS = re.compile(
    r"^(?P<whole>\d+|\d{1,3}(?:\.\d{3})+(?=,)|\d{1,3}(?:,\d{3})+(?=\.))(?:[.,](?P<cents>\d{1,2}))?$"
)


def cents_from_euros(typed: str) -> int | None:
    """Euro cents from an amount typed in euros ("12", "12,50", "€ 1.234,50"); None if not one."""
    match = _EUROS.match(typed.replace("€", "").replace(" ", "").strip())
    if match is None:
        return None
    whole = int(re.sub(r"[.,]", "", match["whole"]))
    return whole * 100 + int((match["cents"] or "0").ljust(2, "0"))


def new_form_key() -> str:
    """A fresh idempotency key for one form as drawn: posting it again is the same request."""
    return secrets.token_urlsafe(18)
