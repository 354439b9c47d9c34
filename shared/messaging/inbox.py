"""The idempotent consumer's record of handled events.

A consumer claims the event id in the same transaction as the handler's
effect. A duplicate (redelivery, double publish, replayed dead letter) finds
the id taken and changes nothing. On PostgreSQL a concurrent duplicate waits
on the uncommitted row and then sees it taken.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, MetaData, String, Table
from sqlalchemy.orm import Session

from shared.db import UtcDateTime, upsert_for
from shared.messaging.envelope import Envelope


def handled_events_table(metadata: MetaData) -> Table:
    """The table of handled event ids, added to a service's metadata."""
    return Table(
        "handled_events",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(120), nullable=False),
        Column("handled_at", UtcDateTime(), nullable=False),
    )


def claim_event(session: Session, table: Table, envelope: Envelope) -> bool:
    """Record the event as handled in this transaction; False if it already was."""
    statement = (
        upsert_for(session)(table)
        .values(event_id=envelope.id, event_type=envelope.type, handled_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(table.c.event_id)
    )
    return session.execute(statement).scalar() is not None
