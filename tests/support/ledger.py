"""Reading a ledger back and checking it adds up: the invariants no bug may break."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from services.exchange.adapters import orm


@dataclass(frozen=True)
class LedgerCheck:
    unbalanced_transactions: int
    negative_protected_accounts: int
    balances_not_matching_postings: int

    @property
    def clean(self) -> bool:
        return not (
            self.unbalanced_transactions
            or self.negative_protected_accounts
            or self.balances_not_matching_postings
        )


def check_ledger(exchange) -> LedgerCheck:
    """Count every breach of the ledger's rules in the exchange's database."""
    postings, accounts = orm.postings, orm.accounts
    with exchange.database.session() as session:
        unbalanced = session.execute(
            select(postings.c.transaction_id, postings.c.unit)
            .group_by(postings.c.transaction_id, postings.c.unit)
            .having(func.sum(postings.c.amount) != 0)
        ).all()
        negative = session.scalar(
            select(func.count())
            .select_from(accounts)
            .where(accounts.c.kind.in_(["member", "food_pool"]), accounts.c.balance < 0)
        )
        sums = (
            select(postings.c.account_id, func.sum(postings.c.amount).label("total"))
            .group_by(postings.c.account_id)
            .subquery()
        )
        mismatched = session.scalar(
            select(func.count())
            .select_from(accounts.outerjoin(sums, sums.c.account_id == accounts.c.id))
            .where(accounts.c.balance != func.coalesce(sums.c.total, 0))
        )
    return LedgerCheck(len(unbalanced), negative, mismatched)
