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


# The longest each kind of value is written, to measure the texts by.
SAMPLES = {
    Kind.TEXT: "482913",
    Kind.EUROS: 123450,
    Kind.DURATION: 12 * 60 + 30,
    Kind.CREDITS: {"unit": "TIME", "amount": 12 * 60 + 30},
    Kind.CLOCK_TIME: CODE["expires_at"],
    Kind.DATE: "2026-12-31",
    Kind.MONTH: "2026-09",
    Kind.COUNT: 1234,
}


def samples_of(topic: str) -> dict:
    return {name: SAMPLES[kind] for name, kind in topics.TOPICS[topic].values.items()}


@pytest.mark.parametrize("topic", sorted(topics.TOPICS))
def test_a_latin_script_sms_fits_in_one_message(topic):
    for language in templates.TEMPLATES[topic].keys() - {"ar"}:
        assert len(render(topic, language, samples_of(topic), ROME).sms) <= 160, language


@pytest.mark.parametrize("topic", sorted(topics.TOPICS))
def test_every_topic_is_written_in_french_and_arabic_too(topic):
    assert set(templates.TEMPLATES[topic]) == {"it", "en", "fr", "ar"}
    for language in ("fr", "ar"):
        message = render(topic, language, samples_of(topic), ROME)
        assert message.language == language and "{" not in message.body


def test_a_new_topic_is_added_with_entries_only(monkeypatch):
    monkeypatch.setitem(
        topics.TOPICS,
        "hours_celebrated",
        Topic(
            "hours_celebrated",
            channels=frozenset(Channel),
            values={"amount": Kind.EUROS, "hours": Kind.DURATION},
        ),
    )
    monkeypatch.setitem(
        templates.TEMPLATES,
        "hours_celebrated",
        {
            "it": Template("Crediti", "Avete ricevuto {amount} per {hours}.", "{amount}"),
            "en": Template("Credits", "You received {amount} for {hours}.", "{amount}"),
        },
    )
    values = {"amount": 123450, "hours": 150}
    assert (
        render("hours_celebrated", "it", values, ROME).body
        == "Avete ricevuto € 1.234,50 per 2 ore e 30 minuti."
    )
    assert (
        render("hours_celebrated", "en", values, ROME).body
        == "You received €1,234.50 for 2 hours and 30 minutes."
    )


def test_credits_are_written_as_euros_or_as_hours_by_their_unit():
    food = render("credits_returned", "it", {"amount": {"unit": "FOOD", "amount": 1250}}, ROME)
    time = render("credits_returned", "en", {"amount": {"unit": "TIME", "amount": 90}}, ROME)
    assert food.subject == "Crediti restituiti: € 12,50"
    assert time.subject == "Credits returned: 1 hour and 30 minutes"


def test_a_month_is_written_with_its_name():
    values = {"month": "2026-03", "given": 600, "agreed": 1200}
    assert (
        "marzo 2026 e confermate: 10 ore" in render("monthly_reciprocity", "it", values, ROME).body
    )
    assert (
        "in March 2026 and confirmed: 10 hours"
        in render("monthly_reciprocity", "en", values, ROME).body
    )
    assert "mars 2026" in render("monthly_reciprocity", "fr", values, ROME).sms
    assert "مارس 2026" in render("monthly_reciprocity", "ar", values, ROME).sms


@pytest.mark.parametrize(
    ("topic", "says"),
    [
        ("credits_allocated", "potete spenderli"),
        ("purchase_receipt", "chiamate subito lo sportello"),
        ("credits_returned", "portafoglio"),
        ("credits_corrected", "sportello"),
        ("credits_expiring", "spendeteli prima"),
        ("credits_expired", "sportello"),
        ("balance_low", "parlatene con lo sportello"),
        ("card_locked", "nuovo pin nel vostro portafoglio"),
        ("hours_to_confirm", "confermatela o respingetela"),
        ("hours_confirmed", "educatore"),
        ("hours_rejected", "parlatene con il vostro educatore"),
        ("time_received", "usarli nei negozi"),
        ("time_receipt", "chiamate subito lo sportello"),
        ("daily_takings", "scrivete all'operatore"),
        ("monthly_reciprocity", "parlatene con il vostro educatore"),
    ],
)
def test_each_message_says_what_to_do_next(topic, says):
    assert says in render(topic, "it", samples_of(topic), ROME).body.lower()
