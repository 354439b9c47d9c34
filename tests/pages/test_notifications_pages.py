"""The notifications pages: a member's messages and preferences, and the operators' view of
deliveries and dead letters."""

from __future__ import annotations

import html
import re
import uuid

import pytest
from kombu import Connection

from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from shared.messaging.topology import ServiceQueues, dead_letter_queue
from tests.support.pages import browse_as, submit, token_of
from tests.support.pages import text_of as tagless_text
from tests.support.sms_gateway import TOKEN, FakeSmsGateway
from tests.support.system import eventually

INBOX, PREFERENCES, DASHBOARD = (
    "/notifications/inbox",
    "/notifications/preferences",
    "/notifications/dashboard",
)


@pytest.fixture
def sms_gateway():
    gateway = FakeSmsGateway()
    yield gateway
    gateway.close()


@pytest.fixture
def settings(settings, sms_gateway):
    """SMS go to a fake provider the test scripts, at any hour."""
    return settings.with_overrides(
        sms_provider="http",
        sms_gateway_url=sms_gateway.url,
        sms_gateway_token=TOKEN,
        sms_timeout_seconds=0.5,
        dispatch_idle_seconds=0.02,
        quiet_hours_start="",
        quiet_hours_end="",
    )


def text_of(page) -> str:
    return html.unescape(tagless_text(page))


def as_household(town) -> None:
    member_id, network_id = town.household["id"], town.network["id"]
    citizen = Principal(member_id, Role.CITIZEN, network_id, member_id)
    browse_as(town.running.client, token_of(town.token(citizen)))


def test_a_citizen_reads_the_receipt_of_a_purchase_and_marks_it_read(town):
    town.grant(10_000)
    town.allocate(3_000)
    assert town.redeem(1_200).status_code == 201
    as_household(town)
    client = town.running.client

    page = eventually(lambda: client.get(INBOX), predicate=lambda p: "Ricevuta" in p.text)
    text = text_of(page)
    assert page.status_code == 200
    assert text.index("Ricevuta: spesa di € 12,00") < text.index("Nuovi crediti spesa")
    receipt = re.search(r'id="message-([0-9a-f-]+)"[^>]*>\s*<h2><span class="badge"', page.text)
    assert receipt, "the newest message is marked unread"

    read = submit(client, f"{INBOX}/{receipt.group(1)}/read", {"page": "1"})
    assert read.status_code == 302
    after = client.get(INBOX).get_data(as_text=True)
    assert f'class="card message read" id="message-{receipt.group(1)}"' in after
    api = town.running.inbox(town.operator, town.household["id"]).json
    receipts = [m for m in api["items"] if m["topic"] == "purchase_receipt"]
    assert [m["read_at"] is not None for m in receipts] == [True]
    assert submit(client, f"{INBOX}/{uuid.uuid4()}/read").status_code == 404


def test_preferences_change_the_language_of_the_messages_and_of_the_pages(town):
    as_household(town)
    client = town.running.client
    eventually(lambda: client.get(PREFERENCES).status_code == 200)
    form = client.get(PREFERENCES)
    assert "Come ti scriviamo" in text_of(form)
    assert 'value="ar" lang="ar"' in form.text and 'value="fr" lang="fr"' in form.text

    choice = {
        "channels": ["inbox", "email"],
        "language": "en",
        "quiet_start": "22:00",
        "quiet_end": "07:30",
        "muted_topics": ["welcome"],
    }
    saved = submit(client, PREFERENCES, choice)
    assert saved.status_code == 200
    assert "Preferences saved." in text_of(saved) and "How we write to you" in text_of(saved)
    assert "fabene_lang=en" in saved.headers["Set-Cookie"]
    applied = town.running.client.get(
        f"/notifications/api/v1/members/{town.household['id']}/preferences",
        headers=town.operator,
    ).json
    assert (applied["language"], applied["channels"]) == ("en", ["email", "inbox"])
    assert applied["quiet_hours"] == {"start": "22:00", "end": "07:30"}

    town.grant(5_000)
    town.allocate(2_000)
    page = eventually(lambda: client.get(INBOX), predicate=lambda p: "New food credits" in p.text)
    assert "New food credits: €20.00" in text_of(page)


