"""What the exchange did reaches the member it concerns: the right words, language and channels.

Events go in as the consumer hands them over; the inbox is read through the
API, e-mail from the test's SMTP server and SMS at the fake provider.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.notifications.domain.deliveries import DeliveryStatus
from services.notifications.domain.digests import TakingsEntry, TakingsKind
from shared.auth.principal import Role
from tests.notifications.support import by_channel

EVERY_CHANNEL = {"inbox", "email", "sms"}
MARCH_14_AT_3_PM_IN_ROME = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def inbox(web, token):
    """A member's inbox, read through the API as an operator of their network."""

    def inbox(member) -> list[dict]:
        response = web.client.get(
            f"/notifications/api/v1/members/{member.member_id}/inbox",
            headers=token(Role.OPERATOR, member.network_id),
        )
        assert response.status_code == 200, response.json
        return response.json["items"]

    return inbox


def event_about(member, **data) -> dict:
    return {"network_id": member.network_id, "member_id": member.member_id, **data}


def topics_planned(log_of, member) -> dict[str, set[str]]:
    planned: dict[str, set[str]] = {}
    for delivery in log_of(member.member_id)[0]:
        planned.setdefault(delivery.topic, set()).add(delivery.channel.value)
    planned.pop("welcome", None)
    return planned


# Each event, the topic it becomes, the channels it goes by (for a member who
# never chose), and words of its Italian inbox message.
MESSAGES = [
    (
        "exchange.credits.allocated",
        {"transaction_id": new_id(), "amount_cents": 5000, "balance_cents": 6250},
        "credits_allocated",
        EVERY_CHANNEL,
        ("Nuovi crediti spesa: € 50,00", "Il saldo ora è € 62,50"),
    ),
    (
        "exchange.credits.redeemed",
        {
            "transaction_id": new_id(),
            "shop_id": new_id(),
            "amount_cents": 1250,
            "balance_cents": 5000,
        },
        "purchase_receipt",
        {"inbox"},
        ("Ricevuta: spesa di € 12,50", "Il 14/03/2026 alle 15:00", "rimasto è € 50,00"),
    ),
    (
        "exchange.credits.reversed",
        {
            "transaction_id": new_id(),
            "reversed_transaction_id": new_id(),
            "shop_id": new_id(),
            "unit": "FOOD",
            "amount": 1250,
        },
        "credits_returned",
        EVERY_CHANNEL,
        ("Crediti restituiti: € 12,50", "un acquisto è stato rimborsato"),
    ),
    (
        "exchange.credits.reversed",
        {
            "transaction_id": new_id(),
            "reversed_transaction_id": new_id(),
            "shop_id": None,
            "unit": "FOOD",
            "amount": 5000,
        },
        "credits_corrected",
        EVERY_CHANNEL,
        ("Un operatore ha annullato un movimento di € 50,00",),
    ),
    (
        "exchange.credits.expiring",
        {"amount_cents": 2000, "expires_on": "2026-03-21"},
        "credits_expiring",
        EVERY_CHANNEL,
        ("€ 20,00 dei vostri crediti spesa scadono il 21/03/2026", "Spendeteli prima"),
    ),
    (
        "exchange.credits.expired",
        {"transaction_id": new_id(), "amount_cents": 2000, "balance_cents": 0},
        "credits_expired",
        EVERY_CHANNEL,
        ("€ 20,00 di crediti spesa non usati sono scaduti", "Il saldo ora è € 0,00"),
    ),
    (
        "exchange.balance.low",
        {"balance_cents": 450, "threshold_cents": 500},
        "balance_low",
        EVERY_CHANNEL,
        ("è sceso a € 4,50",),
    ),
    (
        "exchange.card.locked",
        {"card_id": new_id()},
        "card_locked",
        EVERY_CHANNEL,
        ("sbagliato cinque volte", "scegliete un nuovo PIN nel vostro portafoglio"),
    ),
    (
        "exchange.time.confirmed",
        {
            "time_entry_id": new_id(),
            "transaction_id": new_id(),
            "organisation_id": new_id(),
            "minutes": 150,
            "balance_minutes": 600,
        },
        "hours_confirmed",
        EVERY_CHANNEL,
        ("attività di 2 ore e 30 minuti", "saldo tempo è 10 ore"),
    ),
    (
        "exchange.time.rejected",
        {"time_entry_id": new_id(), "organisation_id": new_id(), "minutes": 90},
        "hours_rejected",
        EVERY_CHANNEL,
        ("non ha confermato l'attività di 1 ora e 30 minuti",),
    ),
    (
        "exchange.time.spent",
        {
            "transaction_id": new_id(),
            "shop_id": new_id(),
            "minutes": 60,
            "value_cents": 800,
            "balance_minutes": 540,
        },
        "time_receipt",
        {"inbox"},
        ("avete pagato con 1 ora di crediti tempo, per un valore di € 8,00",),
    ),
]


