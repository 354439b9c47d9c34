"""The exchange's unit of work and its repositories."""

from __future__ import annotations

from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters import repositories as repos
from .adapters.translators import to_envelope


class ExchangeUnitOfWork(SqlAlchemyUnitOfWork):
    networks: repos.SqlAlchemyLedgerNetworkRepository
    members: repos.SqlAlchemyLedgerMemberRepository
    cards: repos.SqlAlchemyCardRepository
    devices: repos.SqlAlchemyDeviceRepository
    shops: repos.SqlAlchemyShopRepository
    contracts: repos.SqlAlchemyContractRepository

    def __init__(self, database: Database) -> None:
        super().__init__(
            database,
            outbox=orm.outbox,
            handled_events=orm.handled_events,
            to_envelope=to_envelope,
        )

    def _open(self, session):
        self.networks = repos.SqlAlchemyLedgerNetworkRepository(session)
        self.members = repos.SqlAlchemyLedgerMemberRepository(session)
        self.cards = repos.SqlAlchemyCardRepository(session)
        self.devices = repos.SqlAlchemyDeviceRepository(session)
        self.shops = repos.SqlAlchemyShopRepository(session)
        self.contracts = repos.SqlAlchemyContractRepository(session)
        return [self.networks, self.members, self.cards, self.devices, self.shops, self.contracts]
