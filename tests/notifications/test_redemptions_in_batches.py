"""Redemptions that arrive together are handled in one transaction, each exactly as alone.

The consumer hands a run of ``exchange.credits.redeemed`` events to the
dispatcher's ``handle_many``: one inbox claim for all, one statement per
table. Each event still writes one receipt, one delivery and one takings
entry, once, whatever the duplicates in the run or before it.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest
from kombu import Queue
from sqlalchemy import func, select

from services.notifications.adapters import orm
from services.notifications.domain.deliveries import DeliveryStatus
from shared.contracts import InvalidEventData
from shared.messaging.connection import kombu_connection
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import EventDispatcher
from shared.messaging.topology import declare_service_queues
from tests.support.broker import publish_envelope
from tests.support.system import eventually

REDEEMED = "exchange.credits.redeemed"


def new_id() -> str:
    return str(uuid.uuid4())


def redeemed(member, amount_cents: int = 1250, **data) -> Envelope:
    return Envelope(
        type=REDEEMED,
        data={
            "transaction_id": new_id(),
            "network_id": member.network_id,
            "member_id": member.member_id,
            "shop_id": new_id(),
            "amount_cents": amount_cents,
            "balance_cents": 10_000,
            **data,
        },
        producer="exchange",
        occurred_at=datetime(2026, 3, 14, 14, 0, tzinfo=UTC),
    )


@pytest.fixture
def dispatcher(notifications):
    return EventDispatcher(notifications.bus, notifications.subscriptions)


@pytest.fixture
def counts(notifications):
    """Rows of each table the handling writes, in all or of one member."""

    def counts(member=None) -> dict[str, int]:
        tables = {
            "receipts": orm.inbox_messages,
            "deliveries": orm.deliveries,
            "takings": orm.takings_entries,
            "handled": orm.handled_events,
        }
        result = {}
        with notifications.database.session() as session:
            for name, table in tables.items():
                query = select(func.count()).select_from(table)
                if member is not None and "member_id" in table.c:
                    query = query.where(table.c.member_id == member.member_id)
                if "topic" in table.c:
                    query = query.where(table.c.topic == "purchase_receipt")
                result[name] = session.scalar(query)
        return result

    return counts


def test_a_run_of_redemptions_writes_one_receipt_and_takings_entry_each(
    dispatcher, enrol, counts, log_of
):
    members = [enrol(), enrol(language="en")]
    events = [redeemed(members[n % 2], amount_cents=100 + n) for n in range(10)]
    before = counts()

    assert dispatcher.handle_many(events) is True

    after = counts()
    assert {name: after[name] - before[name] for name in after} == {
        "receipts": 10,
        "deliveries": 10,
        "takings": 10,
        "handled": 10,
    }
    deliveries, messages, _ = log_of(members[1].member_id)
    receipts = [m for m in messages if m.topic == "purchase_receipt"]
    assert len(receipts) == 5
    assert all(m.language == "en" and m.title.startswith("Receipt: ") for m in receipts)
    sent = [d for d in deliveries if d.topic == "purchase_receipt"]
    assert {d.event_id for d in sent} == {e.id for e in events[1::2]}
    assert {(d.channel.value, d.status) for d in sent} == {("inbox", DeliveryStatus.SENT)}


def test_a_batch_writes_what_the_events_one_by_one_would(dispatcher, enrol, log_of):
    alone, together = enrol(language="fr"), enrol(language="fr")
    dispatcher(redeemed(alone, amount_cents=4321))
    dispatcher.handle_many([redeemed(together, amount_cents=4321) for _ in range(2)])

    def written(member):
        deliveries, messages, _ = log_of(member.member_id)
        receipts = [
            (m.title, m.body, m.language) for m in messages if m.topic == "purchase_receipt"
        ]
        planned = [
            (d.channel, d.status, d.params, d.attempts)
            for d in deliveries
            if d.topic == "purchase_receipt"
        ]
        return receipts[:1], planned[:1]

    assert written(alone) == written(together)


def test_duplicates_in_the_run_and_before_it_are_handled_once(dispatcher, enrol, counts):
    member = enrol()
    earlier, twice, fresh = redeemed(member), redeemed(member), redeemed(member)
    dispatcher(earlier)
    before = counts(member)

    assert dispatcher.handle_many([earlier, twice, fresh, twice]) is True

    after = counts(member)
    assert after["receipts"] - before["receipts"] == 2
    assert after["deliveries"] - before["deliveries"] == 2
    assert after["takings"] - before["takings"] == 2


def test_a_run_handled_again_changes_nothing(dispatcher, enrol, counts):
    member = enrol()
    events = [redeemed(member) for _ in range(5)]
    dispatcher.handle_many(events)
    before = counts()

    assert dispatcher.handle_many(events) is True
    assert dispatcher.handle_many(list(reversed(events[:3]))) is True

    assert counts() == before


def test_two_events_of_one_transaction_keep_one_takings_entry(dispatcher, enrol, counts):
    member = enrol()
    transaction_id = new_id()
    before = counts(member)

    dispatcher.handle_many([redeemed(member, transaction_id=transaction_id) for _ in range(2)])

    after = counts(member)
    assert after["takings"] - before["takings"] == 1
    assert after["receipts"] - before["receipts"] == 2


def test_a_member_unknown_here_gets_nothing_but_the_takings_count(dispatcher, enrol, counts):
    member = enrol()
    stranger = type(member)(new_id(), member.network_id, None, None)
    before = counts()

    dispatcher.handle_many([redeemed(member), redeemed(stranger), redeemed(member)])

    after = counts()
    assert after["receipts"] - before["receipts"] == 2
    assert after["takings"] - before["takings"] == 3
    assert after["handled"] - before["handled"] == 3


def test_invalid_data_in_the_run_commits_nothing(dispatcher, enrol, counts):
    member = enrol()
    before = counts()
    broken = redeemed(member, amount_cents="a lot")

    with pytest.raises(InvalidEventData):
        dispatcher.handle_many([redeemed(member), broken, redeemed(member)])

    assert counts() == before


def test_other_events_are_not_handled_in_batches(dispatcher, enrol, counts):
    member = enrol()
    allocated = [
        Envelope.new(
            "exchange.credits.allocated",
            {
                "transaction_id": new_id(),
                "network_id": member.network_id,
                "member_id": member.member_id,
                "amount_cents": 500,
                "balance_cents": 500,
            },
            producer="exchange",
        )
        for _ in range(2)
    ]
    before = counts()

    assert dispatcher.handle_many(allocated) is False

    assert counts() == before


def waiting_in(settings, queue_name: str) -> int:
    with kombu_connection(settings) as connection:
        return Queue(queue_name)(connection.default_channel).queue_declare(passive=True)[1]


def test_a_backlog_through_the_consumer_is_handled_once_each_and_acked(
    notifications, enrol, counts, monkeypatch
):
    """Published before the consumer starts, so that it arrives together."""
    members = [enrol() for _ in range(3)]
    events = [redeemed(members[n % 3]) for n in range(45)]
    settings = notifications.settings
    with kombu_connection(settings) as connection:
        declare_service_queues(connection, notifications.queues, settings)
    for event in events + events[:5]:  # five published twice
        publish_envelope(settings, event)
    before = counts()
    batches = []
    handle_batch = notifications.bus.handle_batch

    def spied(commands, causations):
        batches.append(len(commands))
        handle_batch(commands, causations)

    monkeypatch.setattr(notifications.bus, "handle_batch", spied)

    consumer = notifications.consumer()
    thread = threading.Thread(target=lambda: consumer.run(safety_interval=0.1), daemon=True)
    thread.start()
    try:
        eventually(lambda: counts()["takings"] - before["takings"] == 45)
        eventually(lambda: counts()["handled"] - before["handled"] == 45)
    finally:
        consumer.stop()
        thread.join(10)

    after = counts()
    assert after["receipts"] - before["receipts"] == 45
    assert after["deliveries"] - before["deliveries"] == 45
    assert max(batches) > 1
    assert max(batches) <= settings.prefetch_count
    assert waiting_in(settings, notifications.queues.main) == 0
