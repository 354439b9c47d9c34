"""The notifications tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
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
)
from sqlalchemy.orm import registry, relationship

from shared.db import NAMING_CONVENTION, UtcDateTime
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.channels import Channel
from ..domain.deliveries import Delivery, DeliveryStatus
from ..domain.digests import HoursGiven, ReciprocityContract, TakingsEntry, TakingsKind
from ..domain.model import InboxMessage, Recipient
from ..domain.preferences import Preferences

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


def _enum(enum_class, length: int = 10) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        create_constraint=True,
    )


recipients = Table(
    "recipients",
    metadata,
    Column("member_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("display_name", String(200)),
    Column("email", String(254)),
    Column("phone", String(32)),
    Column("erased_at", UtcDateTime()),
)

preferences = Table(
    "preferences",
    metadata,
    Column("member_id", String(36), ForeignKey("recipients.member_id"), primary_key=True),
    Column("channels", JSON, nullable=False),
    Column("language", String(8)),
    Column("quiet_hours_start", String(5)),
    Column("quiet_hours_end", String(5)),
    Column("muted_topics", JSON, nullable=False),
    Column("updated_at", UtcDateTime()),
    Column("opted_in_topics", JSON, nullable=False, server_default="[]"),
)

inbox_messages = Table(
    "inbox_messages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("member_id", String(36), ForeignKey("recipients.member_id"), nullable=False),
    Column("topic", String(60), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("language", String(8), nullable=False, server_default="it"),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("read_at", UtcDateTime()),
    Index("ix_inbox_messages_member_created", "member_id", "created_at"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("member_id", String(36), ForeignKey("recipients.member_id"), nullable=False),
    Column("network_id", String(36), nullable=False),
    Column("channel", _enum(Channel), nullable=False),
    Column("topic", String(60), nullable=False),
    Column("params", JSON),
    Column("status", _enum(DeliveryStatus), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("next_attempt_at", UtcDateTime()),
    Column("expires_at", UtcDateTime()),
    Column("claim_token", String(36)),
    Column("claimed_until", UtcDateTime()),
    Column("sent_at", UtcDateTime()),
    Column("address", String(254)),
    Column("provider_message_id", String(120)),
    UniqueConstraint("event_id", "member_id", "channel", name="uq_deliveries_event_member_channel"),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
    Index("ix_deliveries_network_created", "network_id", "created_at"),
    Index("ix_deliveries_member_topic", "member_id", "topic"),
)

# What the digests are made of (domain/digests.py), kept from the exchange's and
# the registry's events: ids and numbers, nothing personal.
takings_entries = Table(
    "takings_entries",
    metadata,
    Column("transaction_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False),
    Column("shop_id", String(36), nullable=False),
    Column("kind", _enum(TakingsKind, length=20), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Index("ix_takings_entries_day_shop", "day", "shop_id"),
)

hours_given = Table(
    "hours_given",
    metadata,
    Column("time_entry_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False),
    Column("member_id", String(36), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("month", String(7), nullable=False),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Index("ix_hours_given_month_member", "month", "member_id"),
)

reciprocity_contracts = Table(
    "reciprocity_contracts",
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

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    mapper_registry.map_imperatively(InboxMessage, inbox_messages)
    mapper_registry.map_imperatively(Preferences, preferences)
    mapper_registry.map_imperatively(Delivery, deliveries)
    mapper_registry.map_imperatively(TakingsEntry, takings_entries)
    mapper_registry.map_imperatively(HoursGiven, hours_given)
    mapper_registry.map_imperatively(ReciprocityContract, reciprocity_contracts)
    mapper_registry.map_imperatively(
        Recipient,
        recipients,
        properties={
            "preferences": relationship(
                Preferences, uselist=False, lazy="joined", cascade="all, delete-orphan"
            )
        },
    )
    give_loaded_aggregates_an_events_list(Recipient)
