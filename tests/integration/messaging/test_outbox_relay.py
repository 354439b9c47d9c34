"""The transactional outbox and its relay, on the test's database and broker."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest
from kombu import Connection
from sqlalchemy import func, select, update

from services.registry.domain.commands import CreateNetwork
from services.registry.domain.networks import Network
from services.registry.unit_of_work import RegistryUnitOfWork
from shared.auth.principal import Principal, Role
from shared.messaging.connection import BrokerUnavailable
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import OutboxStore, add_to_outbox
from shared.messaging.relay import OutboxRelay
from tests.support.broker import captured
from tests.support.tcp_proxy import TcpProxy

ADMIN = Principal(subject="test", role=Role.ADMIN)


def outbox_rows(service):
    table = service.outbox
    with service.database.session() as session:
        return session.execute(
            select(table.c.event_type, table.c.published_at, table.c.last_error).order_by(
                table.c.position
            )
        ).all()


def fill_outbox(service, count: int, event_type: str = "registry.network.created") -> list[str]:
    envelopes = [
        Envelope.new(
            event_type,
            {"network_id": str(uuid.uuid4()), "name": "n", "town": "t"},
            producer="registry",
        )
        for _ in range(count)
    ]
    with service.database.session() as session:
        add_to_outbox(session, service.outbox, envelopes)
        session.commit()
    return [envelope.id for envelope in envelopes]


@pytest.fixture
def relay_for(services):
    """Relays of the registry's outbox, closed after the test."""
    relays = []

    def make(settings):
        registry = services["registry"]
        relay = OutboxRelay("registry", OutboxStore(registry.database, registry.outbox), settings)
        relays.append(relay)
        return relay

    yield make
    for relay in relays:
        relay.close()


def drain(relay) -> int:
    total = 0
    while published := relay.run_once():
        total += published
    return total


def test_an_event_is_written_with_its_change_and_published_after_commit(
    settings, services, relay_for
):
    registry = services["registry"]
    with captured(settings, "registry.#") as capture:
        network = registry.bus.handle(CreateNetwork(actor=ADMIN, name="Rivoli", town="Rivoli"))
        [(event_type, published_at, _)] = outbox_rows(registry)
        assert (event_type, published_at) == ("registry.network.created", None)

        assert relay_for(settings).run_once() == 1

        [document] = capture.drain()
    assert document["type"] == "registry.network.created"
    assert document["data"]["network_id"] == network.id
    assert outbox_rows(registry)[0].published_at is not None


def test_a_change_that_is_not_committed_publishes_nothing(services):
    registry = services["registry"]
    with RegistryUnitOfWork(registry.database) as uow:
        uow.networks.add(Network.create("Moncalieri", "Moncalieri"))
    assert outbox_rows(registry) == []


def test_a_published_event_is_not_published_again(settings, services, relay_for):
    registry = services["registry"]
    fill_outbox(registry, 3)
    with captured(settings, "registry.#") as capture:
        relay = relay_for(settings)
        assert drain(relay) == 3
        assert drain(relay) == 0
        assert len(capture.drain()) == 3


@pytest.mark.real_stack
def test_an_unroutable_event_stays_in_the_outbox_until_a_queue_is_bound(
    settings, services, relay_for
):
    registry = services["registry"]
    [event_id] = fill_outbox(registry, 1, "registry.member.registered")
    relay = relay_for(settings)

    assert relay.run_once() == 0
    [row] = outbox_rows(registry)
    assert row.published_at is None
    assert "unroutable" in row.last_error

    with captured(settings, "registry.member.registered") as capture:
        with registry.database.session() as session:  # skip the back-off wait
            session.execute(update(registry.outbox).values(next_attempt_at=datetime.now(UTC)))
            session.commit()
        assert relay.run_once() == 1
        assert [document["id"] for document in capture.drain()] == [event_id]


@pytest.mark.real_stack
def test_while_the_broker_is_unreachable_events_wait_and_none_is_lost(
    settings, services, relay_for
):
    registry = services["registry"]
    upstream = Connection(settings.broker_url)
    proxy = TcpProxy(upstream.hostname, upstream.port or 5672)
    cut_off = settings.with_overrides(
        broker_url=f"amqp://{upstream.userid}:{upstream.password}@127.0.0.1:{proxy.port}/"
    )
    ids = fill_outbox(registry, 50)
    relay = relay_for(cut_off)
    try:
        with captured(settings, "registry.#") as capture:
            proxy.cut()
            with pytest.raises(BrokerUnavailable):
                relay.run_once()
            assert all(row.published_at is None for row in outbox_rows(registry))

            proxy.restore()
            assert drain(relay) == 50
            assert sorted(document["id"] for document in capture.drain()) == sorted(ids)
    finally:
        proxy.close()


@pytest.mark.real_stack
def test_two_relays_side_by_side_publish_every_event_exactly_once(settings, services, relay_for):
    registry = services["registry"]
    ids = fill_outbox(registry, 3000)
    small_batches = settings.with_overrides(relay_batch_size=100)
    relays = [relay_for(small_batches) for _ in range(2)]
    with captured(settings, "registry.#") as capture:
        threads = [threading.Thread(target=drain, args=(relay,)) for relay in relays]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        published = [document["id"] for document in capture.drain()]
    assert sorted(published) == sorted(ids)
    with registry.database.session() as session:
        pending = session.scalar(
            select(func.count()).where(registry.outbox.c.published_at.is_(None))
        )
    assert pending == 0
