"""One service's database: an engine made lazily in each process, and its sessions.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every
transaction starts with ``BEGIN IMMEDIATE`` so two writers queue for the lock
instead of failing half-way. PostgreSQL goes through psycopg 3; a connection
the server has closed (a restart, a terminated backend) is never handed out,
so a restarted server costs no request.
"""

from __future__ import annotations

import os
import select
import threading
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import pq
from sqlalchemy import BigInteger, DateTime, Engine, cast, create_engine, event, exc, func, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

SQLITE_BUSY_TIMEOUT_MS = 10_000

# Named constraints can be dropped and altered by migrations on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC, also on SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("refusing a naive datetime: use UTC")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Database:
    """Engine and session factory for one database URL, safe across forks."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self._pool_size = pool_size
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    @property
    def engine(self) -> Engine:
        """This process's engine; a forked child builds its own."""
        if self._engine is None or self._pid != os.getpid():
            with self._lock:
                if self._engine is None or self._pid != os.getpid():
                    if self._engine is not None:
                        self._engine.dispose(close=False)
                    self._engine = self._create_engine()
                    self._sessions = sessionmaker(self._engine, expire_on_commit=False)
                    self._pid = os.getpid()
        return self._engine

    def session(self) -> Session:
        """A new session; the caller commits or rolls back."""
        self.engine  # noqa: B018 - builds the session factory for this process
        assert self._sessions is not None
        return self._sessions()

    def ping(self) -> None:
        """Raise unless the database answers a trivial query."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            return _sqlite_engine(self.url)
        engine = create_engine(self.url, pool_size=self._pool_size, max_overflow=self._pool_size)
        event.listen(engine, "do_connect", _connecting_with(_KeepingPreparedStatements))
        event.listen(engine, "checkout", _refusing_connections_closed_by_the_server(engine.dialect))
        return engine


class _KeepingPreparedStatements(psycopg.Connection):
    """psycopg's connection, except that a rollback keeps the prepared statements.

    psycopg forgets all of them on every ROLLBACK and sends DEALLOCATE ALL, in
    case the transaction created what they name. The services change no schema
    outside migrations, and every read ends in a rollback (the session's
    close): under the till's load a fifth of its statements were parsed and
    planned again, and each of the others prepared anew (docs/benchmarks.md).
    An aborted transaction, or one inside a pipeline, is left to psycopg, which
    forgets them: a statement that failed (a plan a migration changed under it,
    say) is prepared anew.
    """

    def rollback(self) -> None:
        pgconn = self.pgconn
        if (
            pgconn.transaction_status != pq.TransactionStatus.INTRANS
            or pgconn.pipeline_status != pq.PipelineStatus.OFF
        ):
            super().rollback()
            return
        with self.lock:
            result = pgconn.exec_(b"ROLLBACK")
        if result.status != pq.ExecStatus.COMMAND_OK:
            raise psycopg.OperationalError(pgconn.get_error_message())


def _connecting_with(connection_class: type[psycopg.Connection]):
    def connect(_dialect, _record, cargs, cparams) -> psycopg.Connection:
        return connection_class.connect(*cargs, **cparams)

    return connect


def _refusing_connections_closed_by_the_server(dialect):
    """A pre-ping without a round trip, for every checkout.

    A server that ends a session (shutting down, restarting, or terminating
    the backend) first sends the reason, so only an idle connection with
    something to read is pinged for real. A refused connection is replaced by
    the pool (SQLAlchemy's pessimistic disconnect handling); the usual
    ``pool_pre_ping`` would cost every request a round trip.
    """

    def check(dbapi_connection, _record, _proxy) -> None:
        if dbapi_connection.closed or dbapi_connection.broken:
            raise exc.DisconnectionError("the connection is closed")
        poll = select.poll()
        poll.register(dbapi_connection.fileno(), select.POLLIN)
        if not poll.poll(0):
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError(f"the server closed the connection: {error}") from error

    return check


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


_DIALECT_INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


def upsert_for(session: Session):
    """The dialect's ``insert`` construct, which knows ON CONFLICT, for this session."""
    return _DIALECT_INSERTS[session.get_bind().dialect.name]


class UpsertStatement:
    """An INSERT ... ON CONFLICT built once for each dialect, for statements run very often."""

    def __init__(self, build) -> None:
        self._built = {name: build(insert) for name, insert in _DIALECT_INSERTS.items()}

    def for_session(self, session: Session):
        return self._built[session.get_bind().dialect.name]


def total(column):
    """SUM of an integer column as an integer (0 when empty); PostgreSQL would give NUMERIC."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)
