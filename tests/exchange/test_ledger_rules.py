"""The ledger's rules, in plain Python and once more in the database."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, text, update
from sqlalchemy.exc import DBAPIError

from services.exchange.adapters import orm
from services.exchange.domain.errors import InsufficientCredit, UnbalancedTransaction
from services.exchange.domain.ledger import (
    Account,
    AccountKind,
    Posting,
    Transaction,
    TransactionKind,
    Unit,
    apply,
    transfer,
)
from services.exchange.domain.settlement import ShopPosition, settlement_transfers
from tests.support.backends import IS_REAL

NETWORK = "n"


def member(balance=0, unit=Unit.FOOD) -> Account:
    return Account(str(uuid.uuid4()), NETWORK, unit, AccountKind.MEMBER, "m", balance)


def funding(balance=0) -> Account:
    return Account(str(uuid.uuid4()), NETWORK, Unit.FOOD, AccountKind.FUNDING, NETWORK, balance)


def test_postings_must_add_up_to_zero_in_each_unit():
    a, b = member(), member()
    with pytest.raises(UnbalancedTransaction):
        Transaction.of(
            TransactionKind.GRANT,
            NETWORK,
            [Posting(a.id, Unit.FOOD, 5), Posting(b.id, Unit.FOOD, -4)],
            "x",
            "admin",
        )
    with pytest.raises(UnbalancedTransaction):
        Transaction.of(
            TransactionKind.GRANT,
            NETWORK,
            [Posting(a.id, Unit.FOOD, 5), Posting(b.id, Unit.TIME, -5)],
            "x",
            "admin",
        )
    with pytest.raises(UnbalancedTransaction):
        Transaction.of(TransactionKind.GRANT, NETWORK, [Posting(a.id, Unit.FOOD, 0)], "x", "admin")


def test_a_member_never_goes_below_zero_but_funding_may():
    household, pool = member(100), funding(0)
    with pytest.raises(InsufficientCredit):
        apply(
            transfer(TransactionKind.REDEMPTION, household, pool, 101, "x", "device"),
            {household.id: household, pool.id: pool},
        )
    assert household.balance == 100, "a refused transaction moves nothing"
    apply(
        transfer(TransactionKind.GRANT, pool, household, 50, "x", "admin"),
        {household.id: household, pool.id: pool},
    )
    assert (household.balance, pool.balance) == (150, -50)


def test_a_reversal_is_the_mirror_image_and_points_back():
    a, b = member(100), member(0)
    original = transfer(TransactionKind.ALLOCATION, a, b, 30, "x", "operator")
    undo = original.reversal("y", "operator", "mistake")
    assert undo.reverses_id == original.id
    assert sorted(p.amount for p in undo.postings) == sorted(-p.amount for p in original.postings)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(1, 500)), max_size=60))
def test_random_transfers_keep_every_invariant(moves):
    accounts = [member(0) for _ in range(4)] + [funding(0)]
    by_id = {account.id: account for account in accounts}
    history = []
    for source, destination, amount in moves:
        if source == destination:
            continue
        try:
            tx = transfer(
                TransactionKind.ALLOCATION,
                accounts[source],
                accounts[destination],
                amount,
                "x",
                "admin",
            )
            apply(tx, by_id)
            history.append(tx)
        except InsufficientCredit:
            pass
    assert sum(account.balance for account in accounts) == 0
    assert all(a.balance >= 0 for a in accounts if a.kind is AccountKind.MEMBER)
    for account in accounts:
        posted = sum(p.amount for tx in history for p in tx.postings if p.account_id == account.id)
        assert posted == account.balance


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-5_000, 5_000)), min_size=1, max_size=8))
def test_settlement_transfers_bring_every_shop_to_zero(nets):
    positions = {}
    for shop, net in nets:
        positions[f"shop{shop}"] = net
    shops = [ShopPosition(shop, max(net, 0), max(-net, 0)) for shop, net in positions.items()]
    left = {position.shop_id: position.net_cents for position in shops}
    for t in settlement_transfers(shops):
        assert t.amount_cents > 0
        if t.payer != "network":
            left[t.payer] += t.amount_cents
        if t.payee != "network":
            left[t.payee] -= t.amount_cents
    assert set(left.values()) <= {0}


def test_the_database_refuses_to_change_or_delete_a_posting(town):
    town.grant(1_000)
    exchange = town.exchange
    for statement in (
        update(orm.postings).values(amount=1),
        orm.postings.delete(),
        update(orm.transactions).values(memo="rewritten"),
    ):
        with exchange.database.session() as session, pytest.raises(DBAPIError):
            session.execute(statement)
            session.commit()


@pytest.mark.skipif(not IS_REAL, reason="the deferred trigger is PostgreSQL's")
def test_postgresql_refuses_a_transaction_whose_postings_do_not_add_up(town):
    town.grant(1_000)
    exchange = town.exchange
    with exchange.database.session() as session:
        account_id = session.execute(text("SELECT id FROM accounts LIMIT 1")).scalar()
        tx_id = str(uuid.uuid4())
        session.execute(
            insert(orm.transactions).values(
                id=tx_id,
                kind="grant",
                network_id=town.network["id"],
                actor_id="x",
                actor_role="admin",
                memo="",
                created_at=text("now()"),
            )
        )
        session.execute(
            insert(orm.postings).values(
                transaction_id=tx_id, account_id=account_id, unit="FOOD", amount=5
            )
        )
        with pytest.raises(DBAPIError, match="do not add up"):
            session.commit()


def test_the_database_refuses_a_member_balance_below_zero(town):
    exchange = town.exchange
    with exchange.database.session() as session, pytest.raises(DBAPIError):
        session.execute(
            update(orm.accounts).where(orm.accounts.c.kind == "member").values(balance=-1)
        )
        session.commit()
