"""What happens in the registry, as domain events (past tense).

Each one leaves the registry as the integration event of the same name in
shared/contracts/registry.py (see adapters/translators.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class NetworkCreated:
    network_id: str
    name: str
    town: str


@dataclass(frozen=True)
class MemberRegistered:
    member_id: str
    network_id: str
    kind: str
    status: str
    language: str


@dataclass(frozen=True)
class MemberContactChanged:
    member_id: str
    network_id: str
    display_name: str
    email: str | None
    phone: str | None
    language: str


@dataclass(frozen=True)
class MemberStatusChanged:
    member_id: str
    network_id: str
    kind: str
    status: str
    previous_status: str
    automatic: bool
    revision: int


@dataclass(frozen=True)
class HouseholdCompositionChanged:
    member_id: str
    network_id: str
    adults: int
    minors: int
    revision: int


@dataclass(frozen=True)
class MembersMerged:
    kept_member_id: str
    merged_member_id: str
    network_id: str


@dataclass(frozen=True)
class MemberErased:
    member_id: str
    network_id: str


@dataclass(frozen=True)
class ShopProfileChanged:
    member_id: str
    network_id: str
    shop_type: str
    market_id: str | None
    accepts_time: bool
    time_rate_cents_per_hour: int | None
    revision: int


@dataclass(frozen=True)
class CardIssued:
    card_id: str
    card_number: str
    member_id: str
    network_id: str
    replaces_card_id: str | None


@dataclass(frozen=True)
class CardBlocked:
    card_id: str
    card_number: str
    member_id: str
    network_id: str
    reason: str


@dataclass(frozen=True)
class DeviceRegistered:
    device_id: str
    shop_id: str
    network_id: str
    token_sha256: str


@dataclass(frozen=True)
class DeviceRevoked:
    device_id: str
    shop_id: str
    network_id: str


@dataclass(frozen=True)
class ContractSigned:
    contract_id: str
    household_id: str
    educator_id: str
    network_id: str
    hours_per_month: int
    starts_on: date
    ends_on: date
    revision: int


@dataclass(frozen=True)
class ContractChanged(ContractSigned):
    pass


@dataclass(frozen=True)
class ContractEnded:
    contract_id: str
    household_id: str
    network_id: str
    ended_on: date


@dataclass(frozen=True)
class LoginCodeRequested:
    member_id: str
    network_id: str
    code: str
    channel: str
    expires_at: datetime
