"""What happens in the exchange, as domain events (past tense)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CreditsDonated:
    transaction_id: str
    network_id: str
    shop_id: str
    amount_cents: int


@dataclass(frozen=True)
class CreditsGranted:
    transaction_id: str
    network_id: str
    amount_cents: int


@dataclass(frozen=True)
class CreditsAllocated:
    transaction_id: str
    network_id: str
    member_id: str
    amount_cents: int
    balance_cents: int


@dataclass(frozen=True)
class CreditsRedeemed:
    transaction_id: str
    network_id: str
    member_id: str
    shop_id: str
    amount_cents: int
    balance_cents: int


@dataclass(frozen=True)
class CreditsReversed:
    transaction_id: str
    reversed_transaction_id: str
    network_id: str
    member_id: str | None
    shop_id: str | None
    unit: str
    amount: int
    reversed_kind: str


@dataclass(frozen=True)
class CreditsExpired:
    transaction_id: str
    network_id: str
    member_id: str
    amount_cents: int
    balance_cents: int


@dataclass(frozen=True)
class CreditsExpiring:
    network_id: str
    member_id: str
    amount_cents: int
    expires_on: date


@dataclass(frozen=True)
class BalanceLow:
    network_id: str
    member_id: str
    balance_cents: int
    threshold_cents: int


@dataclass(frozen=True)
class CardLockedByWrongPins:
    card_id: str
    member_id: str
    network_id: str


@dataclass(frozen=True)
class TimeLogged:
    time_entry_id: str
    network_id: str
    member_id: str
    organisation_id: str
    minutes: int
    activity_date: date


@dataclass(frozen=True)
class TimeConfirmed:
    time_entry_id: str
    transaction_id: str
    network_id: str
    member_id: str
    organisation_id: str
    minutes: int
    balance_minutes: int
    activity_date: date


@dataclass(frozen=True)
class TimeRejected:
    time_entry_id: str
    network_id: str
    member_id: str
    organisation_id: str
    minutes: int
    activity_date: date
    reason: str


@dataclass(frozen=True)
class TimeGiven:
    transaction_id: str
    network_id: str
    from_member_id: str
    to_member_id: str
    minutes: int


@dataclass(frozen=True)
class TimeSpent:
    transaction_id: str
    network_id: str
    member_id: str
    shop_id: str
    minutes: int
    value_cents: int
    balance_minutes: int