@pytest.mark.parametrize(
    ("event_type", "data", "topic", "channels", "says"),
    MESSAGES,
    ids=[topic for _, _, topic, _, _ in MESSAGES],
)
def test_an_exchange_event_writes_to_the_member_on_the_right_channels(
    exchange_event, enrol, log_of, inbox, event_type, data, topic, channels, says
):
    member = enrol(language="it")
    exchange_event(event_type, occurred_at=MARCH_14_AT_3_PM_IN_ROME, **event_about(member, **data))
    assert topics_planned(log_of, member) == {topic: channels}
    [message] = [m for m in inbox(member) if m["topic"] == topic]
    assert message["language"] == "it" and message["read_at"] is None
    for words in says:
        assert words in message["title"] + message["body"]


def test_hours_logged_wait_in_the_organisations_inbox(exchange_event, enrol, log_of, inbox):
    member, organisation = enrol(), enrol(language="en")
    exchange_event(
        "exchange.time.logged",
        occurred_at=MARCH_14_AT_3_PM_IN_ROME,
        **event_about(
            member, time_entry_id=new_id(), organisation_id=organisation.member_id, minutes=180
        ),
    )
    assert topics_planned(log_of, organisation) == {"hours_to_confirm": {"inbox"}}
    assert topics_planned(log_of, member) == {}
    [message] = [m for m in inbox(organisation) if m["topic"] == "hours_to_confirm"]
    assert message["title"] == "Hours to confirm: 3 hours"
    assert "On 14 Mar 2026 an activity of 3 hours" in message["body"]


def test_time_given_is_told_to_the_receiver_only(exchange_event, enrol, log_of, inbox):
    giver, receiver = enrol(), enrol(language="en")
    exchange_event(
        "exchange.time.given",
        transaction_id=new_id(),
        network_id=giver.network_id,
        from_member_id=giver.member_id,
        to_member_id=receiver.member_id,
        minutes=120,
    )
    assert topics_planned(log_of, receiver) == {"time_received": EVERY_CHANNEL}
    assert topics_planned(log_of, giver) == {}
    [message] = [m for m in inbox(receiver) if m["topic"] == "time_received"]
    assert message["title"] == "You were given 2 hours of time credits"


def test_a_spesa_sospesa_sends_no_message_and_counts_in_the_shops_takings(
    exchange_event, enrol, log_of, notifications
):
    shop = enrol()
    transaction_id = new_id()
    exchange_event(
        "exchange.credits.donated",
        occurred_at=MARCH_14_AT_3_PM_IN_ROME,
        transaction_id=transaction_id,
        network_id=shop.network_id,
        shop_id=shop.member_id,
        amount_cents=1500,
    )
    assert topics_planned(log_of, shop) == {}
    with notifications.database.session() as session:
        entry = session.get(TakingsEntry, transaction_id)
        assert (entry.kind, entry.amount_cents, entry.day.isoformat()) == (
            TakingsKind.DONATION,
            1500,
            "2026-03-14",
        )


