"""The registry's tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import Column, Enum, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.orm import registry

from shared.auth.principal import Role
from shared.db import UtcDateTime
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.model import Login, Member, MemberKind, MemberStatus, Network

metadata = MetaData()


def _enum(enum_class) -> Enum:
    """Stored as the lower-case value, checked by a VARCHAR, not a database type."""
    return Enum(
        enum_class,
        native_enum=False,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        create_constraint=True,
    )


mapper_registry = registry(metadata=metadata)

networks = Table(
    "networks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("town", String(120), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("network_id", String(36), ForeignKey("networks.id"), nullable=False, index=True),
    Column("kind", _enum(MemberKind), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("status", _enum(MemberStatus), nullable=False),
    Column("language", String(8), nullable=False),
    Column("email", String(254)),
    Column("phone", String(32)),
    Column("created_at", UtcDateTime(), nullable=False),
)

logins = Table(
    "logins",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", _enum(Role), nullable=False),
    Column("network_id", String(36), ForeignKey("networks.id")),
    Column("member_id", String(36), ForeignKey("members.id")),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", UtcDateTime()),
)

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    mapper_registry.map_imperatively(Network, networks)
    mapper_registry.map_imperatively(Member, members)
    mapper_registry.map_imperatively(Login, logins)
    give_loaded_aggregates_an_events_list(Network, Member, Login)