def test_quiet_hours_need_a_start_and_an_end(town):
    as_household(town)
    client = town.running.client
    eventually(lambda: client.get(PREFERENCES).status_code == 200)
    refused = submit(client, PREFERENCES, {"channels": ["inbox"], "quiet_start": "22:00"})
    assert refused.status_code == 422
    assert "Ore di silenzio: scrivi inizio e fine" in text_of(refused)


def test_the_pages_of_a_member_are_for_someone_logged_in(town):
    client = town.running.client
    browse_as(client, None)
    assert client.get(INBOX).status_code == 302
    assert client.get(INBOX).headers["Location"].startswith("/registry/login")
    as_household(town)
    assert client.get(DASHBOARD).status_code == 403


def test_operators_see_a_delivery_that_failed_and_send_it_again(town, sms_gateway):
    running, phone = town.running, "+393331234567"
    sms_gateway.fail_next(1, status=400)  # the provider refuses the welcome SMS
    running.register_member(
        running.admin_headers(), town.network["id"], display_name="Famiglia Bianchi", phone=phone
    )
    browse_as(running.client, token_of(town.operator))

    def refused_row() -> str:
        page = running.client.get(DASHBOARD).get_data(as_text=True)
        failing = re.search(r'<table id="failing">(.*?)</table>', page, re.S)
        table = failing.group(1) if failing else ""
        rows = re.findall(r"<tr data-delivery-id=.*?</tr>", table, re.S)
        return next((row for row in rows if "refused the message (400)" in row), "")

    row = eventually(refused_row)
    assert "SMS" in row and "Benvenuto" in row and "Abbandonati" in row
    delivery_id = re.search(r'data-delivery-id="([^"]+)"', row).group(1)

    again = submit(running.client, f"{DASHBOARD}/deliveries/{delivery_id}/requeue")
    assert again.status_code == 200 and "Di nuovo in coda" in text_of(again)
    assert eventually(lambda: sms_gateway.texts_to(phone))[0].startswith("Fa Bene")
    sent = submit(running.client, f"{DASHBOARD}/deliveries/{delivery_id}/requeue")
    assert sent.status_code == 409 and "Si può riprovare solo un invio abbandonato" in text_of(sent)

    stranger = Principal(new_id(), Role.OPERATOR, network_id=new_id())
    browse_as(running.client, token_of(town.token(stranger)))
    assert running.client.get(f"{DASHBOARD}?network={town.network['id']}").status_code == 403
    refused = submit(running.client, f"{DASHBOARD}/deliveries/{delivery_id}/requeue")
    assert refused.status_code == 404
    assert "Message deliveries" in text_of(running.client.get(f"{DASHBOARD}?lang=en"))


def test_the_dead_letters_are_counted_and_left_where_they_are(town, settings):
    queues = ServiceQueues.for_service("notifications", (), settings)
    with Connection(settings.broker_url) as connection:
        connection.Producer().publish(
            {"not": "an envelope"},
            exchange="",
            routing_key=queues.dead,
            declare=[dead_letter_queue(queues)],
            serializer="json",
        )
    browse_as(town.running.client, token_of(town.token(Principal(new_id(), Role.ADMIN))))

    def counted() -> str:
        page = town.running.client.get(DASHBOARD, query_string={"network": town.network["id"]})
        return re.search(rf'data-queue="{queues.dead}">(.*?)</tr>', page.text, re.S).group(1)

    row = eventually(counted, predicate=lambda row: '<td class="num">1</td>' in row)
    assert "fabene dlq list notifications" in row
    assert '<td class="num">1</td>' in counted()  # counting took nothing away
