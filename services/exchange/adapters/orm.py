"""The exchange's tables, mapped imperatively onto the plain domain classes.

Postings are written and read with SQLAlchemy Core (see repositories.py):
they never change once written, so they need no mapping, and the database
refuses any UPDATE or DELETE of them (triggers in migration 0003).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
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
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import registry, relationship

from shared.db import NAMING_CONVENTION, UtcDateTime
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.directory import Card, CardStatus, Contract, Device, DeviceStatus, Shop
from ..domain.ledger import Account, AccountKind, Transaction, TransactionKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..domain.recovery import FoodRecovery, Settlement
from ..domain.time_credits import TimeEntry, TimeEntryStatus

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


def _enum(enum_class, length: int = 20) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        create_constraint=True,
    )


def _id(name: str, *constraints, **kwargs) -> Column:
    return Column(name, String(36), *constraints, **kwargs)


ledger_networks = Table(
    "ledger_networks",
    metadata,
    _id("network_id", primary_key=True),
    Column("entitlement_base_cents", Integer, nullable=False, server_default="3000"),
    Column("entitlement_per_extra_member_cents", Integer, nullable=False, server_default="1000"),
    Column("cycle_days", Integer, nullable=False, server_default="28"),
    Column("per_redemption_limit_cents", Integer, nullable=False, server_default="5000"),
    Column("per_card_daily_limit_cents", Integer, nullable=False, server_default="10000"),
    Column("visits_per_day_limit", Integer, nullable=False, server_default="3"),
    Column("shop_daily_takings_limit_cents", Integer, nullable=False, server_default="300000"),
    Column("credit_lifetime_days", Integer, nullable=False, server_default="90"),
    Column("low_balance_threshold_cents", Integer, nullable=False, server_default="500"),
)

ledger_members = Table(
    "ledger_members",
    metadata,
    _id("member_id", primary_key=True),
    _id("network_id", nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_revision", Integer, nullable=False, server_default="0"),
    Column("adults", Integer, nullable=False, server_default="1"),
    Column("minors", Integer, nullable=False, server_default="0"),
    Column("composition_revision", Integer, nullable=False, server_default="0"),
    _id("merged_into"),
    Column("erased", Boolean, nullable=False, server_default=false()),
)

accounts = Table(
    "accounts",
    metadata,
    _id("id", primary_key=True),
    _id("network_id", nullable=False),
    Column("unit", _enum(Unit, 8), nullable=False),
    Column("kind", _enum(AccountKind), nullable=False),
    _id("owner_id", nullable=False),
    Column("balance", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("owner_id", "kind", "unit", name="uq_accounts_owner_kind_unit"),
    CheckConstraint(
        "kind IN ('funding', 'shop_clearing', 'time_issuance') OR balance >= 0",
        name="never_negative",
    ),
)

transactions = Table(
    "transactions",
    metadata,
    _id("id", primary_key=True),
    Column("kind", _enum(TransactionKind), nullable=False),
    _id("network_id", nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("actor_id", String(36), nullable=False),
    Column("actor_role", String(20), nullable=False),
    _id("member_id"),
    _id("shop_id"),
    _id("device_id"),
    _id("reverses_id", ForeignKey("transactions.id")),
    Column("memo", String(300), nullable=False, server_default=""),
    Index("ix_transactions_member_created", "member_id", "created_at"),
    Index("ix_transactions_shop_created", "shop_id", "created_at"),
    Index("ix_transactions_network_created", "network_id", "created_at"),
    Index("ix_transactions_reverses_id", "reverses_id"),
)

postings = Table(
    "postings",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    _id("transaction_id", ForeignKey("transactions.id"), nullable=False, index=True),
    _id("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("unit", _enum(Unit, 8), nullable=False),
    Column("amount", BigInteger, nullable=False),
    CheckConstraint("amount <> 0", name="moves_something"),
    Index("ix_postings_account_id_id", "account_id", "id"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("scope", String(36), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("refusal", String(40)),
    Column("answer", Text),
    Column("created_at", UtcDateTime(), nullable=False, index=True),
)

card_daily_usage = Table(
    "card_daily_usage",
    metadata,
    _id("card_id", primary_key=True),
    Column("day", Date, primary_key=True),
    Column("cents", BigInteger, nullable=False),
    Column("visits", Integer, nullable=False),
)

shop_daily_takings = Table(
    "shop_daily_takings",
    metadata,
    _id("shop_id", primary_key=True),
    Column("day", Date, primary_key=True),
    Column("cents", BigInteger, nullable=False),
)

entitlement_allocations = Table(
    "entitlement_allocations",
    metadata,
    _id("member_id", primary_key=True),
    Column("cycle", Integer, primary_key=True),
    _id("network_id", nullable=False),
    _id("transaction_id", ForeignKey("transactions.id"), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
)

time_entries = Table(
    "time_entries",
    metadata,
    _id("id", primary_key=True),
    _id("network_id", nullable=False),
    _id("member_id", nullable=False, index=True),
    _id("organisation_id", nullable=False, index=True),
    Column("minutes", Integer, nullable=False),
    Column("activity", String(200), nullable=False),
    Column("activity_date", Date, nullable=False),
    Column("logged_by", String(36), nullable=False),
    Column("logged_at", UtcDateTime(), nullable=False),
    Column("status", _enum(TimeEntryStatus), nullable=False),
    Column("decided_by", String(36)),
    Column("decided_at", UtcDateTime()),
    _id("transaction_id", ForeignKey("transactions.id")),
    Column("rejection_reason", String(500)),
    Index("ix_time_entries_network_status", "network_id", "status"),
)

food_recoveries = Table(
    "food_recoveries",
    metadata,
    _id("id", primary_key=True),
    _id("network_id", nullable=False),
    _id("shop_id", nullable=False),
    _id("market_id"),
    Column("day", Date, nullable=False),
    Column("unsold_grams", Integer, nullable=False),
    Column("spesa_goods_grams", Integer, nullable=False),
    Column("destination", String(20), nullable=False),
    Column("recorded_by", String(36), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Index("ix_food_recoveries_network_day", "network_id", "day"),
)

settlements = Table(
    "settlements",
    metadata,
    _id("id", primary_key=True),
    _id("network_id", nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("recorded_by", String(36), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    _id("transaction_id", ForeignKey("transactions.id")),
    Index("ix_settlements_network_period", "network_id", "period_start"),
)

expiry_warnings = Table(
    "expiry_warnings",
    metadata,
    _id("member_id", primary_key=True),
    Column("expires_on", Date, primary_key=True),
    Column("amount_cents", BigInteger, nullable=False),
)

cards = Table(
    "cards",
    metadata,
    _id("card_id", primary_key=True),
    Column("card_number", String(32), nullable=False, unique=True),
    _id("member_id", nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("status", _enum(CardStatus, 10), nullable=False),
    Column("pin_hash", String(64)),
    Column("failed_pin_attempts", Integer, nullable=False, server_default="0"),
    Column("pin_locked", Boolean, nullable=False, server_default=false()),
)

devices = Table(
    "devices",
    metadata,
    _id("device_id", primary_key=True),
    _id("shop_id", nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("token_sha256", String(64), nullable=False),
    Column("status", _enum(DeviceStatus, 10), nullable=False),
)

shops = Table(
    "shops",
    metadata,
    _id("member_id", primary_key=True),
    _id("network_id", nullable=False, index=True),
    Column("shop_type", String(10), nullable=False),
    _id("market_id"),
    Column("accepts_time", Boolean, nullable=False),
    Column("time_rate_cents_per_hour", Integer),
    Column("revision", Integer, nullable=False),
)

contracts = Table(
    "contracts",
    metadata,
    _id("contract_id", primary_key=True),
    _id("household_id", nullable=False, index=True),
    _id("network_id", nullable=False),
    Column("hours_per_month", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("revision", Integer, nullable=False),
    _id("educator_id"),
)

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    map_ = mapper_registry.map_imperatively
    map_(LedgerNetwork, ledger_networks)
    map_(Account, accounts)
    map_(
        LedgerMember,
        ledger_members,
        properties={
            "accounts": relationship(
                Account,
                primaryjoin=(ledger_members.c.member_id == accounts.c.owner_id)
                & (accounts.c.kind == AccountKind.MEMBER.value),
                foreign_keys=[accounts.c.owner_id],
                lazy="selectin",
                viewonly=False,
            )
        },
    )
    map_(Transaction, transactions)
    map_(TimeEntry, time_entries)
    map_(FoodRecovery, food_recoveries)
    map_(Settlement, settlements)
    for domain_class, table in (
        (Card, cards),
        (Device, devices),
        (Shop, shops),
        (Contract, contracts),
    ):
        map_(domain_class, table)
    give_loaded_aggregates_an_events_list(
        LedgerNetwork,
        LedgerMember,
        Transaction,
        TimeEntry,
        Card,
        Device,
        Shop,
        Contract,
        FoodRecovery,
        Settlement,
    )
