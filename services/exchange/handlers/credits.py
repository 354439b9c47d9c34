"""FOOD credits: grants into the pool, allocations, refunds, reversals, expiry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from shared.auth.principal import PermissionDenied, Principal, Role

from ..domain import commands, events, flows
from ..domain.calendar import local_day
from ..domain.errors import InsufficientCredit, NotAllowed, NotFound
from ..domain.expiry import expired_unspent
from ..domain.ledger import AccountKind, Transaction, TransactionKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..unit_of_work import ExchangeUnitOfWork
from .common import check_operator, network_account, network_of, once

SYSTEM = Principal(subject="exchange", role=Role.ADMIN)
WARN_DAYS_AHEAD = 7


def grant(cmd: commands.Grant, uow: ExchangeUnitOfWork) -> dict:
    """Money from a municipality or funder, as credits in the network's pool."""
    check_operator(cmd.actor, cmd.network_id)
    with uow:

        def work() -> dict:
            network_of(uow, cmd.network_id)
            funding = network_account(uow, cmd.network_id, AccountKind.FUNDING, Unit.FOOD)
            pool = network_account(uow, cmd.network_id, AccountKind.FOOD_POOL, Unit.FOOD)
            locked = uow.accounts.lock(funding.id, pool.id)
            tx = flows.grant(
                locked[funding.id], locked[pool.id], cmd.amount_cents, cmd.actor, cmd.memo
            )
            uow.transactions.add(tx)
            return {"transaction_id": tx.id, "pool_cents": locked[pool.id].balance}

        return once(uow, cmd.request, work)


def allocate(cmd: commands.Allocate, uow: ExchangeUnitOfWork) -> dict:
    """Credits from the network's pool to one active household."""
    with uow:

        def work() -> dict:
            household = _visible_household(uow, cmd.actor, cmd.member_id)
            household.check_may_spend()
            tx = _allocate(uow, household, cmd.amount_cents, cmd.actor, cmd.memo)
            return {
                "transaction_id": tx.id,
                "member_id": household.member_id,
                "amount_cents": cmd.amount_cents,
                "balance_cents": household.account(Unit.FOOD).balance,
            }

        return once(uow, cmd.request, work)


@dataclass
class EntitlementRun:
    cycle: int
    allocated: list[dict] = field(default_factory=list)
    left_out: list[dict] = field(default_factory=list)


def allocate_entitlements(cmd: commands.AllocateEntitlements, uow: ExchangeUnitOfWork):
    """Each active household's entitlement for the cycle, never twice; who was left out, why."""
    check_operator(cmd.actor, cmd.network_id)
    with uow:
        network = network_of(uow, cmd.network_id)
        run = EntitlementRun(cycle=network.cycle_of(cmd.day))
        for household in _households(uow, network, cmd.member_ids):
            reason = _entitlement_refusal(uow, household, run.cycle)
            amount = network.entitlement_cents(household.household_size)
            if reason is None:
                try:
                    with uow.session.begin_nested():
                        tx = _allocate(uow, household, amount, cmd.actor, f"cycle {run.cycle}")
                        uow.entitlements.record(household, run.cycle, tx, amount)
                except InsufficientCredit:
                    reason = "pool_empty"
            if reason is None:
                run.allocated.append({"member_id": household.member_id, "amount_cents": amount})
            else:
                run.left_out.append({"member_id": household.member_id, "reason": reason})
        uow.commit()
        return run


def refund(cmd: commands.Refund, uow: ExchangeUnitOfWork) -> dict:
    """Give back (part of) a redemption: an operator, or the shop on the same day."""
    with uow:

        def work() -> dict:
            original = _redemption_to_refund(uow, cmd.actor, cmd.transaction_id)
            household_id, clearing_id = _accounts_of(original)
            refunded = uow.transactions.refunded_so_far(original.id, household_id)
            refundable = -original.amount_for(household_id) - refunded
            if not 0 < cmd.amount_cents <= refundable:
                raise NotAllowed(
                    "more than what is left to refund", {"refundable_cents": refundable}
                )
            locked = uow.accounts.lock(household_id, clearing_id)
            tx = flows.refund(
                original,
                locked[household_id],
                locked[clearing_id],
                cmd.amount_cents,
                cmd.actor,
                cmd.reason,
            )
            uow.transactions.add(tx)
            return {"transaction_id": tx.id, "balance_cents": locked[household_id].balance}

        return once(uow, cmd.request, work)


