"""Food recovered, settlements between shops, and a network's rules."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.auth.principal import Role
from shared.correlation import new_id

from ..domain import commands
from ..domain.errors import NotAllowed, NotFound
from ..domain.ledger import AccountKind, Posting, Transaction, TransactionKind, Unit, apply
from ..domain.model import LedgerNetwork
from ..domain.recovery import FoodRecovery, Settlement
from ..unit_of_work import ExchangeUnitOfWork
from ..views import shop_positions
from .common import check_operator, member_of, network_account, network_of

RULES = (
    "entitlement_base_cents",
    "entitlement_per_extra_member_cents",
    "cycle_days",
    "per_redemption_limit_cents",
    "per_card_daily_limit_cents",
    "visits_per_day_limit",
    "shop_daily_takings_limit_cents",
    "credit_lifetime_days",
    "low_balance_threshold_cents",
)


def update_rules(cmd: commands.UpdateRules, uow: ExchangeUnitOfWork) -> LedgerNetwork:
    check_operator(cmd.actor, cmd.network_id)
    with uow:
        network = network_of(uow, cmd.network_id)
        for name, value in cmd.rules.items():
            if name not in RULES:
                raise NotAllowed(f"{name} is not a rule")
            setattr(network, name, value)
        uow.commit()
        return network


def record_food_recovery(cmd: commands.RecordFoodRecovery, uow: ExchangeUnitOfWork):
    """The shop itself, a volunteer of the network, or an operator records a day's kg."""
    with uow:
        shop = member_of(uow, cmd.shop_id)
        if not shop.is_shop:
            raise NotAllowed("food is recovered at a shop or stall")
        actor = cmd.actor
        allowed = (
            actor.manages_network(shop.network_id)
            or actor.member_id == shop.member_id
            or (actor.role is Role.CITIZEN and actor.network_id == shop.network_id)
        )
        if not allowed:
            raise NotFound("no such member")
        record = FoodRecovery.record(
            shop.network_id,
            shop.member_id,
            cmd.day,
            cmd.unsold_grams,
            cmd.spesa_goods_grams,
            cmd.destination,
            actor.subject,
            cmd.market_id,
        )
        uow.food_recoveries.add(record)
        uow.commit()
        return record


def record_settlement(cmd: commands.RecordSettlement, uow: ExchangeUnitOfWork) -> Settlement:
    """Mark a period settled: each shop's clearing account goes back to zero."""
    check_operator(cmd.actor, cmd.network_id)
    if cmd.period_end < cmd.period_start:
        raise NotAllowed("a period ends after it starts")
    with uow:
        network_of(uow, cmd.network_id)
        if uow.settlements.overlapping(cmd.network_id, cmd.period_start, cmd.period_end):
            raise NotAllowed("this period overlaps one settled already")
        positions = shop_positions(uow.session, cmd.network_id, cmd.period_start, cmd.period_end)
        settlement = Settlement(
            new_id(),
            cmd.network_id,
            cmd.period_start,
            cmd.period_end,
            cmd.actor.subject,
            datetime.now(UTC),
        )
        owed = [(position, clearing) for position, clearing in positions if position.net_cents]
        if owed:
            funding = network_account(uow, cmd.network_id, AccountKind.FUNDING, Unit.FOOD)
            ids = [funding.id, *(clearing for _, clearing in owed)]
            accounts = uow.accounts.lock(*ids)
            postings = [
                Posting(clearing, Unit.FOOD, -position.net_cents) for position, clearing in owed
            ]
            total = sum(position.net_cents for position, _ in owed)
            if total:
                postings.append(Posting(funding.id, Unit.FOOD, total))
            tx = Transaction.of(
                TransactionKind.SETTLEMENT,
                cmd.network_id,
                postings,
                cmd.actor.subject,
                cmd.actor.role.value,
                memo=f"settlement {cmd.period_start}..{cmd.period_end}",
            )
            apply(tx, accounts)
            uow.transactions.add(tx)
            settlement.transaction_id = tx.id
        uow.settlements.add(settlement)
        uow.commit()
        return settlement
