"""The idempotent consumer: retries, dead letters and a queue that keeps flowing."""

from __future__ import annotations

import threading

import pytest
from kombu import Queue

from shared.messaging.connection import kombu_connection
from shared.messaging.consumer import EventConsumer
from shared.messaging.deadletters import list_dead_letters, replay_dead_letters
from shared.messaging.envelope import Envelope
from shared.messaging.topology import ServiceQueues, declare_service_queues
from tests.support.backends import delete_broker_namespace
from tests.support.broker import publish_envelope, publish_raw
from tests.support.system import eventually

PROBE_TYPES = ("probe.thing.happened",)


class Probe:
    """A stand-in service whose handler records events and fails when told to.

    With ``batches``, it also handles runs of events together, all or nothing,
    as a transaction would: a run holding an event that fails records none.
    """

    def __init__(
        self, settings, failures_before_success: int | None = None, batches: bool = False
    ) -> None:
        self.settings = settings
        self.queues = ServiceQueues.for_service("probe", PROBE_TYPES, settings)
        self.handled: list[str] = []
        self.calls: dict[str, int] = {}
        self.batches: list[list[str]] = []
        self.failures_before_success = failures_before_success
        self._lock = threading.Lock()
        dispatch_many = self.dispatch_many if batches else None
        self.consumer = EventConsumer(self.queues, settings, self.dispatch, dispatch_many)

    def dispatch_many(self, envelopes: list[Envelope]) -> bool:
        if any(envelope.data.get("alone") for envelope in envelopes):
            return False
        if any(envelope.data.get("fail") for envelope in envelopes):
            raise RuntimeError("a batch fails on purpose")
        with self._lock:
            self.batches.append([envelope.id for envelope in envelopes])
            self.handled.extend(envelope.id for envelope in envelopes)
        return True

    def dispatch(self, envelope: Envelope) -> None:
        with self._lock:
            self.calls[envelope.id] = self.calls.get(envelope.id, 0) + 1
            calls = self.calls[envelope.id]
        still_failing = (
            self.failures_before_success is None or calls <= self.failures_before_success
        )
        if envelope.data.get("fail") and still_failing:
            raise RuntimeError(f"the handler fails on purpose (call {calls})")
        with self._lock:
            self.handled.append(envelope.id)

    def dead_letters(self):
        return list_dead_letters(self.settings, self.queues)


@pytest.fixture
def probe_factory(settings):
    probes = []

    def start(backlog: tuple[Envelope, ...] = (), **options) -> Probe:
        """A probe consuming; what is in ``backlog`` is published before it starts."""
        probe = Probe(settings, **options)
        with kombu_connection(settings) as connection:
            declare_service_queues(connection, probe.queues, settings)
        for envelope in backlog:
            publish_envelope(settings, envelope)
        thread = threading.Thread(
            target=lambda: probe.consumer.run(safety_interval=0.2), daemon=True
        )
        thread.start()
        assert probe.consumer.ready.wait(10)
        probes.append((probe, thread))
        return probe

    yield start
    for probe, thread in probes:
        probe.consumer.stop()
        thread.join(5)
        queues = probe.queues
        delete_broker_namespace(settings, [queues.main, queues.retry, queues.dead])


def probe_event(**data) -> Envelope:
    return Envelope.new("probe.thing.happened", data, producer="probe")


def test_a_body_that_is_not_json_is_dead_lettered_and_the_next_event_is_handled(
    settings, probe_factory
):
    probe = probe_factory()
    publish_raw(settings, "probe.thing.happened", b"{this is not json", message_id="broken-1")
    good = probe_event(n=1)
    publish_envelope(settings, good)

    eventually(lambda: good.id in probe.handled)
    [letter] = eventually(probe.dead_letters)
    assert letter.message_id == "broken-1"
    assert "decode" in letter.reason
    assert letter.body_preview == "{this is not json"


def test_an_envelope_missing_its_fields_is_dead_lettered_with_the_reason(settings, probe_factory):
    probe = probe_factory()
    publish_raw(settings, "probe.thing.happened", '{"type": "probe.thing.happened"}')

    [letter] = eventually(probe.dead_letters)
    assert "invalid envelope" in letter.reason
    assert "occurred_at" in letter.reason


def test_a_pickled_body_is_never_unpickled_but_dead_lettered(settings, probe_factory):
    probe = probe_factory()
    publish_raw(
        settings,
        "probe.thing.happened",
        b"\x80\x04\x95\x00",
        content_type="application/x-python-serialize",
    )

    [letter] = eventually(probe.dead_letters)
    assert "decode" in letter.reason


