"""The till's reads and writes, in few statements, with SQLAlchemy Core.

A redemption is the busiest write of the system: at closing time every till
of a town may be at it at once. Loading its aggregates through the ORM cost
more than the database itself (PERFORMANCE.md), so the till reads the card,
its household, the network's rules and both accounts' ids in one statement
(locking the card, which serialises everything done with it), the day's
usage in a second, locks the two accounts in a third, and writes back only
what changed. Each statement is built once, with bound parameters, so a
request spends no time building SQL. The objects returned are the plain
domain classes, not attached to the session: they are saved through here.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, bindparam, select, update

from shared.unit_of_work import Repository

from ..domain.directory import Card, CardStatus
from ..domain.ledger import Account, AccountKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..domain.till import CardAtTill, DailyUsage
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


def _usage_today_query():
    card, shop = orm.card_daily_usage, orm.shop_daily_takings
    card_today = and_(card.c.card_id == bindparam("card_id"), card.c.day == bindparam("day"))
    shop_today = and_(shop.c.shop_id == bindparam("shop_id"), shop.c.day == bindparam("day"))
    return select(
        select(card.c.cents).where(card_today).scalar_subquery(),
        select(card.c.visits).where(card_today).scalar_subquery(),
        select(shop.c.cents).where(shop_today).scalar_subquery(),
    )


_NETWORK_RULES = [column for column in orm.ledger_networks.c if column.name != "network_id"]
CARD_AT_TILL = _card_at_till_query()
USAGE_TODAY = _usage_today_query()
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
    def card_at_till(self, number: str, shop_id: str) -> CardAtTill | None:
        """The card, locked until the transaction ends, or None if no card has that number."""
        row = self.session.execute(CARD_AT_TILL, {"number": number, "shop_id": shop_id})
        row = row.mappings().first()
        if row is None:
            return None
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
        self.session.execute(
            SAVE_PIN_STATE,
            {
                "the_card": card.card_id,
                "attempts": card.failed_pin_attempts,
                "locked": card.pin_locked,
            },
        )

    def usage_today(self, card_id: str, shop_id: str, day: date) -> tuple[DailyUsage, int]:
        """What the card spent today in how many visits, and what the shop took."""
        parameters = {"card_id": card_id, "shop_id": shop_id, "day": day}
        cents, visits, shop_cents = self.session.execute(USAGE_TODAY, parameters).one()
        return DailyUsage(cents or 0, visits or 0), shop_cents or 0

    def lock_accounts(self, *account_ids: str) -> dict[str, Account]:
        """The accounts, locked in id order (so two transactions never deadlock)."""
        rows = self.session.execute(LOCK_ACCOUNTS, {"account_ids": list(account_ids)})
        locked = {
            row.id: Account(
                row.id,
                row.network_id,
                Unit(row.unit),
                AccountKind(row.kind),
                row.owner_id,
                row.balance,
            )
            for row in rows
        }
        missing = set(account_ids) - set(locked)
        if missing:
            raise LookupError(f"no accounts {sorted(missing)}")
        return locked

    def save_balances(self, accounts: list[Account]) -> None:
        """Write the balances of accounts from ``lock_accounts``, still under their lock."""
        self.session.execute(
            SAVE_BALANCE, [{"account_id": a.id, "new_balance": a.balance} for a in accounts]
        )
