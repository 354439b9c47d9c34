"""Templates per topic and language: the right words, the reader's numbers, the direction."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain import templates, topics
from services.notifications.domain.channels import Channel
from services.notifications.domain.rendering import render
from services.notifications.domain.templates import Template
from services.notifications.domain.topics import Kind, Topic

ROME = ZoneInfo("Europe/Rome")
CODE = {"code": "482913", "expires_at": datetime(2026, 7, 1, 12, 5, tzinfo=UTC).isoformat()}


def test_a_login_code_names_the_code_the_deadline_and_what_to_do_next():
    italian = render("login_code", "it", CODE, ROME)
    english = render("login_code", "en", CODE, ROME)
    assert "482913" in italian.sms and "14:05" in italian.sms
    assert "pagina di accesso" in italian.body
    assert "482913" in english.body and "2:05 pm" in english.body
    assert "login page" in english.sms
    assert english.subject == "Your Fa Bene login code"


def test_a_language_without_the_template_falls_back_to_italian():
    message = render("welcome", "ro", {}, ROME)
    assert message.language == "it"
    assert message.subject == "Benvenuti in Fa Bene"
    assert not message.right_to_left


def test_arabic_is_flagged_right_to_left():
    message = render("login_code", "ar", CODE, ROME)
    assert message.language == "ar"
    assert message.right_to_left
    assert "482913" in message.sms
    assert not render("welcome", "en", {}, ROME).right_to_left


@pytest.mark.parametrize("topic", sorted(topics.TOPICS))
def test_every_topic_is_written_in_italian_and_english_with_exactly_its_values(topic):
    assert {"it", "en"} <= set(templates.TEMPLATES[topic])
    values = dict.fromkeys(topics.TOPICS[topic].values, "x")
    for template in templates.TEMPLATES[topic].values():
        for text in (template.subject, template.body, template.sms):
            text.format(**values)  # a placeholder the topic does not declare raises KeyError


def test_a_latin_script_sms_fits_in_one_message():
    for topic, by_language in templates.TEMPLATES.items():
        for language in by_language.keys() - {"ar"}:
            values = {"code": "482913", "expires_at": CODE["expires_at"]}
            assert len(render(topic, language, values, ROME).sms) <= 160, (topic, language)


def test_a_new_topic_is_added_with_entries_only(monkeypatch):
    monkeypatch.setitem(
        topics.TOPICS,
        "credits_allocated",
        Topic(
            "credits_allocated",
            channels=frozenset(Channel),
            values={"amount": Kind.EUROS, "hours": Kind.DURATION},
        ),
    )
    monkeypatch.setitem(
        templates.TEMPLATES,
        "credits_allocated",
        {
            "it": Template("Crediti", "Avete ricevuto {amount} per {hours}.", "{amount}"),
            "en": Template("Credits", "You received {amount} for {hours}.", "{amount}"),
        },
    )
    values = {"amount": 123450, "hours": 150}
    assert (
        render("credits_allocated", "it", values, ROME).body
        == "Avete ricevuto € 1.234,50 per 2 ore e 30 minuti."
    )
    assert (
        render("credits_allocated", "en", values, ROME).body
        == "You received €1,234.50 for 2 hours and 30 minutes."
    )
