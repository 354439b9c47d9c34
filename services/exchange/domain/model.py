"""The exchange's model: members as the ledger knows them, and their accounts.

The ledger keeps, for every member of the programme, one account per unit:
FOOD in euro cents and TIME in minutes, integers only. What the exchange
knows of a member (network, kind, status) arrives as registry events; it
keeps no personal data. Accounts are opened when the registry announces the
member, so a balance exists from the first moment the member can act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from shared.correlation import new_id


class Unit(StrEnum):
    FOOD = "FOOD"  # euro cents
    TIME = "TIME"  # minutes


@dataclass
class Account:
    id: str
    member_id: str
    network_id: str
    unit: Unit
    balance: int = 0


@dataclass
class LedgerNetwork:
    """A town's network as the ledger knows it; its system accounts hang off it."""

    network_id: str
    events: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class LedgerMember:
    """A member as the ledger knows them: ids, kind, status, household size; nothing personal.

    ``status_revision`` and ``composition_revision`` are the registry's: an
    event older than what is known changes nothing.
    """

    member_id: str
    network_id: str
    kind: str
    status: str
    status_revision: int = 0
    adults: int = 1
    minors: int = 0
    composition_revision: int = 0
    merged_into: str | None = None
    erased: bool = False
    accounts: list[Account] = field(default_factory=list)
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def join(cls, member_id: str, network_id: str, kind: str, status: str) -> LedgerMember:
        """A member new to the ledger, with an empty account for every unit."""
        member = cls(member_id=member_id, network_id=network_id, kind=kind, status=status)
        member.accounts = [
            Account(id=new_id(), member_id=member_id, network_id=network_id, unit=unit)
            for unit in Unit
        ]
        return member

    def change_status(self, status: str, revision: int) -> None:
        if revision > self.status_revision:
            self.status, self.status_revision = status, revision

    def change_composition(self, adults: int, minors: int, revision: int) -> None:
        if revision > self.composition_revision:
            self.adults, self.minors, self.composition_revision = adults, minors, revision

    @property
    def household_size(self) -> int:
        return self.adults + self.minors

    def balances(self) -> dict[Unit, int]:
        return {account.unit: account.balance for account in self.accounts}
