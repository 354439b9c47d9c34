"""What the exchange knows of the registry: cards, till devices, shops, contracts.

A read model kept from registry events. Blocked cards and revoked devices
never come back (a lost card is replaced by a new one), so those changes are
safe in any order; records that change back and forth carry the registry's
revision, and an older revision never overwrites a newer one.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .errors import CardBlocked, CardLocked, PinNotSet, WrongPin
from .events import CardLockedByWrongPins


class CardStatus(StrEnum):
    ISSUED = "issued"
    BLOCKED = "blocked"


class DeviceStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass
class Card:
    """A card as the till knows it: status from the registry, PIN kept here.

    The PIN is a payment credential of the exchange: only a keyed hash is
    kept, and five wrong PINs in a row lock the card until its holder or an
    operator sets the PIN again.
    """

    card_id: str
    card_number: str
    member_id: str
    network_id: str
    status: CardStatus = CardStatus.ISSUED
    pin_hash: str | None = None
    failed_pin_attempts: int = 0
    pin_locked: bool = False
    events: list = field(default_factory=list, repr=False, compare=False)

    MAX_WRONG_PINS = 5

    def block(self) -> None:
        self.status = CardStatus.BLOCKED

    def set_pin(self, pin_hash: str) -> None:
        """A new PIN; it also unlocks a card locked by wrong PINs."""
        self.pin_hash = pin_hash
        self.failed_pin_attempts = 0
        self.pin_locked = False

    def check_usable(self) -> None:
        if self.status is CardStatus.BLOCKED:
            raise CardBlocked("this card is blocked: the household should ask for a new one")
        if self.pin_locked:
            raise CardLocked(
                "this card is locked after too many wrong PINs: "
                "the holder or an operator sets a new PIN to unlock it"
            )
        if self.pin_hash is None:
            raise PinNotSet("this card has no PIN yet: the holder or an operator sets one")

    def verify_pin(self, candidate_hash: str) -> None:
        """Accept the right PIN; count a wrong one, and lock the card at the fifth."""
        self.check_usable()
        if hmac.compare_digest(self.pin_hash, candidate_hash):
            self.failed_pin_attempts = 0
            return
        self.failed_pin_attempts += 1
        if self.failed_pin_attempts >= self.MAX_WRONG_PINS:
            self.pin_locked = True
            self.events.append(CardLockedByWrongPins(self.card_id, self.member_id, self.network_id))
            raise CardLocked("wrong PIN, five times: the card is now locked")
        raise WrongPin(
            "wrong PIN",
            {"attempts_left": self.MAX_WRONG_PINS - self.failed_pin_attempts},
        )


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
    educator_id: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    def end(self, on: date) -> None:
        self.ended_on = on
