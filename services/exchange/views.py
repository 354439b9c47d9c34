"""Read-side queries of the exchange: balances, statements, takings and reports.

Each checks the caller may see what it asks for. Amounts are integers:
FOOD in euro cents, TIME in minutes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, false, func, select
from sqlalchemy.orm import Session, aliased

from shared.auth.principal import PermissionDenied, Principal
from shared.db import Database, total

from .adapters import orm
from .domain.calendar import PROGRAMME_TIMEZONE
from .domain.directory import CardStatus
from .domain.errors import NotFound
from .domain.ledger import AccountKind, TransactionKind, Unit
from .domain.model import LedgerMember, LedgerNetwork
from .domain.settlement import ShopPosition, settlement_transfers

tx, posting, account = orm.transactions, orm.postings, orm.accounts


def balances(database: Database, actor: Principal, member_id: str) -> dict[str, dict[str, int]]:
    """A member's balance per unit, for themselves or their network's operators."""
    with database.session() as session:
        member = _visible_member(session, actor, member_id)
        by_unit = member.balances()
    return {unit.value: {"balance": by_unit.get(unit, 0)} for unit in Unit}


def statement(
    database: Database,
    actor: Principal,
    member_id: str,
    *,
    unit: Unit | None,
    since: date | None,
    until: date | None,
    page: int,
    page_size: int,
) -> dict[str, Any]:
    """A member's movements, newest first, a page at a time."""
    conditions = [account.c.owner_id == member_id, account.c.kind == AccountKind.MEMBER.value]
    if unit is not None:
        conditions.append(account.c.unit == unit.value)
    if since is not None:
        conditions.append(tx.c.created_at >= _start_of(since))
    if until is not None:
        conditions.append(tx.c.created_at < _start_of(until + timedelta(days=1)))
    joined = posting.join(tx).join(account)
    with database.session() as session:
        _visible_member(session, actor, member_id)
        total = session.scalar(select(func.count()).select_from(joined).where(*conditions))
        rows = session.execute(
            select(
                tx.c.id,
                tx.c.kind,
                tx.c.created_at,
                posting.c.unit,
                posting.c.amount,
                tx.c.shop_id,
                tx.c.memo,
                tx.c.reverses_id,
            )
            .select_from(joined)
            .where(*conditions)
            .order_by(tx.c.created_at.desc(), posting.c.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    items = [
        {
            "transaction_id": row.id,
            "kind": row.kind,
            "created_at": row.created_at,
            "unit": row.unit,
            "amount": row.amount,
            "shop_id": row.shop_id,
            "memo": row.memo,
            "reverses_id": row.reverses_id,
        }
        for row in rows
    ]
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def shop_takings(database: Database, actor: Principal, shop_id: str, day: date) -> dict:
    """What a shop redeemed and collected as spesa sospesa on a day (its own, or operators')."""
    with database.session() as session:
        shop = session.get(LedgerMember, shop_id)
        if (
            shop is None
            or not shop.is_shop
            or not (actor.manages_network(shop.network_id) or actor.member_id == shop_id)
        ):
            raise NotFound("no such shop")
        rows = session.execute(
            select(tx.c.id, tx.c.kind, tx.c.created_at, posting.c.amount, tx.c.device_id)
            .select_from(posting.join(tx).join(account))
            .where(
                account.c.owner_id == shop_id,
                account.c.kind == AccountKind.SHOP_CLEARING.value,
                tx.c.created_at >= _start_of(day),
                tx.c.created_at < _start_of(day + timedelta(days=1)),
            )
            .order_by(tx.c.created_at)
        ).all()
    movements = [
        {
            "transaction_id": r.id,
            "kind": r.kind,
            "created_at": r.created_at,
            "amount_cents": abs(r.amount),
            "device_id": r.device_id,
        }
        for r in rows
    ]

    def summed(*kinds: str) -> int:
        return sum(r.amount for r in rows if r.kind in kinds)

    return {
        "shop_id": shop_id,
        "day": day,
        "redeemed_cents": summed("redemption", "refund"),
        "donated_cents": -summed("donation"),
        "movements": movements,
    }


def shop_positions(
    session: Session, network_id: str, start: date, end: date
) -> list[tuple[ShopPosition, str]]:
    """Each shop's position over a period, with its clearing account id."""
    original = aliased(tx)
    effective_kind = func.coalesce(original.c.kind, tx.c.kind)
    rows = session.execute(
        select(account.c.owner_id, account.c.id, effective_kind, total(posting.c.amount))
        .select_from(
            posting.join(tx)
            .join(account)
            .outerjoin(
                original,
                and_(original.c.id == tx.c.reverses_id, tx.c.kind == "reversal"),
            )
        )
        .where(
            account.c.network_id == network_id,
            account.c.kind == AccountKind.SHOP_CLEARING.value,
            tx.c.kind != TransactionKind.SETTLEMENT.value,
            tx.c.created_at >= _start_of(start),
            tx.c.created_at < _start_of(end + timedelta(days=1)),
        )
        .group_by(account.c.owner_id, account.c.id, effective_kind)
    ).all()
    honoured: dict[str, int] = defaultdict(int)
    collected: dict[str, int] = defaultdict(int)
    clearing_of = {}
    for shop_id, clearing_id, kind, amount in rows:
        clearing_of[shop_id] = clearing_id
        if kind == TransactionKind.DONATION.value:
            collected[shop_id] -= amount
        else:
            honoured[shop_id] += amount
    return [
        (ShopPosition(shop_id, honoured[shop_id], collected[shop_id]), clearing_of[shop_id])
        for shop_id in sorted(clearing_of)
    ]


def settlement(database: Database, actor: Principal, network_id: str, start: date, end: date):
    """Each shop's net position for a period and the transfers that settle them."""
    _check_operator(actor, network_id)
    with database.session() as session:
        positions = [p for p, _ in shop_positions(session, network_id, start, end)]
        settled = session.execute(
            select(orm.settlements.c.id).where(
                orm.settlements.c.network_id == network_id,
                orm.settlements.c.period_start <= end,
                orm.settlements.c.period_end >= start,
            )
        ).first()
    return {
        "network_id": network_id,
        "period_start": start,
        "period_end": end,
        "settled": settled is not None,
        "positions": [
            {
                "shop_id": p.shop_id,
                "honoured_cents": p.honoured_cents,
                "collected_cents": p.collected_cents,
                "net_cents": p.net_cents,
            }
            for p in positions
        ],
        "transfers": [
            {"payer": t.payer, "payee": t.payee, "amount_cents": t.amount_cents}
            for t in settlement_transfers(positions)
        ],
    }


def settlement_csv(report: dict) -> str:
    """The settlement as CSV for a spreadsheet: positions, then transfers."""
    lines = ["shop_id,honoured_cents,collected_cents,net_cents"]
    lines += [
        f"{p['shop_id']},{p['honoured_cents']},{p['collected_cents']},{p['net_cents']}"
        for p in report["positions"]
    ]
    lines += ["", "payer,payee,amount_cents"]
    lines += [f"{t['payer']},{t['payee']},{t['amount_cents']}" for t in report["transfers"]]
    return "\n".join(lines) + "\n"


def reciprocity(database: Database, actor: Principal, network_id: str, month: date) -> list:
    """For each household of the network: hours given in the month against its contract, and
    the food it received."""
    _check_operator(actor, network_id)
    first, after = _month(month)
    with database.session() as session:
        minutes = _minutes_given(session, first, after, orm.time_entries.c.network_id == network_id)
        agreed = _contract_hours(session, first, after, orm.contracts.c.network_id == network_id)
        food = dict(
            session.execute(
                select(tx.c.member_id, total(posting.c.amount))
                .select_from(posting.join(tx).join(account))
                .where(
                    tx.c.network_id == network_id,
                    tx.c.kind == TransactionKind.ALLOCATION.value,
                    account.c.kind == AccountKind.MEMBER.value,
                    tx.c.created_at >= _start_of(first),
                    tx.c.created_at < _start_of(after),
                )
                .group_by(tx.c.member_id)
            ).all()
        )
        households = session.scalars(
            select(orm.ledger_members.c.member_id).where(
                orm.ledger_members.c.network_id == network_id,
                orm.ledger_members.c.kind == "household",
            )
        ).all()
    return [
        {
            "member_id": member_id,
            "month": first,
            "minutes_given": minutes.get(member_id, 0),
            "contract_hours": agreed.get(member_id),
            "food_received_cents": food.get(member_id, 0),
        }
        for member_id in sorted(households)
        if member_id in minutes or member_id in agreed or member_id in food
    ]


def household_reciprocity(
    database: Database, actor: Principal, member_id: str, month: date
) -> dict[str, Any]:
    """A household's hours given in the month against its contract (itself, or operators)."""
    first, after = _month(month)
    with database.session() as session:
        _visible_member(session, actor, member_id)
        minutes = _minutes_given(session, first, after, orm.time_entries.c.member_id == member_id)
        agreed = _contract_hours(session, first, after, orm.contracts.c.household_id == member_id)
    return {
        "member_id": member_id,
        "month": first,
        "minutes_given": minutes.get(member_id, 0),
        "contract_hours": agreed.get(member_id),
    }


def card_numbers(database: Database, actor: Principal, member_id: str) -> list[str]:
    """The numbers of a member's cards a till accepts (not blocked), for them or operators."""
    cards = orm.cards
    with database.session() as session:
        _visible_member(session, actor, member_id)
        return list(
            session.scalars(
                select(cards.c.card_number)
                .where(cards.c.member_id == member_id, cards.c.status == CardStatus.ISSUED)
                .order_by(cards.c.card_number)
            )
        )


def shop_types(database: Database, shop_ids: set[str]) -> dict[str, str]:
    """Whether each shop is a market stall or a shop: the exchange knows no shop names."""
    shops = orm.shops
    with database.session() as session:
        return dict(
            session.execute(
                select(shops.c.member_id, shops.c.shop_type).where(shops.c.member_id.in_(shop_ids))
            ).all()
        )


def impact(database: Database, actor: Principal, network_id: str, year: int) -> list[dict]:
    """Per month of a year: euros donated, granted, allocated, redeemed; hours; households; kg."""
    _check_operator(actor, network_id)
    months = [date(year, month, 1) for month in range(1, 13)]
    with database.session() as session:
        report = []
        for first in months:
            _, after = _month(first)
            report.append(_impact_of_month(session, network_id, first, after))
    return report


def food_recovery(database: Database, actor: Principal, network_id: str, month: date) -> dict:
    """Kg recovered in a month, per stall and market and for the whole network."""
    _check_operator(actor, network_id)
    first, after = _month(month)
    table = orm.food_recoveries
    with database.session() as session:
        rows = session.execute(
            select(
                table.c.shop_id,
                table.c.market_id,
                table.c.destination,
                total(table.c.unsold_grams),
                total(table.c.spesa_goods_grams),
            )
            .where(table.c.network_id == network_id, table.c.day >= first, table.c.day < after)
            .group_by(table.c.shop_id, table.c.market_id, table.c.destination)
        ).all()
    by_stall: dict[str, dict] = defaultdict(lambda: {"unsold_grams": 0, "spesa_goods_grams": 0})
    by_market: dict[str, dict] = defaultdict(lambda: {"unsold_grams": 0, "spesa_goods_grams": 0})
    by_destination: dict[str, int] = defaultdict(int)
    network_total = {"unsold_grams": 0, "spesa_goods_grams": 0}
    for shop_id, market_id, destination, unsold, goods in rows:
        for bucket in (by_stall[shop_id], by_market[market_id or "none"], network_total):
            bucket["unsold_grams"] += unsold
            bucket["spesa_goods_grams"] += goods
        by_destination[destination] += unsold + goods
    return {
        "month": first,
        "network": network_total,
        "by_stall": dict(by_stall),
        "by_market": dict(by_market),
        "by_destination": dict(by_destination),
    }


def time_entries(database: Database, actor: Principal, network_id: str, status: str | None) -> list:
    """Time entries the caller may decide on or see: operators all of the network's,
    an organisation those at it, a member their own."""
    entries = orm.time_entries
    query = select(entries).where(entries.c.network_id == network_id)
    if status:
        query = query.where(entries.c.status == status)
    if not actor.manages_network(network_id):
        if actor.network_id != network_id or actor.member_id is None:
            raise NotFound("no such network")
        query = query.where(
            (entries.c.organisation_id == actor.member_id)
            | (entries.c.member_id == actor.member_id)
        )
    with database.session() as session:
        return [dict(row._mapping) for row in session.execute(query.order_by(entries.c.logged_at))]


def rules(database: Database, actor: Principal, network_id: str) -> LedgerNetwork:
    if not (actor.is_admin or actor.network_id == network_id):
        raise NotFound("no such network")
    with database.session() as session:
        network = session.get(LedgerNetwork, network_id)
    if network is None:
        raise NotFound("no such network")
    return network


def networks(database: Database, actor: Principal) -> list[str]:
    """The networks the exchange knows that the caller manages (an administrator: all)."""
    with database.session() as session:
        known = session.scalars(
            select(orm.ledger_networks.c.network_id).order_by(orm.ledger_networks.c.network_id)
        ).all()
    return [network_id for network_id in known if actor.manages_network(network_id)]


def households_to_allocate(database: Database, actor: Principal, network_id: str) -> list[dict]:
    """The network's active households with their size, FOOD balance and cards (operators)."""
    _check_operator(actor, network_id)
    members, cards = orm.ledger_members, orm.cards
    food = and_(
        account.c.owner_id == members.c.member_id,
        account.c.kind == AccountKind.MEMBER.value,
        account.c.unit == Unit.FOOD.value,
    )
    with database.session() as session:
        rows = session.execute(
            select(members.c.member_id, members.c.adults, members.c.minors, account.c.balance)
            .join(account, food)
            .where(
                members.c.network_id == network_id,
                members.c.kind == "household",
                members.c.status == "active",
                members.c.merged_into.is_(None),
                members.c.erased == false(),
            )
            .order_by(members.c.member_id)
        ).all()
        numbers = defaultdict(list)
        for member_id, number in session.execute(
            select(cards.c.member_id, cards.c.card_number)
            .where(cards.c.network_id == network_id, cards.c.status == CardStatus.ISSUED)
            .order_by(cards.c.card_number)
        ):
            numbers[member_id].append(number)
    return [
        {
            "member_id": row.member_id,
            "household_size": row.adults + row.minors,
            "balance_cents": row.balance,
            "card_numbers": numbers[row.member_id],
        }
        for row in rows
    ]


def pool_balance(database: Database, actor: Principal, network_id: str) -> int:
    """The euro cents in the network's food pool, ready to allocate (operators)."""
    _check_operator(actor, network_id)
    with database.session() as session:
        balance = session.scalar(
            select(account.c.balance).where(
                account.c.owner_id == network_id,
                account.c.kind == AccountKind.FOOD_POOL.value,
                account.c.unit == Unit.FOOD.value,
            )
        )
    return balance or 0


def recent_impact(
    database: Database, actor: Principal, network_id: str, last_month: date, months: int = 12
) -> list[dict]:
    """What ``impact`` tells per month, for the ``months`` months up to ``last_month``."""
    _check_operator(actor, network_id)
    firsts = [last_month.replace(day=1)]
    while len(firsts) < months:
        firsts.insert(0, (firsts[0] - timedelta(days=1)).replace(day=1))
    with database.session() as session:
        return [_impact_of_month(session, network_id, *_month(first)) for first in firsts]


def _impact_of_month(session: Session, network_id: str, first: date, after: date) -> dict:
    in_month = and_(
        tx.c.network_id == network_id,
        tx.c.created_at >= _start_of(first),
        tx.c.created_at < _start_of(after),
    )
    original = aliased(tx)
    kind = func.coalesce(original.c.kind, tx.c.kind)  # a reversal counts as what it undoes
    sums = {
        (account_kind, effective_kind): amount
        for account_kind, effective_kind, amount in session.execute(
            select(account.c.kind, kind, total(posting.c.amount))
            .select_from(
                posting.join(tx)
                .join(account)
                .outerjoin(original, original.c.id == tx.c.reverses_id)
            )
            .where(in_month, account.c.unit == Unit.FOOD.value)
            .group_by(account.c.kind, kind)
        )
    }
    clearing, member, pool = "shop_clearing", "member", "food_pool"
    households = session.scalar(
        select(func.count(func.distinct(tx.c.member_id))).where(
            in_month, tx.c.kind.in_(["allocation", "redemption"])
        )
    )
    minutes = session.scalar(
        select(total(orm.time_entries.c.minutes)).where(
            orm.time_entries.c.network_id == network_id,
            orm.time_entries.c.status == "confirmed",
            orm.time_entries.c.activity_date >= first,
            orm.time_entries.c.activity_date < after,
        )
    )
    recovered = orm.food_recoveries
    grams = session.scalar(
        select(total(recovered.c.unsold_grams + recovered.c.spesa_goods_grams)).where(
            recovered.c.network_id == network_id,
            recovered.c.day >= first,
            recovered.c.day < after,
        )
    )
    return {
        "month": first,
        "donated_cents": -sums.get((clearing, "donation"), 0),
        "granted_cents": sums.get((pool, "grant"), 0),
        "allocated_cents": sums.get((member, "allocation"), 0),
        "redeemed_cents": sums.get((clearing, "redemption"), 0) + sums.get((clearing, "refund"), 0),
        "hours_given": round(minutes / 60, 1),
        "households_served": households,
        "kg_recovered": round(grams / 1000, 1),
    }


def _minutes_given(session: Session, first: date, after: date, scope) -> dict[str, int]:
    """Confirmed minutes per member, of activities between ``first`` and ``after``."""
    entries = orm.time_entries
    return dict(
        session.execute(
            select(entries.c.member_id, total(entries.c.minutes))
            .where(
                scope,
                entries.c.status == "confirmed",
                entries.c.activity_date >= first,
                entries.c.activity_date < after,
            )
            .group_by(entries.c.member_id)
        ).all()
    )


def _contract_hours(session: Session, first: date, after: date, scope) -> dict[str, int]:
    """Hours a month per household, by its contracts running between ``first`` and ``after``."""
    contracts = orm.contracts
    return dict(
        session.execute(
            select(contracts.c.household_id, func.max(contracts.c.hours_per_month))
            .where(
                scope,
                contracts.c.starts_on < after,
                contracts.c.ends_on >= first,
                (contracts.c.ended_on.is_(None)) | (contracts.c.ended_on >= first),
            )
            .group_by(contracts.c.household_id)
        ).all()
    )


def _visible_member(session: Session, actor: Principal, member_id: str) -> LedgerMember:
    member = session.get(LedgerMember, member_id)
    if member is None or not actor.may_see_member(member.member_id, member.network_id):
        raise NotFound("no such member")
    return member


def _check_operator(actor: Principal, network_id: str) -> None:
    if not actor.manages_network(network_id):
        if actor.network_id == network_id:
            raise PermissionDenied("reports are for the network's operators")
        raise NotFound("no such network")


def _start_of(day: date) -> datetime:
    """The UTC moment a programme day (in Turin) starts."""
    return datetime.combine(day, time.min, PROGRAMME_TIMEZONE).astimezone(UTC)


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after
