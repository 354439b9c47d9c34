"""The transactional outbox: events written in the same transaction as the change.

A unit of work adds rows here; only the relay reads them, publishes them and
marks them published once the broker has confirmed. Relays claim batches with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several can run side by side
without publishing a row twice; on SQLite ``BEGIN IMMEDIATE`` serialises them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Insert

from shared.db import Database, UtcDateTime
from shared.messaging.envelope import Envelope

MAX_POSTPONE_SECONDS = 60


def outbox_table(metadata: MetaData) -> Table:
    """The outbox table, added to a service's metadata."""
    return Table(
        "outbox",
        metadata,
        Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(120), nullable=False),
        Column("payload", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("published_at", UtcDateTime()),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("next_attempt_at", UtcDateTime()),
        Column("last_error", Text),
        Index(
            "ix_outbox_pending",
            "position",
            postgresql_where=text("published_at IS NULL"),
            sqlite_where=text("published_at IS NULL"),
        ),
    )


def add_to_outbox(session: Session, table: Table, envelopes: Iterable[Envelope]) -> None:
    """Write events in the caller's transaction; they are published after it commits."""
    rows = outbox_rows(envelopes)
    if rows:
        session.execute(insert(table), rows)


@cache
def outbox_insert(table: Table) -> Insert:
    """The INSERT of an outbox table, built once (so it is compiled once)."""
    return insert(table)


def outbox_rows(envelopes: Iterable[Envelope]) -> list[dict]:
    """The outbox rows of events, for an ``insert`` of the outbox table."""
    now = datetime.now(UTC)
    return [
        {
            "event_id": envelope.id,
            "event_type": envelope.type,
            "payload": envelope.to_json(),
            "created_at": now,
        }
        for envelope in envelopes
    ]


def forget_about(
    session: Session, table: Table, subject_id: str, unsent_types: Collection[str] = ()
) -> int:
    """Delete the rows whose event names ``subject_id``, in the caller's transaction:
    the published ones, and the unsent ones of ``unsent_types``.

    For erasure: a published event has done its work, and its payload may carry
    the personal data being erased (the relay's pruning would delete it days
    later). An unsent event of a type that carries personal data would still
    deliver it after the erasure, to services about to erase it; the others
    (ids only) still go out, in order, before the erasure's own event. A row
    the relay is publishing is locked: the delete waits for it, then finds it
    published.
    """
    unsent = table.c.published_at.is_(None) & table.c.event_type.in_(list(unsent_types))
    statement = table.delete().where(
        table.c.payload.contains(subject_id), table.c.published_at.is_not(None) | unsent
    )
    return session.execute(statement).rowcount


@dataclass(frozen=True)
class OutgoingMessage:
    """One outbox row on its way to the broker."""

    position: int
    event_id: str
    event_type: str
    payload: str
    attempts: int = 0


@dataclass(frozen=True)
class Backlog:
    """What waits in an outbox: the relay's backlog and how far it lags."""

    events: int
    oldest_created_at: datetime | None

    def lag_seconds(self, now: datetime) -> float:
        """Age of the oldest unpublished event; 0 when none waits."""
        if self.oldest_created_at is None:
            return 0.0
        return max((now - self.oldest_created_at).total_seconds(), 0.0)


class ClaimedBatch:
    """Rows claimed by one relay inside an open transaction."""

    def __init__(self, session: Session, table: Table, messages: Sequence[OutgoingMessage]):
        self._session = session
        self._table = table
        self.messages = messages

    def mark_published(self, positions: Sequence[int]) -> None:
        if positions:
            self._session.execute(
                update(self._table)
                .where(self._table.c.position.in_(positions))
                .values(published_at=datetime.now(UTC))
            )

    def postpone(self, failures: dict[int, str]) -> None:
        """Leave failed rows pending, each retried later than the last time."""
        table = self._table
        now = datetime.now(UTC)
        attempts_by_position = {message.position: message.attempts for message in self.messages}
        for position, reason in failures.items():
            attempts = attempts_by_position[position] + 1
            delay = timedelta(seconds=min(2**attempts, MAX_POSTPONE_SECONDS))
            self._session.execute(
                update(table)
                .where(table.c.position == position)
                .values(attempts=attempts, next_attempt_at=now + delay, last_error=reason[:2000])
            )


class OutboxStore:
    """The relay's view of one service's outbox."""

    def __init__(self, database: Database, table: Table) -> None:
        self._database = database
        self._table = table

    @contextmanager
    def claim(self, limit: int) -> Iterator[ClaimedBatch]:
        """Claim up to ``limit`` pending rows; commit what the block marks."""
        table = self._table
        now = datetime.now(UTC)
        query = (
            select(
                table.c.position,
                table.c.event_id,
                table.c.event_type,
                table.c.payload,
                table.c.attempts,
            )
            .where(table.c.published_at.is_(None))
            .where((table.c.next_attempt_at.is_(None)) | (table.c.next_attempt_at <= now))
            .order_by(table.c.position)
            .limit(limit)
        )
        if not self._database.is_sqlite:
            query = query.with_for_update(skip_locked=True)
        with self._database.session() as session:
            rows = session.execute(query).all()
            yield ClaimedBatch(session, table, [OutgoingMessage(*row) for row in rows])
            session.commit()

    def pending_count(self) -> int:
        """How many events wait to be published (the outbox backlog)."""
        return self.backlog().events

    def backlog(self) -> Backlog:
        """The unpublished rows: how many, and when the oldest was written (one query)."""
        table = self._table
        with self._database.session() as session:
            events, oldest = session.execute(
                select(func.count(), func.min(table.c.created_at)).where(
                    table.c.published_at.is_(None)
                )
            ).one()
        return Backlog(events, oldest)

    def prune_published(self, older_than: timedelta) -> int:
        """Delete rows published long ago; they are no longer needed."""
        cutoff = datetime.now(UTC) - older_than
        with self._database.session() as session:
            result = session.execute(
                self._table.delete().where(self._table.c.published_at < cutoff)
            )
            session.commit()
            return result.rowcount
