"""The registry's model: networks (one per town), their members, and logins.

A network is a town's local programme. Every member belongs to one network
and is of one kind; a household starts ``pending`` until an operator
activates it, every other kind starts ``active``. A login is a way in for a
person with a role: the first administrator has no member record, operators
and educators are members of their network. Aggregates record what happened
to them in ``events``; the unit of work publishes those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from shared.auth.principal import Principal, Role
from shared.correlation import new_id

from .errors import AccountLocked
from .events import MemberContactChanged, MemberRegistered, NetworkCreated

DEFAULT_LANGUAGE = "it"


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


@dataclass
class Network:
    id: str
    name: str
    town: str
    created_at: datetime
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(cls, name: str, town: str) -> Network:
        network = cls(id=new_id(), name=name, town=town, created_at=datetime.now(UTC))
        network.events.append(NetworkCreated(network_id=network.id, name=name, town=town))
        return network


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
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def register(
        cls,
        network: Network,
        kind: MemberKind,
        display_name: str,
        email: str | None = None,
        phone: str | None = None,
        language: str = DEFAULT_LANGUAGE,
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
        )
        member.events.append(
            MemberRegistered(
                member_id=member.id,
                network_id=network.id,
                kind=kind.value,
                status=status.value,
                language=language,
            )
        )
        member.events.append(
            MemberContactChanged(
                member_id=member.id,
                network_id=network.id,
                display_name=display_name,
                email=email,
                phone=phone,
                language=language,
            )
        )
        return member


@dataclass
class Login:
    """A password login, with the role and scope its tokens carry."""

    id: str
    email: str
    password_hash: str
    role: Role
    network_id: str | None = None
    member_id: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    MAX_FAILED_ATTEMPTS = 5
    LOCK_MINUTES = 15

    @property
    def principal(self) -> Principal:
        return Principal(
            subject=self.member_id or self.id,
            role=self.role,
            network_id=self.network_id,
            member_id=self.member_id,
        )

    def check_not_locked(self, now: datetime) -> None:
        if self.locked_until is not None and self.locked_until > now:
            raise AccountLocked("too many failed logins: try again later")

    def record_failure(self, now: datetime) -> None:
        self.failed_attempts += 1
        if self.failed_attempts >= self.MAX_FAILED_ATTEMPTS:
            self.locked_until = now + timedelta(minutes=self.LOCK_MINUTES)
            self.failed_attempts = 0

    def record_success(self) -> None:
        self.failed_attempts = 0
        self.locked_until = None
