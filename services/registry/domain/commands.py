"""What the registry is asked to do (imperative). ``actor`` is who asks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from shared.auth.principal import Principal

from .members import MemberKind, MemberStatus


@dataclass(frozen=True)
class EnsureAdministrator:
    email: str
    password: str


# Logins and tokens


@dataclass(frozen=True)
class IssueToken:
    email: str
    password: str


@dataclass(frozen=True)
class RequestLoginCode:
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class RedeemLoginCode:
    phone: str | None
    email: str | None
    code: str


@dataclass(frozen=True)
class RefreshTokens:
    refresh_token: str


@dataclass(frozen=True)
class Logout:
    refresh_token: str


@dataclass(frozen=True)
class CreateLogin:
    actor: Principal
    member_id: str
    email: str
    password: str


# Networks and places


@dataclass(frozen=True)
class CreateNetwork:
    actor: Principal
    name: str
    town: str
    eligibility_months: int | None = None


@dataclass(frozen=True)
class UpdateNetwork:
    actor: Principal
    network_id: str
    eligibility_months: int


@dataclass(frozen=True)
class OpenMarket:
    actor: Principal
    network_id: str
    name: str
    address: str
    market_days: list[str]


@dataclass(frozen=True)
class UpdateMarket:
    actor: Principal
    market_id: str
    name: str
    address: str
    market_days: list[str]


@dataclass(frozen=True)
class SetShopProfile:
    actor: Principal
    member_id: str
    shop_type: str
    accepts_time: bool
    market_id: str | None = None
    opening_days: list[str] = field(default_factory=list)
    time_rate_cents_per_hour: int | None = None


# Members


@dataclass(frozen=True)
class Person:
    first_name: str
    is_minor: bool
    birth_year: int | None = None


@dataclass(frozen=True)
class Referral:
    referred_by: str
    referred_on: date


@dataclass(frozen=True)
class RegisterMember:
    actor: Principal
    network_id: str
    kind: MemberKind
    display_name: str
    email: str | None = None
    phone: str | None = None
    language: str = "it"
    birth_year: int | None = None
    people: tuple[Person, ...] = ()
    referral: Referral | None = None
    educator_id: str | None = None
    confirm_not_duplicate: bool = False


@dataclass(frozen=True)
class UpdateContact:
    actor: Principal
    member_id: str
    display_name: str
    email: str | None
    phone: str | None
    language: str


@dataclass(frozen=True)
class ChangeStatus:
    actor: Principal
    member_id: str
    status: MemberStatus
    reason: str


@dataclass(frozen=True)
class SetPeople:
    actor: Principal
    member_id: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Recertify:
    actor: Principal
    member_id: str
    referral: Referral


@dataclass(frozen=True)
class AssignEducator:
    actor: Principal
    member_id: str
    educator_id: str


@dataclass(frozen=True)
class SuspendExpiredHouseholds:
    today: date


@dataclass(frozen=True)
class MergeMembers:
    actor: Principal
    kept_member_id: str
    duplicate_member_id: str


@dataclass(frozen=True)
class EraseMember:
    actor: Principal
    member_id: str


@dataclass(frozen=True)
class RecordConsent:
    actor: Principal
    member_id: str
    notice_version: str


# Cards and devices


@dataclass(frozen=True)
class IssueCard:
    actor: Principal
    member_id: str


@dataclass(frozen=True)
class BlockCard:
    actor: Principal
    card_id: str
    reason: str


@dataclass(frozen=True)
class ReplaceCard:
    actor: Principal
    card_id: str
    reason: str


@dataclass(frozen=True)
class RegisterDevice:
    actor: Principal
    shop_id: str
    label: str


@dataclass(frozen=True)
class RevokeDevice:
    actor: Principal
    device_id: str


@dataclass(frozen=True)
class IssuePairingCode:
    """A one-time code with which a till at the shop pairs itself."""

    actor: Principal
    shop_id: str


@dataclass(frozen=True)
class PairTill:
    """Register a till for the shop a pairing code was issued for (nobody logged in)."""

    code: str
    label: str


# Reciprocity contracts


@dataclass(frozen=True)
class SignContract:
    actor: Principal
    household_id: str
    educator_id: str
    hours_per_month: int
    activities: list[str]
    starts_on: date
    ends_on: date
    override: bool = False


@dataclass(frozen=True)
class ChangeContract:
    actor: Principal
    contract_id: str
    hours_per_month: int
    activities: list[str]
    starts_on: date
    ends_on: date
    override: bool = False


@dataclass(frozen=True)
class RenewContract:
    actor: Principal
    contract_id: str
    ends_on: date


@dataclass(frozen=True)
class EndContract:
    actor: Principal
    contract_id: str
    ended_on: date
    reason: str


# Bulk import


@dataclass(frozen=True)
class ImportMembers:
    """Households and shops from an operator's CSV, all at once or (if asked) the good rows."""

    actor: Principal
    network_id: str
    csv_text: str
    allow_partial: bool = False
    progress: object = field(default=None, compare=False, repr=False)
