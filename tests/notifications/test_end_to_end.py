"""End to end: members registered over HTTP hear from the programme by e-mail, SMS and inbox,
and what happens at a shop's till reaches the household and the shop.

The whole system runs in this process with its workers; the notifications
worker's dispatcher sends to a real SMTP server and to the fake SMS provider.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.commands import SendDailyTakings
from services.notifications.domain.deliveries import Delivery
from services.notifications.domain.digests import TakingsEntry
from services.notifications.domain.model import Recipient
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


def test_a_citizen_asks_for_a_login_code_gets_it_by_sms_and_logs_in_with_it(running, sms_gateway):
    admin = running.admin_headers()
    network = running.create_network(admin)
    phone = "+393331112222"
    member = running.register_member(admin, network["id"], phone=phone, language="en")
    eventually(lambda: sms_gateway.texts_to(phone))  # the welcome

    asked = running.client.post("/registry/api/v1/auth/code", json={"phone": phone})
    assert asked.status_code == 202
    [text] = eventually(lambda: [t for t in sms_gateway.texts_to(phone) if "login code" in t])
    code = re.search(r"login code is (\d{6})\.", text).group(1)
    assert "Enter it on the login page" in text

    tokens = running.client.post(
        "/registry/api/v1/auth/code/verify", json={"phone": phone, "code": code}
    )
    assert tokens.status_code == 200, tokens.json
    as_member = {"Authorization": f"Bearer {tokens.json['access_token']}"}
    inbox = running.inbox(as_member, member["id"])
    assert inbox.status_code == 200
    assert all(code not in message["body"] for message in inbox.json["items"])


def test_a_member_erased_in_the_registry_is_forgotten_by_notifications(running):
    admin = running.admin_headers()
    network = running.create_network(admin)
    member = running.register_member(
        admin, network["id"], email="erase@example.org", phone="+393334445555"
    )
    eventually(lambda: running.inbox(admin, member["id"]).json.get("items"))
    erased = running.client.delete(f"/registry/api/v1/members/{member['id']}", headers=admin)
    assert erased.status_code in (200, 204), erased.json

    notifications = running.services["notifications"]

    def recipient():
        with notifications.database.session() as session:
            return session.get(Recipient, member["id"])

    gone = eventually(recipient, predicate=lambda seen: seen.is_erased)
    assert (gone.display_name, gone.email, gone.phone) == (None, None, None)
    assert running.inbox(admin, member["id"]).json["items"] == []
    with notifications.database.session() as session:
        addresses = {d.address for d in session.query(Delivery).filter_by(member_id=member["id"])}
    assert addresses == {None}


def test_an_allocation_and_a_purchase_at_the_till_reach_the_households_inbox(town):
    running, household = town.running, town.household
    admin = running.admin_headers()
    town.grant(20000)
    assert town.allocate(5000).status_code == 201
    paid = town.redeem(1250)
    assert paid.status_code == 201, paid.json

    def inbox() -> dict[str, dict]:
        items = running.inbox(admin, household["id"]).json.get("items", [])
        return {message["topic"]: message for message in items}

    messages = eventually(
        inbox,
        timeout=15,
        predicate=lambda seen: {"credits_allocated", "purchase_receipt"} <= set(seen),
    )
    assert messages["credits_allocated"]["title"] == "Nuovi crediti spesa: € 50,00"
    assert "Il saldo ora è € 50,00" in messages["credits_allocated"]["body"]
    assert messages["purchase_receipt"]["title"] == "Ricevuta: spesa di € 12,50"
    assert "Il saldo rimasto è € 37,50" in messages["purchase_receipt"]["body"]


def test_the_tills_day_reaches_the_shop_in_its_daily_takings(town):
    running, shop = town.running, town.shop
    notifications = running.services["notifications"]
    town.grant(20000)
    assert town.allocate(5000).status_code == 201
    paid, donated = town.redeem(1250), town.donate(1000)
    assert (paid.status_code, donated.status_code) == (201, 201), (paid.json, donated.json)

    def takings() -> list[TakingsEntry]:
        with notifications.database.session() as session:
            return session.query(TakingsEntry).filter_by(shop_id=shop["id"]).all()

    eventually(takings, timeout=15, predicate=lambda entries: len(entries) == 2)
    today = datetime.now(ZoneInfo(town.settings.timezone)).date()
    run = notifications.bus.handle(SendDailyTakings(today))
    assert run.outcomes == {shop["id"]: "sent"}
    admin = running.admin_headers()
    [message] = [
        m for m in running.inbox(admin, shop["id"]).json["items"] if m["topic"] == "daily_takings"
    ]
    assert "- Spese pagate con i crediti: 1, in tutto € 12,50\n" in message["body"]
    assert "- Spese sospese raccolte: 1, in tutto € 10,00\n" in message["body"]
