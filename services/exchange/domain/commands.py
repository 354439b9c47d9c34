"""What the exchange is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
