"""The till's reads and writes, in two round trips after BEGIN, with SQLAlchemy Core.

A redemption is the busiest write of the system: at closing time every till
of a town may be at it at once. Loading its aggregates through the ORM cost
more than the database itself (PERFORMANCE.md), and so did sending a dozen
statements one by one. So a visit is read in one round trip
(``visit_in``, sent with the key's claim), in statements that run one after
the other: the card with its household and the network's rules (locking the
card, which serialises everything done with it); the card's usage today (a
statement of its own, so that it sees what the previous holder of the lock
committed); the shop's takings today (locking them, as the shop's limit is
checked against them); and both accounts (locked in id order, so two
transactions never deadlock). Its writes are
deferred to the commit and go with it in the second (shared/round_trips.py).
Each statement is built once, with bound parameters, so a request spends no
time building SQL. The objects returned are the plain domain classes, not
attached to the session: they are saved through here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from sqlalchemy import and_, bindparam, or_, select, update

from shared.db import UpsertStatement
from shared.unit_of_work import Repository

from ..domain.directory import Card, CardStatus
from ..domain.ledger import Account, AccountKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..domain.till import CardAtTill, DailyUsage, TillVisit
from . import orm


def _card_at_till_query():
    cards, members, networks = orm.cards, orm.ledger_members, orm.ledger_networks
    household, clearing = orm.accounts.alias("household"), orm.accounts.alias("clearing")
    return (
        select(
            cards,
            members.c.kind,
            members.c.status.label("member_status"),
            members.c.merged_into,
            members.c.erased,
            *_NETWORK_RULES,
            household.c.id.label("household_account_id"),
            clearing.c.id.label("clearing_account_id"),
        )
        .select_from(cards)
        .join(members, members.c.member_id == cards.c.member_id)
        .join(networks, networks.c.network_id == cards.c.network_id)
        .outerjoin(
            household,
            and_(
                household.c.owner_id == cards.c.member_id,
                household.c.kind == AccountKind.MEMBER.value,
                household.c.unit == Unit.FOOD.value,
            ),
        )
        .outerjoin(
            clearing,
            and_(
                clearing.c.owner_id == bindparam("shop_id"),
                clearing.c.kind == AccountKind.SHOP_CLEARING.value,
                clearing.c.unit == Unit.FOOD.value,
            ),
        )
        .where(cards.c.card_number == bindparam("number"))
        .with_for_update(of=cards)
    )


def _card_usage_today_query():
    """Read after the card's lock is held: a statement of its own sees what was committed."""
    usage, cards = orm.card_daily_usage, orm.cards
    return (
        select(usage.c.cents, usage.c.visits)
        .join(cards, cards.c.card_id == usage.c.card_id)
        .where(cards.c.card_number == bindparam("number"), usage.c.day == bindparam("day"))
    )


def _hold_shop_takings(insert_for):
    """The shop's takings today, the row locked (made, at 0, by the day's first redemption)."""
    shop = orm.shop_daily_takings
    return (
        insert_for(shop)
        .on_conflict_do_update(
            index_elements=[shop.c.shop_id, shop.c.day], set_={"cents": shop.c.cents}
        )
        .returning(shop.c.cents)
    )


def _lock_visit_accounts_query():
    """The household's FOOD account and the shop's clearing account, locked in id order."""
    accounts = orm.accounts
    holder = select(orm.cards.c.member_id).where(orm.cards.c.card_number == bindparam("number"))
    return (
        select(accounts)
        .where(
            accounts.c.unit == Unit.FOOD.value,
            or_(
                and_(
                    accounts.c.kind == AccountKind.MEMBER.value,
                    accounts.c.owner_id == holder.scalar_subquery(),
                ),
                and_(
                    accounts.c.kind == AccountKind.SHOP_CLEARING.value,
                    accounts.c.owner_id == bindparam("shop_id"),
                ),
            ),
        )
        .order_by(accounts.c.id)
        .with_for_update()
    )


def _count_card_usage(insert_for):
    card = orm.card_daily_usage
    statement = insert_for(card)
    return statement.on_conflict_do_update(
        index_elements=[card.c.card_id, card.c.day],
        set_={"cents": card.c.cents + statement.excluded.cents, "visits": card.c.visits + 1},
    )


