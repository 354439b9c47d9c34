"""Several statements in one round trip to PostgreSQL.

A redemption at the till is a dozen short statements. Sent one at a time
through SQLAlchemy, each cost a round trip and about 0.1 ms of Python, and
together they were most of the till's time (docs/benchmarks.md). Inside
``together(session)``, statements built once with SQLAlchemy Core are
compiled once to SQL and sent through psycopg's pipeline mode on the
session's own connection and transaction: nothing waits for an answer until
the block ends, or until ``batch.commit()``, which sends COMMIT in the same
round trip (``session.commit()`` after the block then only tells the
session). On SQLite (in the process, no network) each statement simply runs
at once, and the session's commit commits.

Values go to the driver as SQLAlchemy would send them (the columns' bind
processors are applied); rows come back as the driver gives them, as dicts
keyed by column label (the labels are read once per statement). Only
statements without expanding IN parameters can be sent this way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from sqlalchemy import exc
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

Parameters = Mapping[str, Any]


class Rows:
    """The rows a statement of a batch returned, readable once the batch is sent."""

    def __init__(self, rows: list[dict[str, Any]] | None = None) -> None:
        self._rows = rows
        self._cursor: psycopg.Cursor | None = None
        self._compiled: _Compiled | None = None

    def all(self) -> list[dict[str, Any]]:
        if self._rows is None:
            if self._cursor is None or self._compiled is None:
                raise RuntimeError("read the rows after the batch is sent")
            names = self._compiled.column_names(self._cursor)
            self._rows = [dict(zip(names, row, strict=True)) for row in self._cursor.fetchall()]
        return self._rows

    def first(self) -> dict[str, Any] | None:
        rows = self.all()
        return rows[0] if rows else None


class _Batch:
    """Runs each statement at once, through the session (SQLite)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def fetch(self, statement: Executable, parameters: Parameters) -> Rows:
        return Rows([dict(r) for r in self.session.execute(statement, parameters).mappings()])

    def execute(self, statement: Executable, parameters: Parameters | Sequence[Parameters]):
        if parameters:
            self.session.execute(statement, parameters)

    def commit(self) -> None:
        """Nothing here: the session's commit, after the block, commits."""


class _PipelinedBatch(_Batch):
    """Sends statements through psycopg's pipeline; they run when it syncs."""

    def __init__(self, session: Session, driver: psycopg.Connection) -> None:
        super().__init__(session)
        self._driver = driver
        self._dialect = session.get_bind().dialect
        self._writes = driver.cursor()  # one for every statement whose rows nobody reads

    def fetch(self, statement: Executable, parameters: Parameters) -> Rows:
        rows = Rows()
        rows._compiled = _compiled(self._dialect, statement, parameters)
        rows._cursor = self._driver.cursor()
        rows._cursor.execute(*rows._compiled.bind(parameters))
        return rows

    def execute(self, statement: Executable, parameters: Parameters | Sequence[Parameters]):
        if not parameters:
            return
        many = not isinstance(parameters, Mapping)
        compiled = _compiled(self._dialect, statement, parameters[0] if many else parameters)
        if many:
            self._writes.executemany(compiled.sql, [compiled.bind(p)[1] for p in parameters])
        else:
            self._writes.execute(*compiled.bind(parameters))

    def commit(self) -> None:
        """COMMIT, sent with everything before it; the session's own commit follows the block."""
        self._driver.commit()


@contextlib.contextmanager
def together(session: Session) -> Iterator[_Batch]:
    """A batch of statements sent in one round trip when the block ends (or at commit)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        yield _Batch(session)
        return
    driver = connection.connection.driver_connection
    try:
        with driver.pipeline():
            yield _PipelinedBatch(session, driver)
    except psycopg.Error as error:
        raise _translated(connection, error) from error


class _Compiled:
    """A statement compiled once for the dialect and the parameters' names."""

    def __init__(self, statement: Executable, dialect, names: tuple[str, ...]) -> None:
        # column_keys: an INSERT or UPDATE names only the columns given, as SQLAlchemy does
        compiled = statement.compile(dialect=dialect, column_keys=list(names))
        self.sql = compiled.string
        binds = compiled.binds
        self._processors = {
            name: processor
            for name, bind in binds.items()
            # the dialect's own type: PostgreSQL's JSON, say, wraps values for psycopg
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        # Values written into the statement itself, processed once; the rest must be given.
        given = {name for name, bind in binds.items() if bind.required or bind.value is None}
        self._literals = self._processed(
            {name: value for name, value in compiled.params.items() if name not in given}
        )
        self._required = {name for name in given if binds[name].required}
        self._column_names: list[str] | None = None

    def column_names(self, cursor: psycopg.Cursor) -> list[str]:
        """The labels of the rows it returns: the same for every run of the statement."""
        if self._column_names is None:
            self._column_names = [column.name for column in cursor.description]
        return self._column_names

    def bind(self, parameters: Parameters) -> tuple[str, dict[str, Any]]:
        missing = self._required.difference(parameters)
        if missing:
            raise exc.ArgumentError(f"missing values for {sorted(missing)}")
        return self.sql, {**self._literals, **self._processed(parameters)}

    def _processed(self, values: Parameters) -> dict[str, Any]:
        processed = dict(values)
        for name in self._processors.keys() & processed.keys():
            processed[name] = self._processors[name](processed[name])
        return processed


_COMPILED: dict[tuple, tuple[Executable, _Compiled]] = {}
_MOST_COMPILED = 256  # statements are built once per module; this only bounds a misuse


def _compiled(dialect, statement: Executable, names: Iterable[str]) -> _Compiled:
    names = tuple(sorted(names))
    key = (id(statement), dialect.name, names)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] is not statement:
        if len(_COMPILED) >= _MOST_COMPILED:
            _COMPILED.clear()
        cached = _COMPILED[key] = (statement, _Compiled(statement, dialect, names))
    return cached[1]


def _translated(connection, error: psycopg.Error) -> exc.DBAPIError:
    """The error SQLAlchemy would have raised; a lost connection is not reused."""
    dialect = connection.dialect
    disconnected = dialect.is_disconnect(error, connection.connection, None)
    if disconnected:
        connection.invalidate(error)
    return exc.DBAPIError.instance(
        None,
        None,
        error,
        dialect.loaded_dbapi.Error,
        dialect=dialect,
        connection_invalidated=disconnected,
    )