def test_a_reversal_with_no_member_sends_nothing(exchange_event, enrol, log_of):
    shop = enrol()
    exchange_event(
        "exchange.credits.reversed",
        transaction_id=new_id(),
        reversed_transaction_id=new_id(),
        network_id=shop.network_id,
        member_id=None,
        shop_id=shop.member_id,
        unit="FOOD",
        amount=1500,
    )
    assert topics_planned(log_of, shop) == {}


def test_messages_are_in_the_members_language(exchange_event, enrol, inbox):
    english, arabic = enrol(language="en"), enrol(language="ar")
    for member in (english, arabic):
        exchange_event(
            "exchange.credits.allocated",
            **event_about(member, transaction_id=new_id(), amount_cents=5000, balance_cents=5000),
        )
    [message] = [m for m in inbox(english) if m["topic"] == "credits_allocated"]
    assert message["title"] == "New food credits: €50.00"
    assert "Your balance is now €50.00" in message["body"]
    [message] = [m for m in inbox(arabic) if m["topic"] == "credits_allocated"]
    assert message["language"] == "ar" and message["right_to_left"]
    assert "50,00 €" in message["title"]


def test_an_allocation_arrives_by_email_and_sms_too(
    exchange_event, enrol, dispatcher, smtp_server, sms_gateway
):
    member = enrol(language="en", email="okafor@example.org", phone="+393339876543")
    dispatcher.run_once()  # the welcome
    exchange_event(
        "exchange.credits.allocated",
        **event_about(member, transaction_id=new_id(), amount_cents=5000, balance_cents=6250),
    )
    assert dispatcher.run_once()["sent"] == 2
    mail = smtp_server.to("okafor@example.org")[-1]
    assert mail.message["Subject"] == "New food credits: €50.00"
    assert "show your card and enter your PIN" in mail.text
    assert sms_gateway.texts_to("+393339876543")[-1] == (
        "Fa Bene: €50.00 of food credits arrived. Balance: €62.50. "
        "Spend them at Fa Bene shops with your card and PIN."
    )


def test_a_locked_card_is_told_by_sms_in_italian(
    exchange_event, enrol, dispatcher, sms_gateway, smtp_server
):
    member = enrol(language="it", email="rossi@example.org", phone="+393331234567")
    dispatcher.run_once()
    exchange_event("exchange.card.locked", **event_about(member, card_id=new_id()))
    dispatcher.run_once()
    assert sms_gateway.texts_to("+393331234567")[-1].startswith(
        "Fa Bene: tessera bloccata dopo 5 PIN sbagliati."
    )
    assert smtp_server.to("rossi@example.org")[-1].message["Subject"] == (
        "La vostra tessera Fa Bene è bloccata"
    )


def test_a_receipt_goes_by_email_and_sms_only_to_who_opted_in(
    exchange_event, enrol, log_of, web, token
):
    member = enrol()
    chosen = {"channels": ["email", "sms", "inbox"], "opted_in_topics": ["purchase_receipt"]}
    response = web.client.put(
        f"/notifications/api/v1/members/{member.member_id}/preferences",
        json=chosen,
        headers=token(Role.CITIZEN, member.network_id, member.member_id),
    )
    assert response.status_code == 200, response.json
    redeemed = {"shop_id": new_id(), "amount_cents": 1250, "balance_cents": 5000}
    exchange_event(
        "exchange.credits.redeemed", **event_about(member, transaction_id=new_id(), **redeemed)
    )
    assert topics_planned(log_of, member) == {"purchase_receipt": EVERY_CHANNEL}


def test_a_muted_topic_sends_nothing_but_a_locked_card_cannot_be_muted(
    exchange_event, enrol, log_of, web, token
):
    member = enrol()
    chosen = {"channels": ["sms"], "muted_topics": ["credits_allocated", "balance_low"]}
    response = web.client.put(
        f"/notifications/api/v1/members/{member.member_id}/preferences",
        json=chosen,
        headers=token(Role.OPERATOR, member.network_id),
    )
    assert response.status_code == 200, response.json
    allocated = {"transaction_id": new_id(), "amount_cents": 5000, "balance_cents": 5000}
    exchange_event("exchange.credits.allocated", **event_about(member, **allocated))
    exchange_event("exchange.card.locked", **event_about(member, card_id=new_id()))
    assert topics_planned(log_of, member) == {"card_locked": {"sms", "inbox"}}


