"""A household's pages in French and Arabic too; the staff's in Italian and English."""

from __future__ import annotations

import html
import re

import pytest

from services.exchange.web.wallet_words import WORDS as WALLET_WORDS
from services.notifications.web.pages_words import WORDS as MESSAGES_WORDS
from services.registry.web.words import WORDS as LOGIN_WORDS
from shared.auth.principal import Principal, Role
from shared.web.i18n import SHARED
from tests.support.pages import browse_as, submit, token_of
from tests.support.pages import text_of as tagless_text

HOUSEHOLD_PAGES = ["/registry/login", "/exchange/wallet", "/notifications/inbox",
                   "/notifications/preferences"]  # fmt: skip
CATALOGUE_OF = {
    "/registry/login": LOGIN_WORDS,
    "/exchange/wallet": WALLET_WORDS,
    "/notifications/inbox": MESSAGES_WORDS,
    "/notifications/preferences": MESSAGES_WORDS,
}


def text_of(page) -> str:
    return html.unescape(tagless_text(page))


def as_household(town):
    """The household's browser, logged in."""
    network_id, household_id = town.network["id"], town.household["id"]
    token = town.token(Principal(household_id, Role.CITIZEN, network_id, household_id))
    browse_as(town.running.client, token_of(token))
    return town.running.client


def a_wallet_with_movements(town):
    town.grant(10_000)
    town.allocate(2_500)
    assert town.redeem(1_200).status_code == 201


def italian_left_on(page_path: str, italian_page: str, translated_page: str, language: str):
    """The page's Italian words that the translated page still shows (a missing word)."""
    catalogues = (CATALOGUE_OF[page_path], SHARED)
    translations = " | ".join(v for c in catalogues for v in c.get(language, {}).values())

    def shows(page: str, words: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", page) is not None

    left = []
    for catalogue in catalogues:
        for words in catalogue["it"].values():
            if "{" in words or shows(translations, words):
                continue  # a template, or also part of the translation ("SMS", "E-mail")
            if shows(italian_page, words) and shows(translated_page, words):
                left.append(words)
    return left


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("path", HOUSEHOLD_PAGES)
def test_every_word_of_a_household_page_is_translated(town, path, language):
    a_wallet_with_movements(town)
    client = as_household(town) if path != "/registry/login" else town.running.client
    italian = client.get(f"{path}?lang=it")
    translated = client.get(f"{path}?lang={language}")

    assert italian.status_code == translated.status_code == 200
    assert f'<html lang="{language}"' in translated.text
    assert italian_left_on(path, text_of(italian), text_of(translated), language) == []


def test_the_wallet_reads_right_to_left_in_arabic_with_its_amounts(town):
    a_wallet_with_movements(town)
    client = as_household(town)

    page = client.get("/exchange/wallet?lang=ar")

    assert '<html lang="ar" dir="rtl">' in page.text
    text = text_of(page)
    assert "محفظتك" in text  # "your wallet"
    assert "13,00 €" in text and "مشتريات" in text  # the balance; "shopping"
    assert "fabene_lang=ar" in page.headers["Set-Cookie"]
    assert '<html lang="ar" dir="rtl">' in client.get("/notifications/inbox").text  # remembered


def test_a_phone_set_to_french_gets_the_wallet_in_french(town):
    a_wallet_with_movements(town)
    client = as_household(town)

    page = client.get("/exchange/wallet", headers={"Accept-Language": "fr-FR,fr;q=0.9"})

    assert '<html lang="fr" dir="ltr">' in page.text
    text = text_of(page)
    assert "Votre portefeuille" in text and "13,00 € Crédits courses" in text
    assert 'href="?lang=ar"' in page.text and 'href="?lang=fr"' in page.text


def test_a_refused_login_is_told_in_the_households_language(town):
    client = town.running.client
    browse_as(client, None)
    client.get("/registry/login?lang=fr")

    refused = submit(client, "/registry/login", {"email": "x@example.org", "password": "no"})

    assert refused.status_code == 401
    assert "Ces données de connexion ne sont pas correctes." in text_of(refused)


def test_the_staffs_pages_stay_in_italian_and_english(town):
    client = town.running.client
    browse_as(client, token_of(town.operator))
    client.get("/exchange/wallet?lang=fr")  # the cookie now says French

    page = client.get("/exchange/dashboard", headers={"Accept-Language": "ar"})

    assert '<html lang="it" dir="ltr">' in page.text
    assert re.findall(r'href="\?lang=(\w+)"', page.text) == ["it", "en"]
