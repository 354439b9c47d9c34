"""Repositories of the exchange: aggregates by key, accounts under lock, postings by Core."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from shared.db import total, upsert_for
from shared.unit_of_work import Repository

from ..domain.directory import Card, Contract, Device, Shop
from ..domain.ledger import Account, AccountKind, Posting, Transaction, TransactionKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..domain.recovery import FoodRecovery, Settlement
from ..domain.time_credits import TimeEntry
from . import orm


class _ByKey(Repository):
    """Add and get one kind of aggregate by its primary key."""

    record_class: type

    def add(self, record: Any) -> None:
        self.session.add(self._track(record))

    def get(self, key: str) -> Any | None:
        return self._track(self.session.get(self.record_class, key))


class SqlAlchemyLedgerNetworkRepository(_ByKey):
    record_class = LedgerNetwork

    def all(self) -> list[LedgerNetwork]:
        return [self._track(network) for network in self.session.scalars(select(LedgerNetwork))]


class SqlAlchemyLedgerMemberRepository(_ByKey):
    record_class = LedgerMember

    def active_households(self, network_id: str) -> list[LedgerMember]:
        query = select(LedgerMember).where(
            LedgerMember.network_id == network_id,
            LedgerMember.kind == "household",
            LedgerMember.status == "active",
        )
        return [self._track(member) for member in self.session.scalars(query)]


class SqlAlchemyCardRepository(_ByKey):
    record_class = Card

    def by_number(self, number: str, *, lock: bool = False) -> Card | None:
        query = select(Card).where(Card.card_number == number)
        if lock:
            query = query.with_for_update()
        return self._track(self.session.scalars(query).first())


class SqlAlchemyDeviceRepository(_ByKey):
    record_class = Device


class SqlAlchemyShopRepository(_ByKey):
    record_class = Shop


class SqlAlchemyContractRepository(_ByKey):
    record_class = Contract

    def of_household(self, household_id: str) -> list[Contract]:
        return list(
            self.session.scalars(select(Contract).where(Contract.household_id == household_id))
        )


class SqlAlchemyTimeEntryRepository(_ByKey):
    record_class = TimeEntry


class SqlAlchemyAccountRepository(Repository):
    """Accounts, always locked before their balance is read to be moved."""

    def add(self, account: Account) -> None:
        self.session.add(account)

    def of(self, owner_id: str, kind: AccountKind, unit: Unit) -> Account | None:
        query = select(Account).where(
            Account.owner_id == owner_id, Account.kind == kind, Account.unit == unit
        )
        return self.session.scalars(query).first()

    def lock(self, *account_ids: str) -> dict[str, Account]:
        """The accounts, locked in id order (so two transactions never deadlock), fresh."""
        query = (
            select(Account)
            .where(Account.id.in_(account_ids))
            .order_by(Account.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        locked = {account.id: account for account in self.session.scalars(query)}
        missing = set(account_ids) - set(locked)
        if missing:
            raise LookupError(f"no accounts {sorted(missing)}")
        return locked


INSERT_TRANSACTION = insert(orm.transactions)
INSERT_POSTINGS = insert(orm.postings)


class SqlAlchemyTransactionRepository(Repository):
    """Transactions with their postings, written once and never changed."""

    def add(self, transaction: Transaction) -> None:
        self._track(transaction)
        self.session.flush()  # accounts opened in this work exist before postings name them
        for statement, parameters in _rows_of(transaction):
            self.session.execute(statement, parameters)

    def add_with_commit(self, transaction: Transaction) -> None:
        """``add``, written with the commit in its round trip (the till's redemptions)."""
        self._track(transaction)
        for statement, parameters in _rows_of(transaction):
            self._defer(statement, parameters)

    def get(self, transaction_id: str) -> Transaction | None:
        transaction = self.session.get(Transaction, transaction_id)
        if transaction is not None:
            rows = self.session.execute(
                select(orm.postings.c.account_id, orm.postings.c.unit, orm.postings.c.amount)
                .where(orm.postings.c.transaction_id == transaction_id)
                .order_by(orm.postings.c.id)
            )
            transaction.postings = [Posting(a, Unit(u), amount) for a, u, amount in rows]
        return self._track(transaction)

    def is_reversed(self, transaction_id: str) -> bool:
        """True if a reversal or refund points to the transaction."""
        query = select(orm.transactions.c.id).where(
            orm.transactions.c.reverses_id == transaction_id
        )
        return self.session.execute(query.limit(1)).first() is not None

    def refunded_so_far(self, transaction_id: str, account_id: str) -> int:
        """What refunds and reversals of a transaction already gave back to an account."""
        return self.session.scalar(
            select(total(orm.postings.c.amount))
            .select_from(orm.postings.join(orm.transactions))
            .where(
                orm.transactions.c.reverses_id == transaction_id,
                orm.postings.c.account_id == account_id,
            )
        )

    def allocations(self, account_id: str) -> list[tuple[int, datetime]]:
        """Each allocation an account received: its amount and when."""
        rows = self.session.execute(
            select(orm.postings.c.amount, orm.transactions.c.created_at)
            .select_from(orm.postings.join(orm.transactions))
            .where(
                orm.postings.c.account_id == account_id,
                orm.transactions.c.kind == TransactionKind.ALLOCATION.value,
            )
        )
        return [(amount, created_at) for amount, created_at in rows]


def _rows_of(transaction: Transaction):
    """The INSERTs of a transaction and of its postings."""
    yield (
        INSERT_TRANSACTION,
        {
            "id": transaction.id,
            "kind": transaction.kind.value,
            "network_id": transaction.network_id,
            "created_at": transaction.created_at,
            "actor_id": transaction.actor_id,
            "actor_role": transaction.actor_role,
            "member_id": transaction.member_id,
            "shop_id": transaction.shop_id,
            "device_id": transaction.device_id,
            "reverses_id": transaction.reverses_id,
            "memo": transaction.memo,
        },
    )
    yield (
        INSERT_POSTINGS,
        [
            {
                "transaction_id": transaction.id,
                "account_id": p.account_id,
                "unit": p.unit.value,
                "amount": p.amount,
            }
            for p in transaction.postings
        ],
    )


class SqlAlchemyEntitlementRepository(Repository):
    """Which household had which cycle's entitlement, and which expiry warnings went out."""

    def had(self, member_id: str, cycle: int) -> bool:
        table = orm.entitlement_allocations
        query = select(table.c.member_id).where(
            table.c.member_id == member_id, table.c.cycle == cycle
        )
        return self.session.execute(query).first() is not None

    def record(self, household: LedgerMember, cycle: int, tx: Transaction, amount: int) -> None:
        self.session.execute(
            insert(orm.entitlement_allocations).values(
                member_id=household.member_id,
                cycle=cycle,
                network_id=household.network_id,
                transaction_id=tx.id,
                amount_cents=amount,
            )
        )

    def warn_once(self, member_id: str, expires_on: date, amount: int) -> bool:
        """Note a warning about credits expiring on a day; False if it was given already."""
        table = orm.expiry_warnings
        inserted = self.session.execute(
            upsert_for(self.session)(table)
            .values(member_id=member_id, expires_on=expires_on, amount_cents=amount)
            .on_conflict_do_nothing(index_elements=[table.c.member_id, table.c.expires_on])
            .returning(table.c.member_id)
        ).first()
        return inserted is not None


class SqlAlchemyFoodRecoveryRepository(_ByKey):
    record_class = FoodRecovery


class SqlAlchemySettlementRepository(_ByKey):
    record_class = Settlement

    def overlapping(self, network_id: str, start: date, end: date) -> Settlement | None:
        query = select(Settlement).where(
            Settlement.network_id == network_id,
            Settlement.period_start <= end,
            Settlement.period_end >= start,
        )
        return self.session.scalars(query).first()
