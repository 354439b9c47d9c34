"""What the notifications service is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shared.auth.principal import Principal

from .digests import Month
from .quiet_hours import QuietHours


@dataclass(frozen=True)
class WelcomeMember:
    member_id: str
    network_id: str
    language: str


@dataclass(frozen=True)
class UpdateContact:
    member_id: str
    network_id: str
    display_name: str
    email: str | None
    phone: str | None
    language: str


@dataclass(frozen=True)
class EraseRecipient:
    member_id: str
    network_id: str


@dataclass(frozen=True)
class SendLoginCode:
    member_id: str
    network_id: str
    code: str = field(repr=False)
    channel: str
    expires_at: datetime


@dataclass(frozen=True)
class SetPreferences:
    actor: Principal
    member_id: str
    channels: tuple[str, ...]
    language: str | None
    quiet_hours: QuietHours | None
    muted_topics: tuple[str, ...]
    opted_in_topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkMessageRead:
    actor: Principal
    member_id: str
    message_id: str


@dataclass(frozen=True)
class RequeueDelivery:
    delivery_id: str


# From the exchange's events


@dataclass(frozen=True)
class Notify:
    """Write to one member about one topic (if this service knows the member)."""

    member_id: str
    network_id: str
    topic: str
    values: dict[str, Any]


@dataclass(frozen=True)
class RecordRedemption:
    """A household paid with FOOD credits at a shop: its receipt, the shop's takings."""

    transaction_id: str
    network_id: str
    member_id: str
    shop_id: str
    amount_cents: int
    balance_cents: int


@dataclass(frozen=True)
class RecordDonation:
    """A spesa sospesa paid at a shop: the shop's takings only."""

    transaction_id: str
    network_id: str
    shop_id: str
    amount_cents: int


@dataclass(frozen=True)
class RecordReversal:
    """A transaction refunded or reversed: the member hears of it, the shop's takings change."""

    transaction_id: str
    network_id: str
    member_id: str | None
    shop_id: str | None
    unit: str
    amount: int


@dataclass(frozen=True)
class RecordTimeSpent:
    """A member paid with TIME credits at a shop: their receipt."""

    transaction_id: str
    network_id: str
    member_id: str
    minutes: int
    value_cents: int
    balance_minutes: int


@dataclass(frozen=True)
class RecordHoursConfirmed:
    """Hours confirmed: the member hears of it, and they count for the month's digest."""

    time_entry_id: str
    network_id: str
    member_id: str
    minutes: int
    balance_minutes: int
    activity_date: date | None = None


@dataclass(frozen=True)
class RecordContract:
    contract_id: str
    household_id: str
    network_id: str
    hours_per_month: int
    starts_on: date
    ends_on: date
    revision: int


@dataclass(frozen=True)
class EndContract:
    contract_id: str
    household_id: str
    network_id: str
    ended_on: date


# Digests, from the scheduled commands


@dataclass(frozen=True)
class SendDailyTakings:
    day: date


@dataclass(frozen=True)
class SendMonthlyReciprocity:
    month: Month
