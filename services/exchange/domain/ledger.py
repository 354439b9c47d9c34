"""The double-entry ledger of FOOD and TIME credits.

Units are integers: FOOD in euro cents, TIME in minutes. Every account holds
one unit. Members have one account per unit; each network has system
accounts: its FOOD pool (credits waiting to be allocated), its funding
(where grants come from), its TIME issuance (where confirmed hours come
from), and one clearing account per shop (what the network and that shop owe
each other: positive when the network owes the shop for credits it honoured,
negative when the shop holds spesa sospesa money).

A transaction is a set of postings that add up to zero in each unit, so a
credit is never created or lost: it only moves. Member accounts and the pool
never go below zero; funding, issuance and clearing accounts may. A
transaction is never changed: a mistake is undone by a reversal that points
to the original. Balances are kept on the accounts, moved in the same
database transaction as the postings, so reading one costs the same however
long the history.

The same rules are enforced again by the database (CHECK constraints, and on
PostgreSQL a deferred trigger that the postings of a transaction sum to zero,
and triggers refusing any UPDATE or DELETE of a posting).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from shared.correlation import new_id

from .errors import InsufficientCredit, UnbalancedTransaction


class Unit(StrEnum):
    FOOD = "FOOD"  # euro cents
    TIME = "TIME"  # minutes


class AccountKind(StrEnum):
    MEMBER = "member"
    FOOD_POOL = "food_pool"
    FUNDING = "funding"
    SHOP_CLEARING = "shop_clearing"
    TIME_ISSUANCE = "time_issuance"


MAY_GO_NEGATIVE = {AccountKind.FUNDING, AccountKind.SHOP_CLEARING, AccountKind.TIME_ISSUANCE}
NETWORK_ACCOUNTS = (
    (AccountKind.FOOD_POOL, Unit.FOOD),
    (AccountKind.FUNDING, Unit.FOOD),
    (AccountKind.TIME_ISSUANCE, Unit.TIME),
)


@dataclass
class Account:
    """Credits of one unit held by a member, or by the network for some purpose.

    ``owner_id`` is the member for member accounts, the shop for a shop's
    clearing account, and the network for the network's own accounts.
    """

    id: str
    network_id: str
    unit: Unit
    kind: AccountKind
    owner_id: str
    balance: int = 0

    @classmethod
    def open(cls, network_id: str, unit: Unit, kind: AccountKind, owner_id: str) -> Account:
        return cls(new_id(), network_id, unit, kind, owner_id)

    @property
    def may_go_negative(self) -> bool:
        return self.kind in MAY_GO_NEGATIVE

    def check_can_take(self, amount: int) -> None:
        """Refuse a posting that would take this account below zero, if it may not go there."""
        if not self.may_go_negative and self.balance + amount < 0:
            raise InsufficientCredit(
                "not enough credit",
                {"balance": self.balance, "requested": -amount, "unit": self.unit.value},
            )


@dataclass(frozen=True)
class Posting:
    account_id: str
    unit: Unit
    amount: int


class TransactionKind(StrEnum):
    DONATION = "donation"
    GRANT = "grant"
    ALLOCATION = "allocation"
    REDEMPTION = "redemption"
    REFUND = "refund"
    REVERSAL = "reversal"
    EXPIRY = "expiry"
    TIME_CREDIT = "time_credit"
    TIME_GIFT = "time_gift"
    TIME_SPEND = "time_spend"
    MERGE = "merge"
    SETTLEMENT = "settlement"


@dataclass
class Transaction:
    """Who moved what where and when: postings plus their context."""

    id: str
    kind: TransactionKind
    network_id: str
    postings: list[Posting]
    created_at: datetime
    actor_id: str
    actor_role: str
    member_id: str | None = None
    shop_id: str | None = None
    device_id: str | None = None
    reverses_id: str | None = None
    memo: str = ""
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        kind: TransactionKind,
        network_id: str,
        postings: Iterable[Posting],
        actor_id: str,
        actor_role: str,
        **context,
    ) -> Transaction:
        postings = list(postings)
        check_balanced(postings)
        return cls(
            new_id(),
            kind,
            network_id,
            postings,
            datetime.now(UTC),
            actor_id,
            actor_role,
            **context,
        )

    def amount_for(self, account_id: str) -> int:
        return sum(p.amount for p in self.postings if p.account_id == account_id)

    def reversal(self, actor_id: str, actor_role: str, memo: str) -> Transaction:
        """The transaction that undoes this one, pointing back to it."""
        return Transaction.of(
            TransactionKind.REVERSAL,
            self.network_id,
            [Posting(p.account_id, p.unit, -p.amount) for p in self.postings],
            actor_id,
            actor_role,
            member_id=self.member_id,
            shop_id=self.shop_id,
            reverses_id=self.id,
            memo=memo,
        )


def check_balanced(postings: list[Posting]) -> None:
    """Postings move whole units and add up to zero in each unit."""
    if len(postings) < 2:
        raise UnbalancedTransaction("a transaction moves credits between two accounts at least")
    totals: dict[Unit, int] = defaultdict(int)
    for posting in postings:
        if not isinstance(posting.amount, int) or isinstance(posting.amount, bool):
            raise UnbalancedTransaction("amounts are whole cents or minutes")
        if posting.amount == 0:
            raise UnbalancedTransaction("a posting moves something")
        totals[posting.unit] += posting.amount
    unbalanced = {unit.value: total for unit, total in totals.items() if total}
    if unbalanced:
        raise UnbalancedTransaction(f"postings do not add up to zero: {unbalanced}")


def transfer(
    kind: TransactionKind,
    source: Account,
    destination: Account,
    amount: int,
    actor_id: str,
    actor_role: str,
    **context,
) -> Transaction:
    """A transaction moving ``amount`` from one account to another of the same unit."""
    if source.unit is not destination.unit:
        raise UnbalancedTransaction("credits move only between accounts of one unit")
    if amount <= 0:
        raise UnbalancedTransaction("an amount is more than zero")
    return Transaction.of(
        kind,
        destination.network_id,
        [
            Posting(source.id, source.unit, -amount),
            Posting(destination.id, destination.unit, amount),
        ],
        actor_id,
        actor_role,
        **context,
    )


def apply(transaction: Transaction, accounts: Mapping[str, Account]) -> None:
    """Move the balances of a transaction, refusing it whole if any account may not."""
    for posting in transaction.postings:
        account = accounts[posting.account_id]
        if account.unit is not posting.unit:
            raise UnbalancedTransaction("a posting's unit is its account's unit")
    for account_id, amount in _per_account(transaction).items():
        accounts[account_id].check_can_take(amount)
    for account_id, amount in _per_account(transaction).items():
        accounts[account_id].balance += amount


def _per_account(transaction: Transaction) -> dict[str, int]:
    amounts: dict[str, int] = defaultdict(int)
    for posting in transaction.postings:
        amounts[posting.account_id] += posting.amount
    return amounts
