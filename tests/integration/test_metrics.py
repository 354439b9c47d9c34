"""The figures an operator watches, as /metrics shows them: outbox backlog and lag,
events retried and dead-lettered, and what the tills are answered.

Everything runs in this process here, so a service's /metrics shows the
relay's and the consumer's figures too (``fabene worker`` keeps its own).
"""

from __future__ import annotations

import threading
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.exc import OperationalError

from shared.messaging.connection import kombu_connection
from shared.messaging.consumer import EventConsumer
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import OutboxStore
from shared.messaging.topology import ServiceQueues, declare_service_queues
from shared.metrics import OUTBOX_BACKLOG, OUTBOX_LAG
from tests.support.backends import delete_broker_namespace
from tests.support.broker import publish_envelope, publish_raw
from tests.support.system import eventually
from tests.support.town import town  # noqa: F401 - a fixture

WRONG_PIN = "1357"
OUTCOMES = ("ok", "replayed", "not_enough_credit", "limit_exceeded", "wrong_pin", "card_locked")


def scrape(client, service: str = "exchange") -> dict[tuple[str, frozenset], float]:
    """Every sample of a service's /metrics, by name and labels."""
    response = client.get(f"/{service}/metrics")
    assert response.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.data.decode())
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def gained(before: dict, after: dict, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def test_the_relay_measures_the_outbox_backlog_and_how_old_its_oldest_event_is(web):
    admin = web.admin_headers()
    web.create_network(admin)  # its event waits: no relay runs here
    registry = web.services["registry"]
    store = OutboxStore(registry.database, registry.outbox)
    waiting = store.pending_count()
    assert waiting >= 1
    time.sleep(0.01)

    registry.relay().measure_backlog()

    samples = scrape(web.client, "registry")
    assert value(samples, "fabene_outbox_backlog_events", service="registry") == waiting
    assert value(samples, "fabene_outbox_lag_seconds", service="registry") >= 0.01

    with store.claim(10_000) as batch:
        batch.mark_published([message.position for message in batch.messages])
    registry.relay().measure_backlog()

    samples = scrape(web.client, "registry")
    assert value(samples, "fabene_outbox_backlog_events", service="registry") == 0
    assert value(samples, "fabene_outbox_lag_seconds", service="registry") == 0


def test_a_running_relay_measures_its_outbox_on_its_own(running):
    OUTBOX_BACKLOG.labels("exchange").set(-1)
    OUTBOX_LAG.labels("exchange").set(-1)

    def measured():
        samples = scrape(running.client)
        return (
            value(samples, "fabene_outbox_backlog_events", service="exchange"),
            value(samples, "fabene_outbox_lag_seconds", service="exchange"),
        )

    backlog, lag = eventually(measured, predicate=lambda figures: min(figures) >= 0)
    assert backlog >= 0 and lag >= 0


def test_redemptions_are_counted_by_outcome_with_the_code_the_till_is_given(town):  # noqa: F811
    town.grant(10_000)
    assert town.allocate(3_000).status_code == 201
    before = scrape(town.running.client)

    answers = []
    key = "key-metrics-replayed"
    answers.append(town.redeem(1_000, key=key))  # ok
    answers.append(town.redeem(1_000, key=key))  # the same request again: replayed
    answers.append(town.redeem(2_500))  # 2,000 left: not enough credit
    answers.append(town.redeem(6_000))  # over the network's 50 euro per redemption
    answers += [town.redeem(100, pin=WRONG_PIN) for _ in range(5)]  # the fifth locks
    answers.append(town.redeem(100))  # the right PIN, on a locked card

    statuses = [answer.status_code for answer in answers]
    assert statuses == [201, 201, 409, 409, 401, 401, 401, 401, 423, 423]
    after = scrape(town.running.client)
    counted = {
        outcome: gained(
            before, after, "fabene_exchange_redemptions_total", unit="FOOD", outcome=outcome
        )
        for outcome in OUTCOMES
    }
    assert counted == {
        "ok": 1,
        "replayed": 1,
        "not_enough_credit": 1,
        "limit_exceeded": 1,
        "wrong_pin": 4,
        "card_locked": 2,
    }


def test_events_a_consumer_cannot_read_are_counted_as_dead_letters_by_reason(running, settings):
    before = scrape(running.client)

    publish_raw(settings, "registry.member.registered", b"{not json", message_id="metrics-1")
    publish_envelope(
        settings,
        Envelope.new("registry.member.registered", {"member_id": 7}, producer="registry"),
    )

    def dead_letters():
        after = scrape(running.client)
        return {
            reason: gained(
                before,
                after,
                "fabene_events_dead_lettered_total",
                service="exchange",
                reason=reason,
            )
            for reason in ("undecodable", "invalid_data")
        }

    eventually(
        dead_letters, predicate=lambda counts: counts == {"undecodable": 1, "invalid_data": 1}
    )
    after = scrape(running.client)
    assert (
        gained(
            before,
            after,
            "fabene_events_consumed_total",
            service="exchange",
            outcome="dead_lettered",
        )
        == 2
    )


class FlakyHandler:
    """Fails each event once, first as a lost database and then as a bug, then handles it."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.handled: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, envelope: Envelope) -> None:
        with self._lock:
            calls = self.calls[envelope.id] = self.calls.get(envelope.id, 0) + 1
        if calls == 1:
            raise OperationalError("SELECT 1", {}, Exception("the database went away"))
        if calls == 2:
            raise RuntimeError("a handler's bug, this once")
        self.handled.append(envelope.id)


@pytest.fixture
def flaky_consumer(settings):
    queues = ServiceQueues.for_service("metricsprobe", ("probe.thing.happened",), settings)
    handler = FlakyHandler()
    consumer = EventConsumer(queues, settings, handler)
    with kombu_connection(settings) as connection:
        declare_service_queues(connection, queues, settings)
    thread = threading.Thread(target=lambda: consumer.run(safety_interval=0.2), daemon=True)
    thread.start()
    assert consumer.ready.wait(10)
    yield handler
    consumer.stop()
    thread.join(5)
    delete_broker_namespace(settings, [queues.main, queues.retry, queues.dead])


def test_retries_are_counted_by_cause(web, settings, flaky_consumer):
    before = scrape(web.client)
    event = Envelope.new("probe.thing.happened", {}, producer="probe")

    publish_envelope(settings, event)

    eventually(lambda: event.id in flaky_consumer.handled)
    after = scrape(web.client)
    retried = {
        cause: gained(
            before, after, "fabene_events_retried_total", service="metricsprobe", cause=cause
        )
        for cause in ("database_unavailable", "handler_failed")
    }
    assert retried == {"database_unavailable": 1, "handler_failed": 1}
    consumed = {
        outcome: gained(
            before, after, "fabene_events_consumed_total", service="metricsprobe", outcome=outcome
        )
        for outcome in ("handled", "retried", "dead_lettered")
    }
    assert consumed == {"handled": 1, "retried": 2, "dead_lettered": 0}