def test_a_duplicated_event_writes_one_message(deliver, exchange_event, enrol, log_of, inbox):
    member = enrol()
    envelope = exchange_event(
        "exchange.credits.allocated",
        **event_about(member, transaction_id=new_id(), amount_cents=5000, balance_cents=5000),
    )
    for _ in range(2):
        deliver(envelope.type, envelope=envelope)
    deliveries, _, _ = log_of(member.member_id)
    assert [d.topic for d in deliveries].count("credits_allocated") == 3
    assert [m["topic"] for m in inbox(member)].count("credits_allocated") == 1


def test_a_member_unknown_here_gets_nothing_and_the_event_is_handled(
    exchange_event, notifications, log_of
):
    stranger = new_id()
    shop_id = new_id()
    transaction_id = new_id()
    exchange_event(
        "exchange.credits.redeemed",
        transaction_id=transaction_id,
        network_id=new_id(),
        member_id=stranger,
        shop_id=shop_id,
        amount_cents=1250,
        balance_cents=0,
    )
    deliveries, messages, recipient = log_of(stranger)
    assert (deliveries, messages, recipient) == ([], [], None)
    with notifications.database.session() as session:
        assert session.get(TakingsEntry, transaction_id).shop_id == shop_id


def test_when_the_contact_points_come_after_the_event_email_and_sms_wait_for_them(
    deliver, exchange_event, log_of, dispatcher, smtp_server
):
    member_id, network_id = new_id(), new_id()
    deliver(
        "registry.member.registered",
        member_id=member_id,
        network_id=network_id,
        kind="household",
        status="active",
        language="it",
    )
    exchange_event(
        "exchange.credits.allocated",
        transaction_id=new_id(),
        network_id=network_id,
        member_id=member_id,
        amount_cents=5000,
        balance_cents=5000,
    )
    dispatcher.run_once()
    allocated = [d for d in log_of(member_id)[0] if d.topic == "credits_allocated"]
    assert {d.channel.value: d.status for d in allocated}["email"] is DeliveryStatus.QUEUED
    deliver(
        "registry.member.contact_changed",
        member_id=member_id,
        network_id=network_id,
        display_name="Famiglia Bianchi",
        email="bianchi@example.org",
        phone=None,
        language="en",
    )
    dispatcher.run_once()
    subjects = {mail.message["Subject"] for mail in smtp_server.to("bianchi@example.org")}
    assert subjects == {"Welcome to Fa Bene", "New food credits: €50.00"}
    email = by_channel([d for d in log_of(member_id)[0] if d.topic == "credits_allocated"])
    assert email["email"].status is DeliveryStatus.SENT
    assert email["sms"].status is DeliveryStatus.GIVEN_UP


def test_the_network_statistics_count_the_new_topics(exchange_event, enrol, web, token):
    member = enrol()
    exchange_event(
        "exchange.credits.allocated",
        **event_about(member, transaction_id=new_id(), amount_cents=5000, balance_cents=5000),
    )
    redeemed = {"shop_id": new_id(), "amount_cents": 1250, "balance_cents": 3750}
    exchange_event(
        "exchange.credits.redeemed", **event_about(member, transaction_id=new_id(), **redeemed)
    )
    stats = web.client.get(
        f"/notifications/api/v1/networks/{member.network_id}/deliveries/stats",
        headers=token(Role.OPERATOR, member.network_id),
    ).json
    assert stats["by_topic"]["credits_allocated"] == {"inbox": 1, "email": 1, "sms": 1}
    assert stats["by_topic"]["purchase_receipt"] == {"inbox": 1, "email": 0, "sms": 0}
    assert stats["by_channel"]["inbox"]["sent"] == 3  # the welcome, the allocation, the receipt
