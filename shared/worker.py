"""A service's background work: its outbox relay, its consumer and its own loops, in threads.

``fabene worker SERVICE`` runs one in its own process; ``fabene run`` runs
every service's in the all-in-one process.
"""

from __future__ import annotations

import logging
import threading

from shared.messaging.consumer import EventConsumer
from shared.service import Service

log = logging.getLogger(__name__)


class Worker:
    """Starts and stops one service's relay and consumer threads."""

    def __init__(
        self,
        service: Service,
        *,
        relay: bool = True,
        consume: bool = True,
        background: bool = True,
    ) -> None:
        self.service = service
        self._background = dict(service.background) if background else {}
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._relay = service.relay() if relay else None
        self.consumer: EventConsumer | None = service.consumer() if consume else None

    def start(self) -> Worker:
        name = self.service.name
        if self._relay is not None:
            self._spawn(f"{name}-relay", lambda: self._relay.run(self._stop))
        if self.consumer is not None:
            # A short drain timeout lets a stop take effect quickly.
            self._spawn(f"{name}-consumer", lambda: self.consumer.run(safety_interval=0.25))
        for loop_name, loop in self._background.items():
            self._spawn(f"{name}-{loop_name}", lambda loop=loop: loop(self._stop))
        return self

    def wait_until_consuming(self, timeout: float = 10.0) -> bool:
        """True once the consumer listens (or there is none)."""
        return self.consumer is None or self.consumer.ready.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self.consumer is not None:
            self.consumer.stop()
        for thread in self._threads:
            thread.join(timeout)

    def join(self) -> None:
        """Block until the threads end (after ``stop``, or a fatal error)."""
        while any(thread.is_alive() for thread in self._threads):
            for thread in self._threads:
                thread.join(0.5)

    def _spawn(self, name: str, target) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)
