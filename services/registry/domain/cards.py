"""Cards: a household's (or a volunteer's) key at the till.

A card number is twelve digits, the last a Luhn check digit, so a till
refuses any single mistyped digit and almost any swap of two neighbours
before asking the exchange. It is shown in groups of four. A lost card is
blocked for good and replaced by a new one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from stdnum import luhn

from shared.correlation import new_id

from .errors import CardNotActive, NotAllowedForKind
from .events import CardBlocked, CardIssued
from .members import CARD_HOLDER_KINDS, Member

CARD_NUMBER_DIGITS = 12
_SEPARATORS = re.compile(r"[\s.-]")


class CardStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"


BLOCK_REASONS = ("lost", "stolen", "damaged", "replaced", "member_exited", "other")


def new_card_number() -> str:
    body = "".join(secrets.choice("0123456789") for _ in range(CARD_NUMBER_DIGITS - 1))
    return body + luhn.calc_check_digit(body)


def normalise_card_number(typed: str) -> str | None:
    """The card number typed at a till, without spaces; None if it cannot be one."""
    digits = _SEPARATORS.sub("", typed)
    if len(digits) != CARD_NUMBER_DIGITS or not digits.isdigit() or not luhn.is_valid(digits):
        return None
    return digits


def display_card_number(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


@dataclass
class Card:
    id: str
    member_id: str
    network_id: str
    number: str
    status: CardStatus
    issued_at: datetime
    replaces_card_id: str | None = None
    blocked_at: datetime | None = None
    block_reason: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def issue(cls, holder: Member, replaces: Card | None = None) -> Card:
        if holder.kind not in CARD_HOLDER_KINDS:
            raise NotAllowedForKind("cards are for households and volunteering citizens")
        card = cls(
            id=new_id(),
            member_id=holder.id,
            network_id=holder.network_id,
            number=new_card_number(),
            status=CardStatus.ACTIVE,
            issued_at=datetime.now(UTC),
            replaces_card_id=replaces.id if replaces else None,
        )
        card.events.append(
            CardIssued(card.id, card.number, holder.id, holder.network_id, card.replaces_card_id)
        )
        return card

    @property
    def is_active(self) -> bool:
        return self.status is CardStatus.ACTIVE

    def block(self, reason: str) -> None:
        if not self.is_active:
            raise CardNotActive("this card is blocked already")
        self.status = CardStatus.BLOCKED
        self.blocked_at = datetime.now(UTC)
        self.block_reason = reason
        self.events.append(
            CardBlocked(self.id, self.number, self.member_id, self.network_id, reason)
        )
