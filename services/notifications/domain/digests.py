"""What the digests are made of: a shop's takings of one day, a household's hours of one month.

Database per service: this service does not read the exchange's ledger or
the registry's contracts. It keeps, from their events, the few numbers a
digest needs:

- a **takings entry** per movement at a shop's till (from
  ``exchange.credits.redeemed``, ``.donated`` and ``.reversed``): a
  purchase paid with credits, a refund (credits given back to a household
  at that shop), a spesa sospesa collected, or one cancelled. Its day is the
  local day (the programme's time zone) the event occurred on;
- the **hours given** per confirmed time entry (``exchange.time.confirmed``),
  in the month the confirmation occurred: the event carries no date of the
  activity itself;
- each household's **reciprocity contracts** (``registry.contract.*``):
  hours a month, from when to when, and when it ended.

A digest is sent at most once per member and period: its deliveries carry a
key made of the topic, the member and the period where an event's id would
be, and the delivery log is unique per key, member and channel.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

DIGEST_KEYS = uuid.UUID("6f0c1f52-7f7e-4c55-9a52-0d8f3c1e6b10")


def digest_key(topic: str, member_id: str, period: str) -> str:
    """The stable id of one digest: the same topic, member and period give the same key."""
    return str(uuid.uuid5(DIGEST_KEYS, f"{topic}/{member_id}/{period}"))


class TakingsKind(StrEnum):
    REDEMPTION = "redemption"
    REFUND = "refund"
    DONATION = "donation"
    DONATION_CANCELLED = "donation_cancelled"


@dataclass
class TakingsEntry:
    """One movement at a shop's till, as the exchange announced it."""

    transaction_id: str
    network_id: str
    shop_id: str
    kind: TakingsKind
    amount_cents: int
    day: date
    occurred_at: datetime


@dataclass(frozen=True)
class DailyTakings:
    """A shop's movements of one day, summed."""

    shop_id: str
    network_id: str
    day: date
    purchases: int = 0
    redeemed_cents: int = 0
    refunded_cents: int = 0
    donations: int = 0
    donated_cents: int = 0

    @classmethod
    def per_shop(cls, day: date, entries: Iterable[TakingsEntry]) -> list[DailyTakings]:
        """One summary per shop that had any movement in ``entries``."""
        totals: dict[str, dict[str, Any]] = {}
        for entry in entries:
            shop = totals.setdefault(entry.shop_id, {"network_id": entry.network_id})
            for name, amount in _contribution(entry).items():
                shop[name] = shop.get(name, 0) + amount
        return [cls(shop_id=shop_id, day=day, **shop) for shop_id, shop in sorted(totals.items())]

    def values(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "purchases": self.purchases,
            "redeemed": self.redeemed_cents,
            "refunded": self.refunded_cents,
            "donations": self.donations,
            "donated": self.donated_cents,
        }


def _contribution(entry: TakingsEntry) -> dict[str, int]:
    amount = entry.amount_cents
    return {
        TakingsKind.REDEMPTION: {"purchases": 1, "redeemed_cents": amount},
        TakingsKind.REFUND: {"refunded_cents": amount},
        TakingsKind.DONATION: {"donations": 1, "donated_cents": amount},
        TakingsKind.DONATION_CANCELLED: {"donations": -1, "donated_cents": -amount},
    }[entry.kind]


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"2026-03"``; ValueError unless YYYY-MM."""
        year, _, month = text.partition("-")
        digits = len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()
        if not digits or not 1 <= int(month) <= 12:
            raise ValueError(f"not a month as YYYY-MM: {text!r}")
        return cls(int(year), int(month))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class HoursGiven:
    """Hours of community activity confirmed for a member, in the month of the confirmation."""

    time_entry_id: str
    network_id: str
    member_id: str
    minutes: int
    month: str
    occurred_at: datetime


@dataclass
class ReciprocityContract:
    """The hours a month a household agreed to give back, from when to when."""

    contract_id: str
    household_id: str
    network_id: str
    hours_per_month: int
    starts_on: date
    ends_on: date
    ended_on: date | None = None
    revision: int = 0

    @classmethod
    def ended_before_signed(
        cls, contract_id: str, household_id: str, network_id: str, ended_on: date
    ) -> ReciprocityContract:
        """Its end arrived first: the signing, when it comes, fills in the terms."""
        return cls(contract_id, household_id, network_id, 0, ended_on, ended_on, ended_on)

    def record_terms(
        self, hours_per_month: int, starts_on: date, ends_on: date, revision: int
    ) -> None:
        """Newer terms replace older ones; a late, older revision changes nothing."""
        if revision > self.revision:
            self.hours_per_month, self.starts_on, self.ends_on = hours_per_month, starts_on, ends_on
            self.revision = revision

    def end(self, on: date) -> None:
        self.ended_on = on

    @property
    def last_day(self) -> date:
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on

    def covers(self, month: Month) -> bool:
        """True when the contract held on any day of ``month`` (its terms known)."""
        return (
            self.hours_per_month > 0
            and self.starts_on <= month.last_day
            and self.last_day >= month.first_day
        )


@dataclass(frozen=True)
class MonthlyReciprocity:
    """A household's hours of one month against its contract's."""

    household_id: str
    network_id: str
    month: Month
    given_minutes: int
    agreed_minutes: int

    @classmethod
    def per_household(
        cls,
        month: Month,
        contracts: Iterable[ReciprocityContract],
        minutes_given: Mapping[str, int],
    ) -> list[MonthlyReciprocity]:
        """One summary per household with a contract in ``month``; the latest contract counts."""
        latest: dict[str, ReciprocityContract] = {}
        for contract in contracts:
            if not contract.covers(month):
                continue
            known = latest.get(contract.household_id)
            if known is None or contract.starts_on > known.starts_on:
                latest[contract.household_id] = contract
        return [
            cls(
                household_id=household_id,
                network_id=contract.network_id,
                month=month,
                given_minutes=minutes_given.get(household_id, 0),
                agreed_minutes=contract.hours_per_month * 60,
            )
            for household_id, contract in sorted(latest.items())
        ]

    def values(self) -> dict[str, Any]:
        return {
            "month": str(self.month),
            "given": self.given_minutes,
            "agreed": self.agreed_minutes,
        }
