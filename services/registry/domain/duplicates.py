"""Is this new member someone already registered? Likely, when a network has
someone with the same phone, the same e-mail, or the same name and birth year.

Names are compared without case, accents or extra spaces; phones by their
digits, without the Italian country code.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_DIGITS = re.compile(r"\D")


def normalise_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = _NOT_DIGITS.sub("", phone)
    for prefix in ("0039", "39"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
            return digits[len(prefix) :]
    return digits


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.casefold().split())


def normalise_email(email: str | None) -> str | None:
    return email.strip().lower() if email else None
