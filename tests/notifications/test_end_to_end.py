"""End to end: a member registered over HTTP hears from the programme by e-mail, SMS and inbox.

The whole system runs in this process with its workers; the notifications
worker's dispatcher sends to a real SMTP server and to the fake SMS provider.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.domain.model import Recipient
from shared.messaging.envelope import Envelope
from tests.support.broker import publish_envelope
from tests.support.system import eventually, running_system


@pytest.fixture
def running(notifying_settings):
    with running_system(notifying_settings) as running:
        yield running


def test_a_member_registered_over_http_is_welcomed_by_email_sms_and_inbox_in_english(
    running, smtp_server, sms_gateway
):
    admin = running.admin_headers()
    network = running.create_network(admin)
    member = running.register_member(
        admin,
        network["id"],
        display_name="Famiglia Okafor",
        email="okafor@example.org",
        phone="+393339876543",
        language="en",
    )

    [mail] = eventually(lambda: smtp_server.to("okafor@example.org"))
    assert mail.message["Subject"] == "Welcome to Fa Bene"
    assert mail.message["To"] == "Famiglia Okafor <okafor@example.org>"
    assert mail.message["Content-Language"] == "en"
    [text] = eventually(lambda: sms_gateway.texts_to("+393339876543"))
    assert text.startswith("Fa Bene: welcome!")
    inbox = eventually(lambda: running.inbox(admin, member["id"]).json.get("items"))
    assert [(m["title"], m["language"]) for m in inbox] == [("Welcome to Fa Bene", "en")]


def test_a_login_code_is_texted_at_once_and_never_reaches_the_inbox(
    running, notifying_settings, sms_gateway
):
    admin = running.admin_headers()
    network = running.create_network(admin)
    member = running.register_member(admin, network["id"], phone="+393331112222", language="it")
    eventually(lambda: sms_gateway.texts_to("+393331112222"))  # the welcome
    publish_envelope(
        notifying_settings,
        Envelope.new(
            "registry.login.code_requested",
            {
                "member_id": member["id"],
                "network_id": network["id"],
                "code": "739104",
                "channel": "sms",
                "expires_at": (datetime.now(UTC) + timedelta(minutes=5)).isoformat(),
            },
            producer="registry",
        ),
    )
    texts = eventually(lambda: [t for t in sms_gateway.texts_to("+393331112222") if "739104" in t])
    assert texts[0].startswith("Fa Bene: il vostro codice di accesso è 739104.")
    inbox = running.inbox(admin, member["id"]).json["items"]
    assert all("739104" not in message["body"] for message in inbox)


def test_an_erased_member_is_forgotten_by_notifications(running, notifying_settings):
    admin = running.admin_headers()
    network = running.create_network(admin)
    member = running.register_member(admin, network["id"], email="erase@example.org")
    notifications = running.services["notifications"]
    eventually(lambda: running.inbox(admin, member["id"]).json.get("items"))
    publish_envelope(
        notifying_settings,
        Envelope.new(
            "registry.member.erased",
            {"member_id": member["id"], "network_id": network["id"]},
            producer="registry",
        ),
    )

    def recipient():
        with notifications.database.session() as session:
            return session.get(Recipient, member["id"])

    erased = eventually(recipient, predicate=lambda seen: seen.is_erased)
    assert (erased.display_name, erased.email, erased.phone) == (None, None, None)
    assert running.inbox(admin, member["id"]).json["items"] == []
