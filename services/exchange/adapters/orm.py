"""The exchange's tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import registry, relationship

from shared.db import NAMING_CONVENTION
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.directory import Card, CardStatus, Contract, Device, DeviceStatus, Shop
from ..domain.model import Account, LedgerMember, LedgerNetwork, Unit

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(enum_class) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        length=10,
        values_callable=lambda members: [member.value for member in members],
        create_constraint=True,
    )


mapper_registry = registry(metadata=metadata)

ledger_networks = Table(
    "ledger_networks",
    metadata,
    Column("network_id", String(36), primary_key=True),
)

ledger_members = Table(
    "ledger_members",
    metadata,
    Column("member_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_revision", Integer, nullable=False, server_default="0"),
    Column("adults", Integer, nullable=False, server_default="1"),
    Column("minors", Integer, nullable=False, server_default="0"),
    Column("composition_revision", Integer, nullable=False, server_default="0"),
    Column("merged_into", String(36)),
    Column("erased", Boolean, nullable=False, server_default=false()),
)

cards = Table(
    "cards",
    metadata,
    Column("card_id", String(36), primary_key=True),
    Column("card_number", String(32), nullable=False, unique=True),
    Column("member_id", String(36), nullable=False, index=True),
    Column("network_id", String(36), nullable=False),
    Column("status", _enum(CardStatus), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("shop_id", String(36), nullable=False, index=True),
    Column("network_id", String(36), nullable=False),
    Column("token_sha256", String(64), nullable=False),
    Column("status", _enum(DeviceStatus), nullable=False),
)

shops = Table(
    "shops",
    metadata,
    Column("member_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False, index=True),
    Column("shop_type", String(10), nullable=False),
    Column("market_id", String(36)),
    Column("accepts_time", Boolean, nullable=False),
    Column("time_rate_cents_per_hour", Integer),
    Column("revision", Integer, nullable=False),
)

contracts = Table(
    "contracts",
    metadata,
    Column("contract_id", String(36), primary_key=True),
    Column("household_id", String(36), nullable=False, index=True),
    Column("network_id", String(36), nullable=False),
    Column("hours_per_month", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("revision", Integer, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("member_id", String(36), ForeignKey("ledger_members.member_id"), nullable=False),
    Column("network_id", String(36), nullable=False),
    Column(
        "unit",
        Enum(Unit, native_enum=False, length=8, create_constraint=True),
        nullable=False,
    ),
    Column("balance", BigInteger, nullable=False, default=0),
    UniqueConstraint("member_id", "unit", name="uq_accounts_member_unit"),
    CheckConstraint("balance >= 0", name="ck_accounts_member_balance_not_negative"),
)

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    mapper_registry.map_imperatively(LedgerNetwork, ledger_networks)
    mapper_registry.map_imperatively(Card, cards)
    mapper_registry.map_imperatively(Device, devices)
    mapper_registry.map_imperatively(Shop, shops)
    mapper_registry.map_imperatively(Contract, contracts)
    mapper_registry.map_imperatively(Account, accounts)
    mapper_registry.map_imperatively(
        LedgerMember,
        ledger_members,
        properties={"accounts": relationship(Account, lazy="selectin")},
    )
    give_loaded_aggregates_an_events_list(LedgerNetwork, LedgerMember, Card, Device, Shop, Contract)
