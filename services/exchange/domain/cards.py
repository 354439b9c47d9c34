"""Card numbers as people type them."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.-]")


def normalised(typed: str) -> str:
    """The card number without the spaces or dashes it was typed with."""
    return _SEPARATORS.sub("", typed)
