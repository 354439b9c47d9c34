"""Members of a network, and the lifecycle of a household.

Every member belongs to one network and is of one kind. A household has its
people (first names, adult or minor), a referral (who referred it and when)
and an eligibility that lasts the network's ``eligibility_months`` from the
referral. Its status moves pending → active → suspended → exited, each change
by an operator with a reason (or automatically when eligibility expires),
each kept in its history and published.

``revision`` grows with every change published about the member, so other
services can ignore an older event arriving after a newer one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from shared.correlation import new_id

from .errors import InvalidTransition, NotAllowedForKind
from .events import (
    HouseholdCompositionChanged,
    MemberContactChanged,
    MemberErased,
    MemberRegistered,
    MembersMerged,
    MemberStatusChanged,
    ShopProfileChanged,
)
from .networks import Network

DEFAULT_LANGUAGE = "it"
ERASED_NAME = "(erased)"


class MemberKind(StrEnum):
    CITIZEN = "citizen"
    HOUSEHOLD = "household"
    SHOP = "shop"
    ORGANISATION = "organisation"
    SCHOOL = "school"
    OPERATOR = "operator"
    EDUCATOR = "educator"


class MemberStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXITED = "exited"


ALLOWED_TRANSITIONS = {
    MemberStatus.PENDING: {MemberStatus.ACTIVE, MemberStatus.EXITED},
    MemberStatus.ACTIVE: {MemberStatus.SUSPENDED, MemberStatus.EXITED},
    MemberStatus.SUSPENDED: {MemberStatus.ACTIVE, MemberStatus.EXITED},
    MemberStatus.EXITED: set(),
}

# Kinds a person may hold a card as: households, and citizens who volunteer.
CARD_HOLDER_KINDS = {MemberKind.HOUSEHOLD, MemberKind.CITIZEN}


@dataclass
class Person:
    """Someone in a household: a first name is enough."""

    id: str
    member_id: str
    first_name: str
    is_minor: bool
    birth_year: int | None = None


@dataclass
class StatusChange:
    id: str
    member_id: str
    from_status: MemberStatus
    to_status: MemberStatus
    reason: str
    changed_by: str
    changed_at: datetime
    automatic: bool = False


@dataclass
class ShopProfile:
    """A participating shop or market stall."""

    member_id: str
    shop_type: str
    accepts_time: bool
    market_id: str | None = None
    opening_days: list[str] = field(default_factory=list)
    time_rate_cents_per_hour: int | None = None


@dataclass
class Member:
    id: str
    network_id: str
    kind: MemberKind
    display_name: str
    status: MemberStatus
    language: str
    created_at: datetime
    email: str | None = None
    phone: str | None = None
    birth_year: int | None = None
    educator_id: str | None = None
    referred_by: str | None = None
    referred_on: date | None = None
    eligible_until: date | None = None
    revision: int = 1
    merged_into: str | None = None
    erased_at: datetime | None = None
    people: list[Person] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    shop_profile: ShopProfile | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def register(
        cls,
        network: Network,
        kind: MemberKind,
        display_name: str,
        *,
        email: str | None = None,
        phone: str | None = None,
        language: str = DEFAULT_LANGUAGE,
        birth_year: int | None = None,
    ) -> Member:
        status = MemberStatus.PENDING if kind is MemberKind.HOUSEHOLD else MemberStatus.ACTIVE
        member = cls(
            id=new_id(),
            network_id=network.id,
            kind=kind,
            display_name=display_name,
            status=status,
            language=language,
            created_at=datetime.now(UTC),
            email=email,
            phone=phone,
            birth_year=birth_year,
        )
        member.events.append(
            MemberRegistered(member.id, network.id, kind.value, status.value, language)
        )
        member._contact_changed()
        return member

    @property
    def is_household(self) -> bool:
        return self.kind is MemberKind.HOUSEHOLD

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def update_contact(
        self, display_name: str, email: str | None, phone: str | None, language: str
    ) -> None:
        self._check_not_erased()
        self.display_name, self.email, self.phone = display_name, email, phone
        self.language = language
        self._contact_changed()

    def change_status(
        self, to: MemberStatus, reason: str, changed_by: str, *, automatic: bool = False
    ) -> None:
        """Move along the lifecycle; anything but an allowed step is refused."""
        if to not in ALLOWED_TRANSITIONS[self.status]:
            raise InvalidTransition(
                f"a {self.status.value} member cannot become {to.value}",
                {"status": self.status.value, "allowed": sorted(ALLOWED_TRANSITIONS[self.status])},
            )
        previous = self.status
        self.status = to
        self.revision += 1
        self.status_changes.append(
            StatusChange(
                new_id(), self.id, previous, to, reason, changed_by, datetime.now(UTC), automatic
            )
        )
        self.events.append(
            MemberStatusChanged(
                self.id,
                self.network_id,
                self.kind.value,
                to.value,
                previous.value,
                automatic,
                self.revision,
            )
        )

    def set_people(self, people: list[tuple[str, bool, int | None]]) -> None:
        """Replace the household's people: (first name, is minor, birth year)."""
        self._check_kind(MemberKind.HOUSEHOLD, "only a household has people")
        self.people[:] = [
            Person(new_id(), self.id, first_name, is_minor, birth_year)
            for first_name, is_minor, birth_year in people
        ]
        self.revision += 1
        minors = sum(person.is_minor for person in self.people)
        self.events.append(
            HouseholdCompositionChanged(
                self.id, self.network_id, len(self.people) - minors, minors, self.revision
            )
        )

    def refer(self, referred_by: str, referred_on: date, eligibility_months: int) -> None:
        """Record the referral (or a re-certification): eligibility restarts from it."""
        self._check_kind(MemberKind.HOUSEHOLD, "only a household is referred")
        self.referred_by, self.referred_on = referred_by, referred_on
        self.eligible_until = add_months(referred_on, eligibility_months)

    def eligibility_expired(self, today: date) -> bool:
        return self.eligible_until is not None and self.eligible_until < today

    def eligibility_ends_within(self, today: date, days: int) -> bool:
        return self.eligible_until is not None and (
            today <= self.eligible_until <= today + timedelta(days=days)
        )

    def assign_educator(self, educator: Member) -> None:
        self._check_kind(MemberKind.HOUSEHOLD, "only a household has an educator")
        if educator.kind is not MemberKind.EDUCATOR or educator.network_id != self.network_id:
            raise NotAllowedForKind("the educator must be an educator of the same network")
        self.educator_id = educator.id

    def set_shop_profile(
        self,
        shop_type: str,
        accepts_time: bool,
        market_id: str | None,
        opening_days: list[str],
        time_rate_cents_per_hour: int | None,
    ) -> None:
        """Describe the shop; a shop that takes no TIME has no rate."""
        self._check_kind(MemberKind.SHOP, "only a shop has a shop profile")
        if self.shop_profile is None:
            self.shop_profile = ShopProfile(self.id, shop_type, accepts_time)
        profile = self.shop_profile
        profile.shop_type, profile.accepts_time = shop_type, accepts_time
        profile.market_id, profile.opening_days = market_id, list(opening_days)
        profile.time_rate_cents_per_hour = time_rate_cents_per_hour if accepts_time else None
        self.revision += 1
        self.events.append(
            ShopProfileChanged(
                self.id,
                self.network_id,
                profile.shop_type,
                profile.market_id,
                profile.accepts_time,
                profile.time_rate_cents_per_hour,
                self.revision,
            )
        )

    def absorb(self, duplicate: Member, changed_by: str) -> None:
        """Merge a duplicate record of the same person into this one."""
        if duplicate.id == self.id or duplicate.network_id != self.network_id:
            raise NotAllowedForKind("only two different records of one network can be merged")
        if duplicate.kind is not self.kind:
            raise NotAllowedForKind("only records of the same kind can be merged")
        self._check_not_erased()
        duplicate._check_not_erased()
        if (self.email is None and duplicate.email) or (self.phone is None and duplicate.phone):
            self.update_contact(
                self.display_name,
                self.email or duplicate.email,
                self.phone or duplicate.phone,
                self.language,
            )
        if self.is_household and not self.people and duplicate.people:
            self.set_people([(p.first_name, p.is_minor, p.birth_year) for p in duplicate.people])
        if duplicate.status is not MemberStatus.EXITED:
            duplicate.change_status(MemberStatus.EXITED, f"merged into {self.id}", changed_by)
        duplicate.merged_into = self.id
        self.events.append(MembersMerged(self.id, duplicate.id, self.network_id))

    def erase(self, changed_by: str) -> None:
        """Remove personal data; keep the anonymous facts (ids, kind, network, dates)."""
        self._check_not_erased()
        if self.status is not MemberStatus.EXITED:
            self.change_status(MemberStatus.EXITED, "personal data erased", changed_by)
        self.display_name = ERASED_NAME
        self.email = self.phone = self.birth_year = self.referred_by = None
        self.people.clear()
        for change in self.status_changes:
            change.reason = ""
        self.erased_at = datetime.now(UTC)
        self.events.append(MemberErased(self.id, self.network_id))

    def _contact_changed(self) -> None:
        self.events.append(
            MemberContactChanged(
                self.id, self.network_id, self.display_name, self.email, self.phone, self.language
            )
        )

    def _check_kind(self, kind: MemberKind, message: str) -> None:
        if self.kind is not kind:
            raise NotAllowedForKind(message)

    def _check_not_erased(self) -> None:
        if self.is_erased:
            raise NotAllowedForKind("this member's data was erased")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
