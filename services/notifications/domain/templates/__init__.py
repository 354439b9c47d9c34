"""What each topic says, per language: Italian first, English too, more for migrant families.

Each template has a subject (the e-mail's subject, the inbox title), a body
(the e-mail and the inbox message) and the short text of an SMS (one SMS:
keep it under 160 characters). ``{name}`` stands for a value of the topic,
already written the reader's way. Every message says what to do next. A
language missing here falls back to Italian; ``rendering.py`` does the
choosing. The French and Arabic texts want a native speaker's review before
they go out to members.

The texts live by subject: the member's access, their card included
(``access.py``), FOOD credits (``food.py``), TIME credits (``hours.py``) and
the digests (``digests.py``).
"""

from __future__ import annotations

from .access import ACCESS
from .digests import DIGESTS
from .food import FOOD
from .hours import HOURS
from .template import Template

__all__ = ["TEMPLATES", "Template"]

TEMPLATES: dict[str, dict[str, Template]] = {**ACCESS, **FOOD, **HOURS, **DIGESTS}
