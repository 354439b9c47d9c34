"""The notifications tables, mapped imperatively onto the plain domain classes."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, MetaData, String, Table, Text
from sqlalchemy.orm import registry, relationship

from shared.db import NAMING_CONVENTION, UtcDateTime
from shared.messaging.inbox import handled_events_table
from shared.messaging.outbox import outbox_table
from shared.unit_of_work import give_loaded_aggregates_an_events_list

from ..domain.model import InboxMessage, Recipient

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)

recipients = Table(
    "recipients",
    metadata,
    Column("member_id", String(36), primary_key=True),
    Column("network_id", String(36), nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("display_name", String(200)),
    Column("email", String(254)),
    Column("phone", String(32)),
)

inbox_messages = Table(
    "inbox_messages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("member_id", String(36), ForeignKey("recipients.member_id"), nullable=False),
    Column("topic", String(60), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("read_at", UtcDateTime()),
    Index("ix_inbox_messages_member_created", "member_id", "created_at"),
)

outbox = outbox_table(metadata)
handled_events = handled_events_table(metadata)


def start_mappers() -> None:
    """Map the domain classes once per process."""
    if mapper_registry.mappers:
        return
    mapper_registry.map_imperatively(InboxMessage, inbox_messages)
    mapper_registry.map_imperatively(
        Recipient,
        recipients,
        properties={"messages": relationship(InboxMessage, lazy="select")},
    )
    give_loaded_aggregates_an_events_list(Recipient)
