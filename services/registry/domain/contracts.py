"""Reciprocity contracts ("restituzione"): what a household gives back.

A household agrees with its educator on hours a month of community activity
(at most 20 unless an operator overrides it), which activities, and from
when to when. A contract can change, be renewed to a later end, and end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from shared.correlation import new_id

from .errors import ContractLimitExceeded, NotAllowedForKind
from .events import ContractChanged, ContractEnded, ContractSigned
from .members import Member, MemberKind

MAX_HOURS_WITHOUT_OVERRIDE = 20


class ContractStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


@dataclass
class Contract:
    id: str
    household_id: str
    educator_id: str
    network_id: str
    hours_per_month: int
    activities: list[str]
    starts_on: date
    ends_on: date
    status: ContractStatus = ContractStatus.ACTIVE
    ended_on: date | None = None
    end_reason: str | None = None
    revision: int = 1
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def sign(
        cls,
        household: Member,
        educator: Member,
        hours_per_month: int,
        activities: list[str],
        starts_on: date,
        ends_on: date,
        *,
        override: bool = False,
    ) -> Contract:
        if household.kind is not MemberKind.HOUSEHOLD:
            raise NotAllowedForKind("contracts are signed by households")
        if educator.kind is not MemberKind.EDUCATOR or educator.network_id != household.network_id:
            raise NotAllowedForKind("the educator must be an educator of the household's network")
        _check_terms(hours_per_month, starts_on, ends_on, override)
        contract = cls(
            new_id(),
            household.id,
            educator.id,
            household.network_id,
            hours_per_month,
            activities,
            starts_on,
            ends_on,
        )
        contract.events.append(ContractSigned(*contract._published_terms()))
        return contract

    @property
    def is_active(self) -> bool:
        return self.status is ContractStatus.ACTIVE

    def change(
        self,
        hours_per_month: int,
        activities: list[str],
        starts_on: date,
        ends_on: date,
        *,
        override: bool = False,
    ) -> None:
        self._check_active()
        _check_terms(hours_per_month, starts_on, ends_on, override)
        self.hours_per_month, self.activities = hours_per_month, activities
        self.starts_on, self.ends_on = starts_on, ends_on
        self.revision += 1
        self.events.append(ContractChanged(*self._published_terms()))

    def renew(self, until: date) -> None:
        """Extend to a later end, same terms."""
        if until <= self.ends_on:
            raise NotAllowedForKind("a renewal must end later than the contract does")
        self.change(self.hours_per_month, self.activities, self.starts_on, until, override=True)

    def end(self, on: date, reason: str) -> None:
        self._check_active()
        self.status, self.ended_on, self.end_reason = ContractStatus.ENDED, on, reason
        self.events.append(ContractEnded(self.id, self.household_id, self.network_id, on))

    def _check_active(self) -> None:
        if not self.is_active:
            raise NotAllowedForKind("this contract has ended")

    def _published_terms(self) -> tuple:
        return (
            self.id,
            self.household_id,
            self.educator_id,
            self.network_id,
            self.hours_per_month,
            self.starts_on,
            self.ends_on,
            self.revision,
        )


def _check_terms(hours_per_month: int, starts_on: date, ends_on: date, override: bool) -> None:
    if hours_per_month > MAX_HOURS_WITHOUT_OVERRIDE and not override:
        raise ContractLimitExceeded(
            f"more than {MAX_HOURS_WITHOUT_OVERRIDE} hours a month needs an operator's override",
            {"max_hours_per_month": MAX_HOURS_WITHOUT_OVERRIDE},
        )
    if ends_on <= starts_on:
        raise NotAllowedForKind("a contract must end after it starts")
