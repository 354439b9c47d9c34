"""The notifications service's parts: a Service whose background work also dispatches.

shared/worker.py runs a service's relay and its consumer, and knows nothing
of dispatchers. Until a Service can declare background loops of its own
(proposed in docs/notifications.md), the notifications worker's relay
thread runs the outbox relay and the delivery dispatcher together: both
move what the service wrote in its database out to the world, events to the
broker and messages to people. ``fabene worker notifications --no-relay``
therefore dispatches nothing; ``fabene notifications dispatch`` does only
that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.messaging.relay import OutboxRelay
from shared.service import Service

from .dispatcher import DeliveryDispatcher


@dataclass
class NotificationsService(Service):
    dispatcher_factory: Callable[..., DeliveryDispatcher] | None = None

    def dispatcher(self, **options: Any) -> DeliveryDispatcher:
        """A dispatcher of this service's deliveries; keywords replace its parts (tests)."""
        assert self.dispatcher_factory is not None
        return self.dispatcher_factory(**options)

    def relay(self) -> RelayAndDispatcher:
        return RelayAndDispatcher(super().relay(), self.dispatcher())


class RelayAndDispatcher:
    """The outbox relay in the calling thread, the dispatcher in a thread beside it."""

    def __init__(self, relay: OutboxRelay, dispatcher: DeliveryDispatcher) -> None:
        self.relay = relay
        self.dispatcher = dispatcher

    def run_once(self) -> int:
        """One relay batch, as OutboxRelay.run_once (the dispatcher has its own)."""
        return self.relay.run_once()

    def close(self) -> None:
        self.relay.close()

    def run(self, stop: threading.Event) -> None:
        """Relay and dispatch until ``stop`` is set."""
        thread = threading.Thread(
            target=self.dispatcher.run, args=(stop,), name="notifications-dispatcher", daemon=True
        )
        thread.start()
        try:
            self.relay.run(stop)
        finally:
            thread.join()
