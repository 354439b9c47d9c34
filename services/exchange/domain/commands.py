"""What the exchange is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.auth.principal import Principal

from .idempotency import IdempotentRequest


@dataclass(frozen=True)
class OpenMemberAccounts:
    """Know a member the registry announced, and open their accounts."""

    member_id: str
    network_id: str
    kind: str
    status: str


@dataclass(frozen=True)
class KnowNetwork:
    """Know a network the registry created."""

    network_id: str


@dataclass(frozen=True)
class ChangeMemberStatus:
    member_id: str
    network_id: str
    kind: str
    status: str
    revision: int


@dataclass(frozen=True)
class RecordHouseholdComposition:
    member_id: str
    network_id: str
    adults: int
    minors: int
    revision: int


@dataclass(frozen=True)
class RecordMerge:
    kept_member_id: str
    merged_member_id: str
    network_id: str


@dataclass(frozen=True)
class RecordErasure:
    member_id: str
    network_id: str


@dataclass(frozen=True)
class RecordShopProfile:
    member_id: str
    network_id: str
    shop_type: str
    market_id: str | None
    accepts_time: bool
    time_rate_cents_per_hour: int | None
    revision: int


@dataclass(frozen=True)
class RecordIssuedCard:
    card_id: str
    card_number: str
    member_id: str
    network_id: str


@dataclass(frozen=True)
class BlockCard:
    card_id: str
    card_number: str
    member_id: str
    network_id: str


@dataclass(frozen=True)
class RecordDevice:
    device_id: str
    shop_id: str
    network_id: str
    token_sha256: str


@dataclass(frozen=True)
class RevokeDevice:
    device_id: str
    shop_id: str
    network_id: str


@dataclass(frozen=True)
class RecordContract:
    contract_id: str
    household_id: str
    educator_id: str
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


# Credits


@dataclass(frozen=True)
class SetPin:
    actor: Principal
    card_number: str
    pin: str


@dataclass(frozen=True)
class Donate:
    """A spesa sospesa paid at the till of the calling device."""

    actor: Principal
    request: IdempotentRequest
    amount_cents: int


@dataclass(frozen=True)
class Redeem:
    actor: Principal
    request: IdempotentRequest
    card_number: str
    pin: str
    amount_cents: int


@dataclass(frozen=True)
class Grant:
    actor: Principal
    request: IdempotentRequest
    network_id: str
    amount_cents: int
    memo: str


@dataclass(frozen=True)
class Allocate:
    actor: Principal
    request: IdempotentRequest
    member_id: str
    amount_cents: int
    memo: str = ""


@dataclass(frozen=True)
class AllocateEntitlements:
    """Each active household's entitlement for the cycle of ``day``, at most once."""

    actor: Principal
    network_id: str
    day: date
    member_ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Refund:
    actor: Principal
    request: IdempotentRequest
    transaction_id: str
    amount_cents: int
    reason: str


@dataclass(frozen=True)
class Reverse:
    actor: Principal
    request: IdempotentRequest
    transaction_id: str
    reason: str


@dataclass(frozen=True)
class ExpireCredits:
    """Return credits unspent past their lifetime to the pools; warn a week ahead."""

    today: date


@dataclass(frozen=True)
class UpdateRules:
    actor: Principal
    network_id: str
    rules: dict


# Time credits


@dataclass(frozen=True)
class LogTime:
    actor: Principal
    member_id: str
    organisation_id: str
    minutes: int
    activity: str
    activity_date: date


@dataclass(frozen=True)
class ConfirmTime:
    actor: Principal
    time_entry_id: str


@dataclass(frozen=True)
class RejectTime:
    actor: Principal
    time_entry_id: str
    reason: str


@dataclass(frozen=True)
class GiveTime:
    actor: Principal
    request: IdempotentRequest
    to_member_id: str
    minutes: int


@dataclass(frozen=True)
class SpendTime:
    """TIME credits spent at the till of a shop that takes them."""

    actor: Principal
    request: IdempotentRequest
    card_number: str
    pin: str
    minutes: int


# Food recovered and settlement


@dataclass(frozen=True)
class RecordFoodRecovery:
    actor: Principal
    shop_id: str
    day: date
    unsold_grams: int
    spesa_goods_grams: int
    destination: str
    market_id: str | None = None


@dataclass(frozen=True)
class RecordSettlement:
    actor: Principal
    network_id: str
    period_start: date
    period_end: date
