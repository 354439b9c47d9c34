"""Who the ledger serves: networks with their rules, and members.

What the exchange knows of a member (network, kind, status, household size)
arrives as registry events; it keeps no personal data. A network's rules are
the exchange's own, set by its operators: the entitlement (a base amount plus
an amount per extra household member, every cycle of so many days), the
limits at the till, how long FOOD credits last, and when a balance is low.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import MemberCannotSpend
from .ledger import NETWORK_ACCOUNTS, Account, AccountKind, Unit

CYCLE_EPOCH = date(2026, 1, 5)  # a Monday: cycles start on the same weekday


@dataclass
class LedgerNetwork:
    """A town's network: its rules and (through accounts) its pool, funding and issuance."""

    network_id: str
    entitlement_base_cents: int = 3000
    entitlement_per_extra_member_cents: int = 1000
    cycle_days: int = 28
    per_redemption_limit_cents: int = 5000
    per_card_daily_limit_cents: int = 10000
    visits_per_day_limit: int = 3
    shop_daily_takings_limit_cents: int = 300_000
    credit_lifetime_days: int = 90
    low_balance_threshold_cents: int = 500
    events: list = field(default_factory=list, repr=False, compare=False)

    def open_accounts(self) -> list[Account]:
        """The network's own accounts: FOOD pool, FOOD funding, TIME issuance."""
        return [
            Account.open(self.network_id, unit, kind, self.network_id)
            for kind, unit in NETWORK_ACCOUNTS
        ]

    def entitlement_cents(self, household_size: int) -> int:
        """What a household of this size receives each cycle."""
        extra_members = max(household_size - 1, 0)
        return self.entitlement_base_cents + extra_members * self.entitlement_per_extra_member_cents

    def cycle_of(self, day: date) -> int:
        """The number of the allocation cycle ``day`` falls in."""
        return (day - CYCLE_EPOCH).days // self.cycle_days


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
            Account.open(network_id, unit, AccountKind.MEMBER, member_id) for unit in Unit
        ]
        return member

    @property
    def is_shop(self) -> bool:
        return self.kind == "shop"

    @property
    def is_household(self) -> bool:
        return self.kind == "household"

    @property
    def household_size(self) -> int:
        return self.adults + self.minors

    def account(self, unit: Unit) -> Account:
        return next(account for account in self.accounts if account.unit is unit)

    def check_may_spend(self) -> None:
        """Only an active member spends credits: a suspended household cannot."""
        if self.status != "active" or self.erased or self.merged_into:
            raise MemberCannotSpend(
                "this household cannot spend credits now: ask the network's office",
                {"status": self.status},
            )

    def change_status(self, status: str, revision: int) -> None:
        if revision > self.status_revision:
            self.status, self.status_revision = status, revision

    def change_composition(self, adults: int, minors: int, revision: int) -> None:
        if revision > self.composition_revision:
            self.adults, self.minors, self.composition_revision = adults, minors, revision

    def balances(self) -> dict[Unit, int]:
        return {account.unit: account.balance for account in self.accounts}
