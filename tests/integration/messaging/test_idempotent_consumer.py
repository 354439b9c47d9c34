"""A duplicated or redelivered event changes nothing the second time."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select

from services.exchange.adapters import orm as exchange_orm
from services.notifications.adapters import orm as notifications_orm
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import EventDispatcher
from tests.support.broker import publish_envelope
from tests.support.system import eventually


def member_registered(member_id: str | None = None) -> Envelope:
    return Envelope.new(
        "registry.member.registered",
        {
            "member_id": member_id or str(uuid.uuid4()),
            "network_id": str(uuid.uuid4()),
            "kind": "household",
            "status": "pending",
            "language": "it",
        },
        producer="registry",
    )


def count(service, table, *where) -> int:
    with service.database.session() as session:
        return session.scalar(select(func.count()).select_from(table).where(*where))


def test_the_same_event_delivered_five_times_opens_the_accounts_once(running, settings):
    exchange = running.services["exchange"]
    notifications = running.services["notifications"]
    event = member_registered()
    marker = member_registered()

    for _ in range(5):
        publish_envelope(settings, event)
    publish_envelope(settings, marker)

    member_id = marker.data["member_id"]
    eventually(
        lambda: count(
            notifications,
            notifications_orm.recipients,
            notifications_orm.recipients.c.member_id == member_id,
        )
    )
    eventually(
        lambda: (
            count(exchange, exchange_orm.accounts, exchange_orm.accounts.c.owner_id == member_id)
            == 2
        )
    )
    of_event = exchange_orm.accounts.c.owner_id == event.data["member_id"]
    assert count(exchange, exchange_orm.accounts, of_event) == 2
    handled = exchange_orm.handled_events.c.event_id == event.id
    assert count(exchange, exchange_orm.handled_events, handled) == 1
    welcome = notifications_orm.inbox_messages.c.member_id == event.data["member_id"]
    assert count(notifications, notifications_orm.inbox_messages, welcome) == 1


def test_duplicates_handled_at_the_same_moment_apply_once(services):
    exchange = services["exchange"]
    dispatch = EventDispatcher(exchange.bus, exchange.subscriptions)
    event = member_registered()
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def handle() -> None:
        start.wait()
        try:
            dispatch(event)
        except Exception as error:  # a failure here would mean a retry, not a loss
            errors.append(error)

    threads = [threading.Thread(target=handle) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    of_event = exchange_orm.accounts.c.owner_id == event.data["member_id"]
    assert count(exchange, exchange_orm.accounts, of_event) == 2
    assert count(exchange, exchange_orm.handled_events) == 1
