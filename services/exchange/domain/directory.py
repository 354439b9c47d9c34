"""What the exchange knows of the registry: cards, till devices, shops, contracts.

A read model kept from registry events. Blocked cards and revoked devices
never come back (a lost card is replaced by a new one), so those changes are
safe in any order; records that change back and forth carry the registry's
revision, and an older revision never overwrites a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class CardStatus(StrEnum):
    ISSUED = "issued"
    BLOCKED = "blocked"


class DeviceStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass
class Card:
    card_id: str
    card_number: str
    member_id: str
    network_id: str
    status: CardStatus = CardStatus.ISSUED
    events: list = field(default_factory=list, repr=False, compare=False)

    def block(self) -> None:
        self.status = CardStatus.BLOCKED


@dataclass
class Device:
    device_id: str
    shop_id: str
    network_id: str
    token_sha256: str
    status: DeviceStatus = DeviceStatus.ACTIVE
    events: list = field(default_factory=list, repr=False, compare=False)

    def revoke(self) -> None:
        self.status = DeviceStatus.REVOKED


@dataclass
class Shop:
    member_id: str
    network_id: str
    shop_type: str
    accepts_time: bool
    time_rate_cents_per_hour: int | None
    market_id: str | None = None
    revision: int = 0
    events: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class Contract:
    contract_id: str
    household_id: str
    network_id: str
    hours_per_month: int
    starts_on: date
    ends_on: date
    ended_on: date | None = None
    revision: int = 0
    events: list = field(default_factory=list, repr=False, compare=False)

    def end(self, on: date) -> None:
        self.ended_on = on
