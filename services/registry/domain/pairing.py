"""Pairing a shop's till with a one-time code, so nobody copies a device token by hand.

An operator asks for a code for one of their shops. The registry shows eight
random digits ("1234 5678") once and keeps only their SHA-256, with the shop
and the operator who asked. Whoever types the code on the till within thirty
minutes, once, gets a new device of that shop, registered as that operator
would have registered it by hand.

A fast hash is enough for a code that lives thirty minutes and works once;
what makes guessing useless is the limit on wrong codes: after five in a
minute, from anywhere, pairing pauses until that minute has passed. Refused
tries during a pause do not count, so the pause ends on its own. At five
guesses a minute an attacker covers about 150 of the 10^8 codes in a code's
lifetime: a chance of one in 700,000 per live code.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.auth.principal import Principal, Role
from shared.correlation import new_id

from .errors import InvalidPairingCode, NotAllowedForKind, PairingPaused
from .members import Member, MemberKind

CODE_DIGITS = 8
LIFETIME = timedelta(minutes=30)
WRONG_CODES_WINDOW = timedelta(minutes=1)
MAX_WRONG_CODES = 5
_SEPARATORS = re.compile(r"[\s.-]")
WRONG_CODE = "the pairing code is wrong, expired or used already: ask for a new one"


def new_pairing_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def display_pairing_code(code: str) -> str:
    """The code as the operator reads it out: two groups of four."""
    return f"{code[:4]} {code[4:]}"


def pairing_code_sha256(typed: str) -> str:
    """The hash of a code as typed, spaces and dashes ignored."""
    return hashlib.sha256(_SEPARATORS.sub("", typed).encode()).hexdigest()


@dataclass
class PairingCode:
    """A code that pairs one new till with a shop, on behalf of the operator who asked."""

    id: str
    shop_id: str
    network_id: str
    code_sha256: str
    issued_by: str
    issuer_role: Role
    issuer_network_id: str | None
    issuer_member_id: str | None
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    device_id: str | None = None

    @classmethod
    def issue(cls, shop: Member, issuer: Principal, now: datetime) -> tuple[PairingCode, str]:
        """A new code for the shop, and its digits (to show once)."""
        if shop.kind is not MemberKind.SHOP:
            raise NotAllowedForKind("till devices belong to shops")
        code = new_pairing_code()
        pairing = cls(
            id=new_id(),
            shop_id=shop.id,
            network_id=shop.network_id,
            code_sha256=pairing_code_sha256(code),
            issued_by=issuer.subject,
            issuer_role=issuer.role,
            issuer_network_id=issuer.network_id,
            issuer_member_id=issuer.member_id,
            issued_at=now,
            expires_at=now + LIFETIME,
        )
        return pairing, code

    @property
    def issuer(self) -> Principal:
        """The operator who asked for the code: the till is registered as theirs."""
        return Principal(
            self.issued_by, self.issuer_role, self.issuer_network_id, self.issuer_member_id
        )

    def check_usable(self, now: datetime) -> None:
        if self.used_at is not None or self.expires_at <= now:
            raise InvalidPairingCode(WRONG_CODE)

    def redeem(self, device_id: str, now: datetime) -> None:
        """Use the code for this device; it never works again."""
        self.check_usable(now)
        self.used_at, self.device_id = now, device_id


def check_code_found(pairing: PairingCode | None, now: datetime) -> PairingCode:
    """The code typed, if it exists and may still be used."""
    if pairing is None:
        raise InvalidPairingCode(WRONG_CODE)
    pairing.check_usable(now)
    return pairing


def check_pairing_open(wrong_codes_at: Iterable[datetime], now: datetime) -> None:
    """Refuse every code while five wrong ones were typed within the last minute."""
    recent = sorted((at for at in wrong_codes_at if at > now - WRONG_CODES_WINDOW), reverse=True)
    if len(recent) < MAX_WRONG_CODES:
        return
    reopens_at = recent[MAX_WRONG_CODES - 1] + WRONG_CODES_WINDOW
    raise PairingPaused(
        "too many wrong pairing codes: wait a minute and try again",
        math.ceil((reopens_at - now).total_seconds()),
    )


@dataclass
class WrongPairingCode:
    """When someone typed a pairing code that does not work; kept for a minute."""

    id: str
    typed_at: datetime

    @classmethod
    def typed(cls, now: datetime) -> WrongPairingCode:
        return cls(new_id(), now)