def test_a_handler_that_always_fails_is_retried_then_dead_lettered_while_others_flow(
    settings, probe_factory
):
    probe = probe_factory()
    poison = probe_event(fail=True)
    publish_envelope(settings, poison)
    goods = [probe_event(n=n) for n in range(5)]
    for good in goods:
        publish_envelope(settings, good)

    eventually(lambda: all(good.id in probe.handled for good in goods))
    [letter] = eventually(probe.dead_letters)
    assert letter.message_id == poison.id
    assert letter.attempts == settings.max_attempts
    assert "fails on purpose" in letter.reason
    assert probe.calls[poison.id] == settings.max_attempts


def test_a_transient_failure_is_retried_after_a_delay_and_handled_once(settings, probe_factory):
    probe = probe_factory(failures_before_success=1)
    flaky = probe_event(fail=True)
    publish_envelope(settings, flaky)

    eventually(lambda: flaky.id in probe.handled)
    assert probe.calls[flaky.id] == 2
    assert probe.dead_letters() == []


def test_a_replayed_dead_letter_is_handled_once_it_can_be(settings, probe_factory):
    probe = probe_factory(failures_before_success=3)
    stuck = probe_event(fail=True)
    publish_envelope(settings, stuck)
    eventually(probe.dead_letters)
    assert stuck.id not in probe.handled

    replayed = replay_dead_letters(settings, probe.queues, lambda letter: True)

    assert replayed == 1
    eventually(lambda: stuck.id in probe.handled)
    assert probe.dead_letters() == []


def test_listing_dead_letters_leaves_them_in_their_queue(settings, probe_factory):
    probe = probe_factory()
    publish_raw(settings, "probe.thing.happened", b"garbage")
    eventually(probe.dead_letters)

    assert len(probe.dead_letters()) == 1
    assert len(probe.dead_letters()) == 1


def waiting_in(settings, queue_name: str) -> int:
    with kombu_connection(settings) as connection:
        return Queue(queue_name)(connection.default_channel).queue_declare(passive=True)[1]


def test_a_backlog_is_handled_in_batches_of_at_most_the_prefetch_each_event_once(
    settings, probe_factory
):
    backlog = [probe_event(n=n) for n in range(3 * settings.prefetch_count + 5)]
    probe = probe_factory(backlog=backlog, batches=True)

    eventually(lambda: len(probe.handled) == len(backlog))

    assert sorted(probe.handled) == sorted(event.id for event in backlog)
    assert probe.calls == {}  # none went one by one
    assert max(len(batch) for batch in probe.batches) > 1
    assert max(len(batch) for batch in probe.batches) <= settings.prefetch_count
    assert [i for batch in probe.batches for i in batch] == [event.id for event in backlog]
    eventually(lambda: waiting_in(settings, probe.queues.main) == 0)


def test_a_failing_batch_is_handled_one_by_one_and_only_its_bad_event_is_retried(
    settings, probe_factory
):
    goods = [probe_event(n=n) for n in range(8)]
    poison = probe_event(fail=True)
    probe = probe_factory(backlog=[*goods[:4], poison, *goods[4:]], batches=True)

    eventually(lambda: all(good.id in probe.handled for good in goods))
    [letter] = eventually(probe.dead_letters)

    assert letter.message_id == poison.id
    assert letter.attempts == settings.max_attempts
    assert sorted(probe.handled) == sorted(good.id for good in goods)
    assert probe.calls[poison.id] == settings.max_attempts


def test_events_that_cannot_go_together_are_handled_one_by_one_in_order(settings, probe_factory):
    backlog = [probe_event(n=n, alone=True) for n in range(6)]
    probe = probe_factory(backlog=backlog, batches=True)

    eventually(lambda: len(probe.handled) == len(backlog))

    assert probe.handled == [event.id for event in backlog]
    assert probe.batches == []
    assert all(probe.calls[event.id] == 1 for event in backlog)


def test_an_invalid_envelope_in_a_backlog_is_dead_lettered_and_the_rest_handled_once(
    settings, probe_factory
):
    queues = ServiceQueues.for_service("probe", PROBE_TYPES, settings)
    with kombu_connection(settings) as connection:
        declare_service_queues(connection, queues, settings)
    goods = [probe_event(n=n) for n in range(6)]
    for good in goods[:3]:
        publish_envelope(settings, good)
    publish_raw(settings, "probe.thing.happened", '{"type": "probe.thing.happened"}')
    for good in goods[3:]:
        publish_envelope(settings, good)
    probe = probe_factory(batches=True)

    eventually(lambda: len(probe.handled) == len(goods))
    [letter] = eventually(probe.dead_letters)

    assert "invalid envelope" in letter.reason
    assert sorted(probe.handled) == sorted(good.id for good in goods)
