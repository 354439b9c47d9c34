"""The rules at a shop's till, checked before any credit moves.

In this order, so nothing is told to someone who has not shown the PIN: the
card must exist in the shop's network and be usable, the PIN must be right,
the household active, and the amount within the network's limits (per
redemption, per card and day in cents and visits, per shop and day) and the
household's balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .directory import Card
from .errors import LimitExceeded
from .ledger import Account
from .model import LedgerMember, LedgerNetwork


@dataclass(frozen=True)
class DailyUsage:
    """What a card spent today and in how many visits."""

    cents: int = 0
    visits: int = 0


@dataclass(frozen=True)
class CardAtTill:
    """A card shown at a till, with what deciding on it needs."""

    card: Card
    member: LedgerMember
    network: LedgerNetwork
    household_account_id: str | None
    clearing_account_id: str | None

    @property
    def pin_state(self) -> tuple[int, bool]:
        return self.card.failed_pin_attempts, self.card.pin_locked


@dataclass(frozen=True)
class TillVisit:
    """A card shown for a redemption, with today's usage and both accounts, all locked.

    The shop's clearing account is None until its first redemption opens it.
    """

    shown: CardAtTill
    day: date
    card_today: DailyUsage
    shop_today_cents: int
    household: Account | None
    clearing: Account | None


def check_limits(
    network: LedgerNetwork, amount: int, card_today: DailyUsage, shop_today_cents: int
) -> None:
    """Refuse a redemption beyond any of the network's limits, saying which."""
    if amount > network.per_redemption_limit_cents:
        _refuse("per_redemption", network.per_redemption_limit_cents, "at most {} at a time")
    if card_today.visits + 1 > network.visits_per_day_limit:
        _refuse("visits_per_day", network.visits_per_day_limit, "at most {} purchases a day")
    if card_today.cents + amount > network.per_card_daily_limit_cents:
        _refuse(
            "per_card_daily",
            network.per_card_daily_limit_cents,
            "at most {} a day with one card",
            left=network.per_card_daily_limit_cents - card_today.cents,
        )
    if shop_today_cents + amount > network.shop_daily_takings_limit_cents:
        _refuse("shop_daily", network.shop_daily_takings_limit_cents, "this shop's limit today")


def _refuse(limit: str, value: int, message: str, left: int | None = None) -> None:
    details = {"limit": limit, "value": value}
    if left is not None:
        details["left_today"] = max(left, 0)
    raise LimitExceeded(f"over the limit: {message.format(value)}", details)
