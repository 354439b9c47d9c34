"""The idempotent consumer's record of handled events.

A consumer claims the event id in the same transaction as the handler's
effect. A duplicate (redelivery, double publish, replayed dead letter) finds
the id taken and changes nothing. On PostgreSQL a concurrent duplicate waits
on the uncommitted row and then sees it taken. A batch of events is claimed
in one statement; the ids it returns are the ones this transaction took.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Column, MetaData, String, Table
from sqlalchemy.orm import Session

from shared.db import UpsertStatement, UtcDateTime
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
    return bool(claim_events(session, table, [envelope]))


def claim_events(session: Session, table: Table, envelopes: Iterable[Envelope]) -> set[str]:
    """Record the events as handled in this transaction; the ids that were not already."""
    now = datetime.now(UTC)
    rows = {
        envelope.id: {"event_id": envelope.id, "event_type": envelope.type, "handled_at": now}
        for envelope in envelopes
    }
    if not rows:
        return set()
    result = session.execute(_claims(table).for_session(session), list(rows.values()))
    return set(result.scalars())


@cache
def _claims(table: Table) -> UpsertStatement:
    # Built once per table and dialect: this runs for every event a service consumes.
    return UpsertStatement(
        lambda insert_for: (
            insert_for(table)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(table.c.event_id)
        )
    )
