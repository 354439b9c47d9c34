"""One service wired together: what its web app, worker and migrations need.

Each service's ``bootstrap.py`` builds one; the CLI and the all-in-one
runner use it without knowing the service's insides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from sqlalchemy import MetaData, Table

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.messaging.consumer import EventConsumer
from shared.messaging.outbox import OutboxStore
from shared.messaging.relay import OutboxRelay
from shared.messaging.subscriptions import EventDispatcher, Subscriptions
from shared.messaging.topology import ServiceQueues
from shared.migrations import upgrade


@dataclass
class Service:
    """A service's parts: database, bus, subscriptions and app factory."""

    name: str
    settings: Settings
    database: Database
    metadata: MetaData
    outbox: Table
    bus: MessageBus
    subscriptions: Subscriptions | None
    app_factory: Callable[[], Flask]
    migrations_dir: Path
    after_upgrade: Callable[[], None] | None = None
    # Loops of the service's own that its worker runs beside the relay and the
    # consumer (the notifications dispatcher): each runs until the event is set.
    background: Mapping[str, Callable[[threading.Event], None]] = field(default_factory=dict)

    def create_app(self) -> Flask:
        return self.app_factory()

    @property
    def queues(self) -> ServiceQueues | None:
        if self.subscriptions is None:
            return None
        return ServiceQueues.for_service(self.name, self.subscriptions.binding_keys, self.settings)

    def upgrade_database(self) -> None:
        """Migrate the database to the newest revision, then seed what it needs."""
        upgrade(self.database, self.metadata, self.migrations_dir)
        if self.after_upgrade is not None:
            self.after_upgrade()

    def relay(self) -> OutboxRelay:
        return OutboxRelay(self.name, OutboxStore(self.database, self.outbox), self.settings)

    def consumer(self) -> EventConsumer | None:
        if self.subscriptions is None:
            return None
        dispatcher = EventDispatcher(self.bus, self.subscriptions)
        return EventConsumer(
            self.queues, self.settings, dispatcher, dispatch_many=dispatcher.handle_many
        )
