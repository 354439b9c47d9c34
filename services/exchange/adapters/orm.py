"""The exchange's tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import registry, relationship

from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.model import Account, LedgerMember, LedgerNetwork, Unit

metadata = MetaData()
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
    mapper_registry.map_imperatively(Account, accounts)
    mapper_registry.map_imperatively(
        LedgerMember,
        ledger_members,
        properties={"accounts": relationship(Account, lazy="selectin")},
    )
    give_loaded_aggregates_an_events_list(LedgerNetwork, LedgerMember)
