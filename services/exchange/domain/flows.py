"""How credits move: one function a flow, each a balanced transaction applied at once.

Every flow takes the accounts it moves (loaded under lock by the caller),
builds the transaction, applies it (refusing it whole if an account may not
go where it would), and records what happened as domain events.
"""

from __future__ import annotations

from . import events
from .ledger import Account, Transaction, TransactionKind, apply, transfer
from .model import LedgerNetwork


def donate(
    pool: Account, clearing: Account, amount: int, actor, *, device_id: str | None
) -> Transaction:
    """A spesa sospesa paid at a shop: the shop holds the money, the pool gains credits."""
    shop_id = clearing.owner_id
    tx = _move(
        TransactionKind.DONATION,
        clearing,
        pool,
        amount,
        actor,
        shop_id=shop_id,
        device_id=device_id,
    )
    tx.events.append(events.CreditsDonated(tx.id, tx.network_id, shop_id, amount))
    return tx


def grant(funding: Account, pool: Account, amount: int, actor, memo: str) -> Transaction:
    """Money from a municipality or funder becomes credits in the pool."""
    tx = _move(TransactionKind.GRANT, funding, pool, amount, actor, memo=memo)
    tx.events.append(events.CreditsGranted(tx.id, tx.network_id, amount))
    return tx


def allocate(pool: Account, household: Account, amount: int, actor, memo: str = "") -> Transaction:
    """Credits from the pool to a household; the pool never goes below zero."""
    member_id = household.owner_id
    tx = _move(
        TransactionKind.ALLOCATION, pool, household, amount, actor, member_id=member_id, memo=memo
    )
    tx.events.append(
        events.CreditsAllocated(tx.id, tx.network_id, member_id, amount, household.balance)
    )
    return tx


def redeem(
    household: Account,
    clearing: Account,
    amount: int,
    actor,
    network: LedgerNetwork,
    *,
    device_id: str | None,
) -> Transaction:
    """A household spends credits at a shop's till; the network now owes the shop."""
    member_id, shop_id = household.owner_id, clearing.owner_id
    before = household.balance
    tx = _move(
        TransactionKind.REDEMPTION,
        household,
        clearing,
        amount,
        actor,
        member_id=member_id,
        shop_id=shop_id,
        device_id=device_id,
    )
    tx.events.append(
        events.CreditsRedeemed(tx.id, tx.network_id, member_id, shop_id, amount, household.balance)
    )
    _warn_if_low(tx, network, household, before)
    return tx


def refund(
    original: Transaction, household: Account, clearing: Account, amount: int, actor, reason: str
) -> Transaction:
    """Give back part or all of a redemption: credits return to the household."""
    tx = _move(
        TransactionKind.REFUND,
        clearing,
        household,
        amount,
        actor,
        member_id=household.owner_id,
        shop_id=clearing.owner_id,
        reverses_id=original.id,
        memo=reason,
    )
    tx.events.append(
        events.CreditsReversed(
            tx.id,
            original.id,
            tx.network_id,
            household.owner_id,
            clearing.owner_id,
            household.unit.value,
            amount,
            original.kind.value,
        )
    )
    return tx


def reverse(original: Transaction, accounts: dict[str, Account], actor, reason: str) -> Transaction:
    """Undo a whole transaction with its mirror image, pointing back to it."""
    tx = original.reversal(actor.subject, actor.role.value, reason)
    apply(tx, accounts)
    unit = tx.postings[0].unit
    amount = sum(p.amount for p in tx.postings if p.amount > 0)
    tx.events.append(
        events.CreditsReversed(
            tx.id,
            original.id,
            tx.network_id,
            original.member_id,
            original.shop_id,
            unit.value,
            amount,
            original.kind.value,
        )
    )
    return tx


def expire(household: Account, pool: Account, amount: int, actor, network: LedgerNetwork):
    """Credits left unspent too long go back to the pool."""
    before = household.balance
    tx = _move(TransactionKind.EXPIRY, household, pool, amount, actor, member_id=household.owner_id)
    tx.events.append(
        events.CreditsExpired(tx.id, tx.network_id, household.owner_id, amount, household.balance)
    )
    _warn_if_low(tx, network, household, before)
    return tx


def credit_time(issuance: Account, member: Account, minutes: int, actor, entry) -> Transaction:
    """Confirmed hours of community activity become TIME credits."""
    tx = _move(
        TransactionKind.TIME_CREDIT,
        issuance,
        member,
        minutes,
        actor,
        member_id=member.owner_id,
        memo=entry.activity,
    )
    tx.events.append(
        events.TimeConfirmed(
            entry.id,
            tx.id,
            tx.network_id,
            member.owner_id,
            entry.organisation_id,
            minutes,
            member.balance,
            entry.activity_date,
        )
    )
    return tx


def give_time(giver: Account, receiver: Account, minutes: int, actor) -> Transaction:
    """A member gives TIME credits to another member."""
    tx = _move(TransactionKind.TIME_GIFT, giver, receiver, minutes, actor, member_id=giver.owner_id)
    tx.events.append(
        events.TimeGiven(tx.id, tx.network_id, giver.owner_id, receiver.owner_id, minutes)
    )
    return tx


def spend_time(member: Account, shop: Account, minutes: int, rate_cents_per_hour: int, actor):
    """TIME spent at a shop that takes it, worth ``minutes`` at the shop's rate."""
    value_cents = minutes * rate_cents_per_hour // 60
    tx = _move(
        TransactionKind.TIME_SPEND,
        member,
        shop,
        minutes,
        actor,
        member_id=member.owner_id,
        shop_id=shop.owner_id,
        memo=f"worth {value_cents} cents at the shop's rate",
    )
    tx.events.append(
        events.TimeSpent(
            tx.id,
            tx.network_id,
            member.owner_id,
            shop.owner_id,
            minutes,
            value_cents,
            member.balance,
        )
    )
    return tx


def merge(source: Account, destination: Account, actor) -> Transaction:
    """Two records of one person became one: the credits follow."""
    return _move(
        TransactionKind.MERGE,
        source,
        destination,
        source.balance,
        actor,
        member_id=destination.owner_id,
        memo=f"merged from {source.owner_id}",
    )


def _move(kind, source: Account, destination: Account, amount: int, actor, **context):
    tx = transfer(kind, source, destination, amount, actor.subject, actor.role.value, **context)
    apply(tx, {source.id: source, destination.id: destination})
    return tx


def _warn_if_low(tx: Transaction, network: LedgerNetwork, household: Account, before: int):
    threshold = network.low_balance_threshold_cents
    if household.balance < threshold <= before:
        tx.events.append(
            events.BalanceLow(tx.network_id, household.owner_id, household.balance, threshold)
        )
