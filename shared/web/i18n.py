"""Words on the pages, in the visitor's language: Italian first, English too.

A page's language comes from ``?lang=``, then the ``fabene_lang`` cookie,
then the browser's Accept-Language, then Italian. Catalogues are plain dicts
per language; a missing word falls back to Italian, then to its key.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import g, request

LANGUAGES = ("it", "en")
DEFAULT = "it"
COOKIE = "fabene_lang"

Catalogue = Mapping[str, Mapping[str, str]]

SHARED: Catalogue = {
    "it": {
        "app_name": "Fa Bene",
        "language": "Lingua",
        "log_in": "Accedi",
        "log_out": "Esci",
        "wallet": "Portafoglio",
        "till": "Cassa",
        "dashboard": "Gestione",
        "messages": "Messaggi",
        "preferences": "Preferenze",
        "skip_to_content": "Vai al contenuto",
        "euro": "€",
        "back": "Indietro",
        "save": "Salva",
        "error": "Qualcosa non va",
        "menu": "Menu",
        "members": "Iscritti",
        "credits": "Crediti",
        "deliveries": "Invii",
        "forbidden_title": "Pagina non disponibile",
        "forbidden_text": "Con questo accesso non puoi vedere questa pagina.",
    },
    "en": {
        "app_name": "Fa Bene",
        "language": "Language",
        "log_in": "Log in",
        "log_out": "Log out",
        "wallet": "Wallet",
        "till": "Till",
        "dashboard": "Dashboard",
        "messages": "Messages",
        "preferences": "Preferences",
        "skip_to_content": "Skip to content",
        "euro": "€",
        "back": "Back",
        "save": "Save",
        "error": "Something is wrong",
        "menu": "Menu",
        "members": "Members",
        "credits": "Credits",
        "deliveries": "Deliveries",
        "forbidden_title": "Page not available",
        "forbidden_text": "This login cannot see this page.",
    },
}


def negotiate() -> str:
    """The language of this request's pages."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return best or DEFAULT


def translator(*catalogues: Catalogue):
    """A ``t(key, **values)`` for the current request, looking in each catalogue in turn."""

    def t(key: str, **values) -> str:
        language = g.get("language", DEFAULT)
        for catalogue in (*catalogues, SHARED):
            for candidate in (language, DEFAULT):
                text = catalogue.get(candidate, {}).get(key)
                if text is not None:
                    return text.format(**values) if values else text
        return key

    return t


def merge_words(*catalogues: Catalogue) -> dict[str, dict[str, str]]:
    """One catalogue from several (a service's pages each keep their own words)."""
    merged: dict[str, dict[str, str]] = {}
    for catalogue in catalogues:
        for language, words in catalogue.items():
            merged.setdefault(language, {}).update(words)
    return merged
