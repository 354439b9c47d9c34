"""The notifications unit of work and its repositories."""

from __future__ import annotations

from shared.correlation import new_id
from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters.repositories import (
    SqlAlchemyDeliveryRepository,
    SqlAlchemyInboxRepository,
    SqlAlchemyRecipientRepository,
)
from .adapters.translators import to_envelope


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    recipients: SqlAlchemyRecipientRepository
    inbox: SqlAlchemyInboxRepository
    deliveries: SqlAlchemyDeliveryRepository

    def __init__(self, database: Database) -> None:
        super().__init__(
            database,
            outbox=orm.outbox,
            handled_events=orm.handled_events,
            to_envelope=to_envelope,
        )
        self._fallback_event_id = new_id()

    @property
    def event_id(self) -> str:
        """The id of the event this work handles (deliveries are unique per event)."""
        return self.causation.id if self.causation is not None else self._fallback_event_id

    def _open(self, session):
        self.recipients = SqlAlchemyRecipientRepository(session)
        self.inbox = SqlAlchemyInboxRepository(session)
        self.deliveries = SqlAlchemyDeliveryRepository(session)
        return [self.recipients]
