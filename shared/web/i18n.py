"""Words on the pages, in the visitor's language: Italian first, English too.

The pages a household uses (logging in, the wallet, its messages and their
preferences) also speak French and Arabic, the languages its messages are
written in: a family with little Italian reads them in its own, right to
left in Arabic. The staff's pages are in Italian and English.

A page's language comes from ``?lang=``, then the ``fabene_lang`` cookie,
then the browser's Accept-Language, then Italian, among the languages that
page offers. Catalogues are plain dicts per language; a missing word falls
back to Italian, then to its key.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import g, request

LANGUAGES = ("it", "en")  # every page's
HOUSEHOLD_LANGUAGES = ("it", "en", "fr", "ar")  # the pages a household uses
RIGHT_TO_LEFT = frozenset({"ar"})
NATIVE_NAMES = {"it": "Italiano", "en": "English", "fr": "Français", "ar": "العربية"}
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
    # Only the words of the pages a household uses (HOUSEHOLD_LANGUAGES).
    "fr": {
        "app_name": "Fa Bene",
        "language": "Langue",
        "log_in": "Se connecter",
        "log_out": "Se déconnecter",
        "wallet": "Portefeuille",
        "messages": "Messages",
        "preferences": "Préférences",
        "skip_to_content": "Aller au contenu",
        "euro": "€",
        "back": "Retour",
        "save": "Enregistrer",
        "error": "Quelque chose ne va pas",
        "menu": "Menu",
        "forbidden_title": "Page non disponible",
        "forbidden_text": "Avec cet accès, vous ne pouvez pas voir cette page.",
    },
    "ar": {
        "app_name": "Fa Bene",
        "language": "اللغة",
        "log_in": "تسجيل الدخول",
        "log_out": "تسجيل الخروج",
        "wallet": "المحفظة",
        "messages": "الرسائل",
        "preferences": "التفضيلات",
        "skip_to_content": "انتقل إلى المحتوى",
        "euro": "€",
        "back": "رجوع",
        "save": "حفظ",
        "error": "هناك خطأ ما",
        "menu": "القائمة",
        "forbidden_title": "الصفحة غير متاحة",
        "forbidden_text": "لا يمكنك رؤية هذه الصفحة بهذا الحساب.",
    },
}


def for_households(view):
    """Mark a page a household uses: it is offered in ``HOUSEHOLD_LANGUAGES``."""
    view.languages = HOUSEHOLD_LANGUAGES
    return view


def languages_of(view) -> tuple[str, ...]:
    """The languages a page's view offers (a guard made with functools.wraps keeps them)."""
    return getattr(view, "languages", LANGUAGES)


def negotiate(offered: tuple[str, ...] = LANGUAGES) -> str:
    """The language of this request's page, among those it offers."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in offered:
        return asked
    best = request.accept_languages.best_match(offered)
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
