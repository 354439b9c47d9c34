"""Members registered while the broker is unreachable all arrive once it is back."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from kombu import Connection
from sqlalchemy import select

from services.exchange.adapters import orm as exchange_orm
from services.notifications.adapters import orm as notifications_orm
from tests.support.system import eventually, running_system
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.real_stack

BEFORE, DURING, AFTER = 5, 20, 5


@pytest.fixture
def proxy(settings):
    upstream = Connection(settings.broker_url)
    proxy = TcpProxy(upstream.hostname, upstream.port or 5672)
    proxy.url = f"amqp://{upstream.userid}:{upstream.password}@127.0.0.1:{proxy.port}/"
    yield proxy
    proxy.close()


@pytest.fixture
def system_behind_proxy(settings, proxy):
    with running_system(settings.with_overrides(broker_url=proxy.url)) as running:
        yield running


def column(service, table_column) -> list[str]:
    with service.database.session() as session:
        return list(session.scalars(select(table_column)))


def test_no_member_is_lost_or_doubled_while_the_broker_is_down(system_behind_proxy, proxy):
    system = system_behind_proxy
    admin = system.admin_headers()
    network = system.create_network(admin)

    def register(count: int) -> list[str]:
        return [system.register_member(admin, network["id"])["id"] for _ in range(count)]

    members = register(BEFORE)
    proxy.cut()
    members += register(DURING)  # the web keeps working: the outbox holds the events
    assert system.client.get("/registry/readyz").status_code == 503
    time.sleep(2)  # long enough for the relay and the consumers to fail and retry
    registry = system.services["registry"]
    assert column(registry, registry.outbox.c.published_at).count(None) >= 2 * DURING
    proxy.restore()
    members += register(AFTER)

    exchange = system.services["exchange"]
    notifications = system.services["notifications"]
    accounts = eventually(
        lambda: column(exchange, exchange_orm.accounts.c.owner_id),
        timeout=60,
        predicate=lambda owners: set(owners) >= set(members),
    )
    welcomed = eventually(
        lambda: column(notifications, notifications_orm.inbox_messages.c.member_id),
        timeout=60,
        predicate=lambda recipients: set(recipients) >= set(members),
    )
    # The network's own accounts (pool, funding, time issuance) are there too.
    assert Counter(owner for owner in accounts if owner in set(members)) == dict.fromkeys(
        members, 2
    )
    assert Counter(welcomed) == dict.fromkeys(members, 1)
    registry = system.services["registry"]
    assert column(registry, registry.outbox.c.published_at).count(None) == 0
