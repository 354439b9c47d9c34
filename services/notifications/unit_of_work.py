"""The notifications unit of work and its repositories."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.correlation import new_id
from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters.repositories import (
    SqlAlchemyContractRepository,
    SqlAlchemyDeliveryRepository,
    SqlAlchemyHoursRepository,
    SqlAlchemyInboxRepository,
    SqlAlchemyRecipientRepository,
    SqlAlchemyTakingsRepository,
)
from .adapters.translators import to_envelope


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    recipients: SqlAlchemyRecipientRepository
    inbox: SqlAlchemyInboxRepository
    deliveries: SqlAlchemyDeliveryRepository
    takings: SqlAlchemyTakingsRepository
    hours: SqlAlchemyHoursRepository
    contracts: SqlAlchemyContractRepository

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

    @property
    def occurred_at(self) -> datetime:
        """When the event this work handles happened (now, for work no event caused)."""
        return self.causation.occurred_at if self.causation is not None else datetime.now(UTC)

    def _open(self, session):
        self.recipients = SqlAlchemyRecipientRepository(session)
        self.inbox = SqlAlchemyInboxRepository(session)
        self.deliveries = SqlAlchemyDeliveryRepository(session)
        self.takings = SqlAlchemyTakingsRepository(session)
        self.hours = SqlAlchemyHoursRepository(session)
        self.contracts = SqlAlchemyContractRepository(session)
        return [self.recipients, self.inbox, self.deliveries, self.takings]