_NETWORK_RULES = [column for column in orm.ledger_networks.c if column.name != "network_id"]
CARD_AT_TILL = _card_at_till_query()
CARD_USAGE_TODAY = _card_usage_today_query()
HOLD_SHOP_TAKINGS = UpsertStatement(_hold_shop_takings)
LOCK_VISIT_ACCOUNTS = _lock_visit_accounts_query()
COUNT_CARD_USAGE = UpsertStatement(_count_card_usage)
ADD_SHOP_TAKINGS = (
    update(orm.shop_daily_takings)
    .where(
        orm.shop_daily_takings.c.shop_id == bindparam("the_shop"),
        orm.shop_daily_takings.c.day == bindparam("the_day"),
    )
    .values(cents=orm.shop_daily_takings.c.cents + bindparam("cents"))
)
SAVE_PIN_STATE = (
    update(orm.cards)
    .where(orm.cards.c.card_id == bindparam("the_card"))
    .values(failed_pin_attempts=bindparam("attempts"), pin_locked=bindparam("locked"))
)
LOCK_ACCOUNTS = (
    select(orm.accounts)
    .where(orm.accounts.c.id.in_(bindparam("account_ids", expanding=True)))
    .order_by(orm.accounts.c.id)
    .with_for_update()
)
SAVE_BALANCE = (
    update(orm.accounts)
    .where(orm.accounts.c.id == bindparam("account_id"))
    .values(balance=bindparam("new_balance"))
)


class SqlAlchemyTillRepository(Repository):
    def visit_in(
        self, batch, number: str, shop_id: str, day: date
    ) -> Callable[[], TillVisit | None]:
        """A redemption's visit, sent with a batch; call the result after it (None: no card)."""
        card = batch.fetch(CARD_AT_TILL, {"number": number, "shop_id": shop_id})
        usage = batch.fetch(CARD_USAGE_TODAY, {"number": number, "day": day})
        shop_today = batch.fetch(
            HOLD_SHOP_TAKINGS.for_session(self.session),
            {"shop_id": shop_id, "day": day, "cents": 0},
        )
        accounts = batch.fetch(LOCK_VISIT_ACCOUNTS, {"number": number, "shop_id": shop_id})

        def read() -> TillVisit | None:
            row = card.first()
            if row is None:
                return None
            locked = {a.kind: a for a in map(_account, accounts.all())}
            today = usage.first()
            return TillVisit(
                self._card_at_till(row),
                day,
                DailyUsage(today["cents"], today["visits"]) if today else DailyUsage(),
                shop_today.first()["cents"],
                locked.get(AccountKind.MEMBER),
                locked.get(AccountKind.SHOP_CLEARING),
            )

        return read

    def card_at_till(self, number: str, shop_id: str) -> CardAtTill | None:
        """The card, locked until the transaction ends, or None if no card has that number."""
        parameters = {"number": number, "shop_id": shop_id}
        row = self.session.execute(CARD_AT_TILL, parameters).mappings().first()
        return None if row is None else self._card_at_till(row)

    def _card_at_till(self, row: Mapping) -> CardAtTill:
        card = Card(
            card_id=row["card_id"],
            card_number=row["card_number"],
            member_id=row["member_id"],
            network_id=row["network_id"],
            status=CardStatus(row["status"]),
            pin_hash=row["pin_hash"],
            failed_pin_attempts=row["failed_pin_attempts"],
            pin_locked=row["pin_locked"],
        )
        member = LedgerMember(
            member_id=row["member_id"],
            network_id=row["network_id"],
            kind=row["kind"],
            status=row["member_status"],
            merged_into=row["merged_into"],
            erased=row["erased"],
        )
        network = LedgerNetwork(row["network_id"], **{c.name: row[c.name] for c in _NETWORK_RULES})
        return CardAtTill(
            self._track(card),
            member,
            network,
            row["household_account_id"],
            row["clearing_account_id"],
        )

    def save_pin_state(self, card: Card) -> None:
        """Keep the wrong PINs counted (and the lock) of a card from ``card_at_till``."""
        self._defer(
            SAVE_PIN_STATE,
            {
                "the_card": card.card_id,
                "attempts": card.failed_pin_attempts,
                "locked": card.pin_locked,
            },
        )

    def lock_accounts(self, *account_ids: str) -> dict[str, Account]:
        """The accounts, locked in id order (so two transactions never deadlock)."""
        rows = self.session.execute(LOCK_ACCOUNTS, {"account_ids": list(account_ids)})
        locked = {row.id: _account(row._mapping) for row in rows}
        missing = set(account_ids) - set(locked)
        if missing:
            raise LookupError(f"no accounts {sorted(missing)}")
        return locked

    def record_redemption(
        self, card_id: str, shop_id: str, day: date, cents: int, accounts: list[Account]
    ) -> None:
        """Count a redemption in today's usage and write the balances (of locked accounts)."""
        self._defer(ADD_SHOP_TAKINGS, {"the_shop": shop_id, "the_day": day, "cents": cents})
        self._defer(
            COUNT_CARD_USAGE.for_session(self.session),
            {"card_id": card_id, "day": day, "cents": cents, "visits": 1},
        )
        self._defer(
            SAVE_BALANCE, [{"account_id": a.id, "new_balance": a.balance} for a in accounts]
        )


def _account(row: Mapping) -> Account:
    return Account(
        row["id"],
        row["network_id"],
        Unit(row["unit"]),
        AccountKind(row["kind"]),
        row["owner_id"],
        row["balance"],
    )
