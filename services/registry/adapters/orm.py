"""The registry's tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
    false,
)
from sqlalchemy.orm import registry, relationship

from shared.auth.principal import Role
from shared.db import NAMING_CONVENTION, UtcDateTime
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.cards import Card, CardStatus
from ..domain.contracts import Contract, ContractStatus
from ..domain.devices import Device, DeviceStatus
from ..domain.duplicates import normalise_name, normalise_phone
from ..domain.logins import Login, LoginCode, RefreshToken
from ..domain.members import Member, MemberKind, MemberStatus, Person, ShopProfile, StatusChange
from ..domain.networks import Market, Network
from ..domain.pairing import PairingCode, WrongPairingCode
from ..domain.privacy import AuditAction, AuditEntry, Consent

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


def _enum(enum_class, name: str | None = None) -> Enum:
    """Stored as the lower-case value, checked by a VARCHAR, not a database type."""
    return Enum(
        enum_class,
        name=name or enum_class.__name__.lower(),
        native_enum=False,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        create_constraint=True,
    )


def _id(name: str = "id", *constraints, **kwargs) -> Column:
    return Column(name, String(36), *constraints, **kwargs)


networks = Table(
    "networks",
    metadata,
    _id(primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("town", String(120), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("eligibility_months", Integer, nullable=False, server_default="12"),
)

markets = Table(
    "markets",
    metadata,
    _id(primary_key=True),
    _id("network_id", ForeignKey("networks.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("address", String(300), nullable=False),
    Column("market_days", JSON, nullable=False),
)

members = Table(
    "members",
    metadata,
    _id(primary_key=True),
    _id("network_id", ForeignKey("networks.id"), nullable=False, index=True),
    Column("kind", _enum(MemberKind), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("status", _enum(MemberStatus), nullable=False),
    Column("language", String(8), nullable=False),
    Column("email", String(254)),
    Column("phone", String(32)),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("birth_year", Integer),
    _id("educator_id", ForeignKey("members.id")),
    Column("referred_by", String(200)),
    Column("referred_on", Date),
    Column("eligible_until", Date),
    Column("revision", Integer, nullable=False, server_default="1"),
    _id("merged_into", ForeignKey("members.id")),
    Column("erased_at", UtcDateTime()),
    # Kept by the mapper from the fields above, for the duplicate search.
    Column("phone_key", String(32)),
    Column("name_key", String(200)),
    Index("ix_members_network_phone_key", "network_id", "phone_key"),
    Index("ix_members_network_email", "network_id", "email"),
    Index("ix_members_network_name_key", "network_id", "name_key"),
)

people = Table(
    "people",
    metadata,
    _id(primary_key=True),
    _id("member_id", ForeignKey("members.id"), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("is_minor", Boolean, nullable=False),
    Column("birth_year", Integer),
)

status_changes = Table(
    "status_changes",
    metadata,
    _id(primary_key=True),
    _id("member_id", ForeignKey("members.id"), nullable=False, index=True),
    Column("from_status", _enum(MemberStatus, "from_status"), nullable=False),
    Column("to_status", _enum(MemberStatus, "to_status"), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("changed_by", String(36), nullable=False),
    Column("changed_at", UtcDateTime(), nullable=False),
    Column("automatic", Boolean, nullable=False, server_default=false()),
)

shop_profiles = Table(
    "shop_profiles",
    metadata,
    _id("member_id", ForeignKey("members.id"), primary_key=True),
    Column("shop_type", String(10), nullable=False),
    Column("accepts_time", Boolean, nullable=False),
    _id("market_id", ForeignKey("markets.id")),
    Column("opening_days", JSON, nullable=False),
    Column("time_rate_cents_per_hour", Integer),
)

cards = Table(
    "cards",
    metadata,
    _id(primary_key=True),
    _id("member_id", ForeignKey("members.id"), nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("number", String(12), nullable=False, unique=True),
    Column("status", _enum(CardStatus), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    _id("replaces_card_id"),
    Column("blocked_at", UtcDateTime()),
    Column("block_reason", String(20)),
)

devices = Table(
    "devices",
    metadata,
    _id(primary_key=True),
    _id("shop_id", ForeignKey("members.id"), nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("label", String(100), nullable=False),
    Column("token_sha256", String(64), nullable=False),
    Column("status", _enum(DeviceStatus), nullable=False),
    Column("registered_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
)

pairing_codes = Table(
    "pairing_codes",
    metadata,
    _id(primary_key=True),
    _id("shop_id", ForeignKey("members.id"), nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("code_sha256", String(64), nullable=False, index=True),
    Column("issued_by", String(36), nullable=False),
    Column("issuer_role", _enum(Role, "issuer_role"), nullable=False),
    _id("issuer_network_id"),
    _id("issuer_member_id"),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime()),
    _id("device_id", ForeignKey("devices.id")),
)

wrong_pairing_codes = Table(
    "wrong_pairing_codes",
    metadata,
    _id(primary_key=True),
    Column("typed_at", UtcDateTime(), nullable=False, index=True),
)

contracts = Table(
    "contracts",
    metadata,
    _id(primary_key=True),
    _id("household_id", ForeignKey("members.id"), nullable=False, index=True),
    _id("educator_id", ForeignKey("members.id"), nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("hours_per_month", Integer, nullable=False),
    Column("activities", JSON, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("status", _enum(ContractStatus), nullable=False),
    Column("ended_on", Date),
    Column("end_reason", String(500)),
    Column("revision", Integer, nullable=False),
)

logins = Table(
    "logins",
    metadata,
    _id(primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", _enum(Role), nullable=False),
    _id("network_id", ForeignKey("networks.id")),
    _id("member_id", ForeignKey("members.id")),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", UtcDateTime()),
)

login_codes = Table(
    "login_codes",
    metadata,
    _id(primary_key=True),
    _id("member_id", ForeignKey("members.id"), nullable=False, index=True),
    Column("code_hash", String(200), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("used_at", UtcDateTime()),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    _id(primary_key=True),
    _id("family_id", nullable=False, index=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("subject", String(36), nullable=False),
    Column("role", _enum(Role), nullable=False),
    _id("network_id"),
    _id("member_id"),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime()),
    Column("revoked_at", UtcDateTime()),
)

consents = Table(
    "consents",
    metadata,
    _id(primary_key=True),
    _id("member_id", ForeignKey("members.id"), nullable=False, index=True),
    Column("notice_version", String(40), nullable=False),
    Column("given_on", UtcDateTime(), nullable=False),
    Column("recorded_by", String(36), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    _id(primary_key=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(36), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", _enum(AuditAction), nullable=False),
    _id("member_id", nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_audit_log_network_at", "network_id", "at"),
)

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    map_ = mapper_registry.map_imperatively
    map_(Network, networks)
    map_(Market, markets)
    map_(Person, people)
    map_(StatusChange, status_changes)
    map_(ShopProfile, shop_profiles)
    map_(
        Member,
        members,
        properties={
            "people": relationship(Person, cascade="all, delete-orphan", lazy="selectin"),
            "status_changes": relationship(
                StatusChange,
                cascade="all, delete-orphan",
                order_by=status_changes.c.changed_at,
                lazy="select",
            ),
            "shop_profile": relationship(
                ShopProfile, uselist=False, cascade="all, delete-orphan", lazy="selectin"
            ),
        },
    )
    for domain_class, table in (
        (Card, cards),
        (Device, devices),
        (PairingCode, pairing_codes),
        (WrongPairingCode, wrong_pairing_codes),
        (Contract, contracts),
        (Login, logins),
        (LoginCode, login_codes),
        (RefreshToken, refresh_tokens),
        (Consent, consents),
        (AuditEntry, audit_log),
    ):
        map_(domain_class, table)
    give_loaded_aggregates_an_events_list(
        Network, Market, Member, Card, Device, Contract, Login, Consent, AuditEntry
    )
    event.listen(Member, "before_insert", _keep_search_keys)
    event.listen(Member, "before_update", _keep_search_keys)


def _keep_search_keys(_mapper, _connection, member: Member) -> None:
    member.phone_key = normalise_phone(member.phone)
    member.name_key = normalise_name(member.display_name)
