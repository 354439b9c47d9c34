"""Till PINs: four to six digits, kept as a keyed hash, never an easy one.

A PIN is checked on every redemption, so it needs a fast hash; what makes it
safe is the server-side key (the pepper, ``FABENE_PIN_PEPPER``), the card id
mixed in (two cards with one PIN do not look alike), and the lock after five
wrong tries.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from .errors import NotAllowed

_PIN = re.compile(r"^\d{4,6}$")
_EASY = {"1234", "12345", "123456", "4321", "654321", "1212", "2580", "0852"}


class PinHasher:
    def __init__(self, pepper: bytes) -> None:
        self._pepper = pepper

    def hash(self, card_id: str, pin: str) -> str:
        return hmac.new(self._pepper, f"{card_id}:{pin}".encode(), hashlib.sha256).hexdigest()


def check_acceptable_pin(pin: str) -> None:
    """Refuse a PIN anyone would try first."""
    if not _PIN.match(pin):
        raise NotAllowed("a PIN is 4 to 6 digits")
    if len(set(pin)) == 1 or pin in _EASY:
        raise NotAllowed("this PIN is too easy to guess: choose another")
