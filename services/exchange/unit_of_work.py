"""The exchange's unit of work and its repositories."""

from __future__ import annotations

from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters.repositories import (
    SqlAlchemyLedgerMemberRepository,
    SqlAlchemyLedgerNetworkRepository,
)
from .adapters.translators import to_envelope


class ExchangeUnitOfWork(SqlAlchemyUnitOfWork):
    networks: SqlAlchemyLedgerNetworkRepository
    members: SqlAlchemyLedgerMemberRepository

    def __init__(self, database: Database) -> None:
        super().__init__(
            database,
            outbox=orm.outbox,
            handled_events=orm.handled_events,
            to_envelope=to_envelope,
        )

    def _open(self, session):
        self.networks = SqlAlchemyLedgerNetworkRepository(session)
        self.members = SqlAlchemyLedgerMemberRepository(session)
        return [self.networks, self.members]