def reverse(cmd: commands.Reverse, uow: ExchangeUnitOfWork) -> dict:
    """Undo a whole transaction by its mirror image (operators); never twice."""
    with uow:

        def work() -> dict:
            original = uow.transactions.get(cmd.transaction_id)
            if original is None or not cmd.actor.manages_network(original.network_id):
                raise NotFound("no such transaction")
            if original.kind is TransactionKind.REVERSAL or uow.transactions.is_reversed(
                original.id
            ):
                raise NotAllowed("this transaction was reversed or refunded already")
            accounts = uow.accounts.lock(*{p.account_id for p in original.postings})
            tx = flows.reverse(original, accounts, cmd.actor, cmd.reason)
            uow.transactions.add(tx)
            return {"transaction_id": tx.id, "reverses_id": original.id}

        return once(uow, cmd.request, work)


@dataclass
class ExpiryRun:
    expired: list[dict] = field(default_factory=list)
    warned: list[dict] = field(default_factory=list)


def expire_credits(cmd: commands.ExpireCredits, uow: ExchangeUnitOfWork) -> ExpiryRun:
    """Credits past their lifetime go back to the pool; a week ahead, households are warned.

    Safe to run twice on the same day: what expired is used, and each warning
    is given once per household and expiry date.
    """
    run = ExpiryRun()
    with uow:
        for network in uow.networks.all():
            pool = network_account(uow, network.network_id, AccountKind.FOOD_POOL, Unit.FOOD)
            for household in uow.members.active_households(network.network_id):
                _expire_household(uow, network, household, pool, cmd.today, run)
        uow.commit()
    return run


def _expire_household(uow, network: LedgerNetwork, household, pool, today, run: ExpiryRun):
    account = household.account(Unit.FOOD)
    locked = uow.accounts.lock(account.id, pool.id)
    balance = locked[account.id].balance
    if balance <= 0:
        return
    lifetime = timedelta(days=network.credit_lifetime_days)
    allocations = [
        (amount, local_day(at) + lifetime)
        for amount, at in uow.transactions.allocations(account.id)
    ]
    used = sum(amount for amount, _ in allocations) - balance
    due = expired_unspent(sum(a for a, ends in allocations if ends <= today), used, balance)
    if due:
        tx = flows.expire(locked[account.id], locked[pool.id], due, SYSTEM, network)
        uow.transactions.add(tx)
        run.expired.append({"member_id": household.member_id, "amount_cents": due})
        used, balance = used + due, balance - due
    horizon = today + timedelta(days=WARN_DAYS_AHEAD)
    soon = expired_unspent(sum(a for a, ends in allocations if ends <= horizon), used, balance)
    if soon:
        expires_on = min(ends for _, ends in allocations if today < ends <= horizon)
        if uow.entitlements.warn_once(household.member_id, expires_on, soon):
            household.events.append(
                events.CreditsExpiring(network.network_id, household.member_id, soon, expires_on)
            )
            run.warned.append({"member_id": household.member_id, "amount_cents": soon})


def _allocate(uow, household: LedgerMember, amount: int, actor, memo: str) -> Transaction:
    pool = network_account(uow, household.network_id, AccountKind.FOOD_POOL, Unit.FOOD)
    account = household.account(Unit.FOOD)
    locked = uow.accounts.lock(pool.id, account.id)
    tx = flows.allocate(locked[pool.id], locked[account.id], amount, actor, memo)
    uow.transactions.add(tx)
    return tx


def _visible_household(uow, actor: Principal, member_id: str) -> LedgerMember:
    member = uow.members.get(member_id)
    if member is None or not actor.manages_network(member.network_id):
        raise NotFound("no such member")
    if not member.is_household and member.kind != "citizen":
        raise NotAllowed("credits are allocated to households (and citizens)")
    return member


def _households(uow, network: LedgerNetwork, member_ids):
    households = uow.members.active_households(network.network_id)
    if member_ids is None:
        return households
    wanted = set(member_ids)
    return [household for household in households if household.member_id in wanted]


def _entitlement_refusal(uow, household: LedgerMember, cycle: int) -> str | None:
    if household.status != "active" or household.erased or household.merged_into:
        return "not_active"
    if uow.entitlements.had(household.member_id, cycle):
        return "already_allocated"
    return None


def _redemption_to_refund(uow, actor: Principal, transaction_id: str) -> Transaction:
    original = uow.transactions.get(transaction_id)
    visible = original is not None and (
        actor.manages_network(original.network_id)
        or (actor.member_id is not None and actor.member_id == original.shop_id)
    )
    if not visible or original.kind is not TransactionKind.REDEMPTION:
        raise NotFound("no such redemption")
    same_day = local_day(original.created_at) == local_day()
    if not (actor.manages_network(original.network_id) or same_day):
        raise PermissionDenied("after the day of the purchase, only an operator refunds")
    return original


def _accounts_of(redemption: Transaction) -> tuple[str, str]:
    """The household's and the shop's accounts of a redemption."""
    debited = next(p.account_id for p in redemption.postings if p.amount < 0)
    credited = next(p.account_id for p in redemption.postings if p.amount > 0)
    return debited, credited
