"""Message templates per topic and language; Italian first, English too.

A language without a template falls back to Italian, the programme's own.
"""

from __future__ import annotations

FALLBACK_LANGUAGE = "it"

TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "welcome": {
        "it": (
            "Benvenuti in Fa Bene",
            "La vostra iscrizione è registrata. Qui troverete i messaggi sui vostri "
            "crediti e sulle ore donate alla comunità.",
        ),
        "en": (
            "Welcome to Fa Bene",
            "Your registration is recorded. Messages about your credits and the hours "
            "you give to the community will appear here.",
        ),
    },
}


def render(topic: str, language: str, **values: str) -> tuple[str, str]:
    """The title and body of a message about ``topic`` in ``language``."""
    by_language = TEMPLATES[topic]
    title, body = by_language.get(language) or by_language[FALLBACK_LANGUAGE]
    return title.format(**values), body.format(**values)
