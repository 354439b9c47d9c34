"""Statements sent together (shared/round_trips.py), and connections the server closed."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, Table, exc, func, insert, select, text

from shared.db import UtcDateTime
from shared.round_trips import together


@pytest.fixture
def database(services):
    return services["registry"].database


@pytest.fixture
def outbox(services):
    return services["registry"].outbox


def row(event_type: str = "registry.network.created") -> dict:
    return {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "payload": "{}",
        "created_at": datetime.now(UTC),
    }


def test_a_batch_reads_and_writes_and_commits_with_the_session(database, outbox):
    adding = insert(outbox)
    counting = select(func.count().label("rows")).select_from(outbox)
    with database.session() as session:
        with together(session) as batch:
            batch.execute(adding, row())
            batch.execute(adding, [row(), row()])
            counted = batch.fetch(counting, {})
        assert counted.first() == {"rows": 3}
        with together(session) as batch:
            batch.execute(adding, row("registry.member.registered"))
            batch.commit()
        session.commit()
    with database.session() as session:
        assert session.scalar(counting) == 4
        assert session.scalar(select(outbox.c.attempts).limit(1)) == 0  # server default kept


def test_a_failing_statement_fails_the_batch_and_nothing_of_it_is_kept(database, outbox):
    adding = insert(outbox)
    twice = row()
    with database.session() as session:
        with pytest.raises(exc.IntegrityError), together(session) as batch:
            batch.execute(adding, row())
            batch.execute(adding, [twice, twice])
            batch.commit()
        session.rollback()
        assert session.scalar(select(func.count()).select_from(outbox)) == 0
        session.execute(adding, row())  # the session is usable again
        session.commit()


@pytest.mark.real_stack
def test_a_connection_the_server_closed_is_never_handed_out(database):
    with database.session() as session:
        first_backend = session.scalar(text("SELECT pg_backend_pid()"))
        session.commit()
    url = database.engine.url.set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first_backend,))
    time.sleep(0.2)  # the server's goodbye reaches the pooled connection's socket

    with database.session() as session:
        assert session.scalar(text("SELECT pg_backend_pid()")) != first_backend


def test_values_are_sent_as_the_dialect_sends_them(database):
    """A JSON document and a timestamp go through the dialect's own types (psycopg wraps JSON)."""
    metadata = MetaData()
    documents = Table(
        f"round_trip_documents_{uuid.uuid4().hex[:8]}",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("document", JSON),
        Column("at", UtcDateTime()),
    )
    metadata.create_all(database.engine)
    try:
        at = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
        with database.session() as session:
            with together(session) as batch:
                batch.execute(insert(documents), [{"id": 1, "document": {"a": [1, 2]}, "at": at}])
                batch.commit()
            session.commit()
        with database.session() as session:
            stored = session.execute(select(documents.c.document, documents.c.at)).one()
        assert stored == ({"a": [1, 2]}, at)
    finally:
        metadata.drop_all(database.engine)


@pytest.mark.real_stack
def test_a_rollback_keeps_the_statements_already_prepared(database, outbox):
    """psycopg alone would forget them all, and DEALLOCATE ALL, at every read's rollback."""
    reading = select(func.count()).select_from(outbox).where(outbox.c.attempts >= 0)
    prepared = text(
        "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%attempts >=%'"
    )
    with database.engine.connect() as connection:
        for _ in range(connection.connection.driver_connection.prepare_threshold + 1):
            connection.execute(reading)
            connection.rollback()
        assert connection.execute(prepared).scalar() == 1
        connection.rollback()

        with pytest.raises(exc.DataError):
            connection.execute(text("SELECT 1 / 0"))
        connection.rollback()  # an aborted transaction: psycopg's own rollback
        assert connection.execute(reading).scalar() >= 0
