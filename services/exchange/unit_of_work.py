"""The exchange's unit of work and its repositories."""

from __future__ import annotations

from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters import repositories as repos
from .adapters.idempotency import SqlAlchemyIdempotencyStore
from .adapters.till import SqlAlchemyTillRepository
from .adapters.translators import to_envelope


class ExchangeUnitOfWork(SqlAlchemyUnitOfWork):
    networks: repos.SqlAlchemyLedgerNetworkRepository
    members: repos.SqlAlchemyLedgerMemberRepository
    accounts: repos.SqlAlchemyAccountRepository
    transactions: repos.SqlAlchemyTransactionRepository
    cards: repos.SqlAlchemyCardRepository
    devices: repos.SqlAlchemyDeviceRepository
    shops: repos.SqlAlchemyShopRepository
    contracts: repos.SqlAlchemyContractRepository
    time_entries: repos.SqlAlchemyTimeEntryRepository
    till: SqlAlchemyTillRepository
    entitlements: repos.SqlAlchemyEntitlementRepository
    food_recoveries: repos.SqlAlchemyFoodRecoveryRepository
    settlements: repos.SqlAlchemySettlementRepository
    idempotency: SqlAlchemyIdempotencyStore

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
        self.accounts = repos.SqlAlchemyAccountRepository(session)
        self.transactions = repos.SqlAlchemyTransactionRepository(session)
        self.cards = repos.SqlAlchemyCardRepository(session)
        self.devices = repos.SqlAlchemyDeviceRepository(session)
        self.shops = repos.SqlAlchemyShopRepository(session)
        self.contracts = repos.SqlAlchemyContractRepository(session)
        self.time_entries = repos.SqlAlchemyTimeEntryRepository(session)
        self.till = SqlAlchemyTillRepository(session)
        self.entitlements = repos.SqlAlchemyEntitlementRepository(session)
        self.food_recoveries = repos.SqlAlchemyFoodRecoveryRepository(session)
        self.settlements = repos.SqlAlchemySettlementRepository(session)
        self.idempotency = SqlAlchemyIdempotencyStore(session)
        return [
            self.transactions,
            self.till,
            self.idempotency,
            self.cards,
            self.time_entries,
            self.networks,
            self.members,
        ]
