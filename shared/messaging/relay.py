"""The outbox relay: the only code that publishes events to the broker.

It claims pending outbox rows, publishes them, and marks them published only
once the broker confirmed them. While the broker is down it keeps the rows
and tries again with a growing pause, so nothing is lost.

Every few seconds, whatever the broker and the database are doing, the relay
checks in: it counts the outbox's backlog and lag for the metrics, and touches
its heartbeat file, which a worker's liveness probe reads (deploy/k8s).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared import fault_hook
from shared.config import Settings
from shared.messaging.connection import BrokerUnavailable
from shared.messaging.kombu_publisher import KombuPublisher
from shared.messaging.outbox import OutboxStore
from shared.messaging.pika_publisher import PikaPipelinedPublisher
from shared.messaging.publishing import Publisher
from shared.metrics import (
    OUTBOX_BACKLOG,
    OUTBOX_LAG,
    OUTBOX_PUBLISH_FAILURES,
    OUTBOX_PUBLISHED,
)

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0
PRUNE_EVERY_SECONDS = 600
KEEP_PUBLISHED = timedelta(days=3)
CHECK_IN_EVERY_SECONDS = 5.0


def heartbeat_path(service: str) -> Path:
    """The file a service's relay touches at each check-in (``/tmp`` in the image)."""
    return Path(tempfile.gettempdir()) / f"fabene-relay-{service}.alive"


def publisher_for(settings: Settings) -> Publisher:
    """Pipelined pika on RabbitMQ; plain kombu on the in-memory broker."""
    if settings.uses_memory_broker:
        return KombuPublisher(settings)
    return PikaPipelinedPublisher(settings)


class OutboxRelay:
    """Moves one service's outbox to the broker."""

    def __init__(self, service: str, store: OutboxStore, settings: Settings) -> None:
        self.service = service
        #: The file touched at each check-in; a test may point it elsewhere.
        self.heartbeat = heartbeat_path(service)
        self._store = store
        self._settings = settings
        self._publisher: Publisher | None = None
        self._last_prune = 0.0
        self._last_check_in = float("-inf")

    def run_once(self) -> int:
        """Publish one batch; return how many events the broker confirmed."""
        if self._publisher is None:
            self._publisher = publisher_for(self._settings)
        with self._store.claim(self._settings.relay_batch_size) as batch:
            if not batch.messages:
                return 0
            outcome = self._publisher.publish(batch.messages)
            if outcome.confirmed:
                fault_hook.reached("after_confirm")
            batch.mark_published(outcome.confirmed)
            batch.postpone(outcome.failed)
        OUTBOX_PUBLISHED.labels(self.service).inc(len(outcome.confirmed))
        if outcome.failed:
            OUTBOX_PUBLISH_FAILURES.labels(self.service).inc(len(outcome.failed))
            reasons = "; ".join(sorted(set(outcome.failed.values())))
            log.warning("%d event(s) not published, will retry: %s", len(outcome.failed), reasons)
        return len(outcome.confirmed)

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set, waiting out broker and database outages."""
        backoff = 0.0
        while not stop.is_set():
            self._check_in()
            try:
                published = self.run_once()
                backoff = 0.0
            except BrokerUnavailable as error:
                backoff = min(max(backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
                log.warning("broker unavailable, relay waits %.1fs: %s", backoff, error)
                self._drop_publisher()
                stop.wait(backoff)
                continue
            except Exception:
                backoff = min(max(backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
                log.exception("relay failed, waits %.1fs", backoff)
                stop.wait(backoff)
                continue
            if not published:
                self._idle(stop)
        self.close()

    def close(self) -> None:
        """Close the broker connection (``run`` does so when it stops)."""
        self._drop_publisher()

    def measure_backlog(self) -> None:
        """Set the backlog and lag gauges from the outbox; skipped while the database is down."""
        try:
            backlog = self._store.backlog()
        except Exception as error:
            log.debug("outbox backlog not measured: %r", error)
            return
        OUTBOX_BACKLOG.labels(self.service).set(backlog.events)
        OUTBOX_LAG.labels(self.service).set(backlog.lag_seconds(datetime.now(UTC)))

    def _check_in(self) -> None:
        if time.monotonic() - self._last_check_in < CHECK_IN_EVERY_SECONDS:
            return
        self._last_check_in = time.monotonic()
        try:
            self.heartbeat.touch()
        except OSError as error:
            log.debug("relay heartbeat not written: %r", error)
        self.measure_backlog()

    def _idle(self, stop: threading.Event) -> None:
        keep_alive = getattr(self._publisher, "keep_alive", None)
        if keep_alive is not None:
            try:
                keep_alive()
            except Exception as error:  # the next publish reconnects
                log.debug("relay keep-alive failed: %r", error)
                self._drop_publisher()
        if time.monotonic() - self._last_prune > PRUNE_EVERY_SECONDS:
            self._last_prune = time.monotonic()
            self._store.prune_published(KEEP_PUBLISHED)
        stop.wait(self._settings.relay_idle_seconds)

    def _drop_publisher(self) -> None:
        if self._publisher is not None:
            try:
                self._publisher.close()
            except Exception as error:
                log.debug("closing the publisher: %r", error)
        self._publisher = None
