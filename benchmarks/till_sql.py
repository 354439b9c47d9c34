"""The till's SQL alone: one redemption's statements, replayed by pgbench, with no Python at all.

It tells how much of the machine the database itself needs for a
redemption, and so how much is left, at the target rate, for everything else
(gunicorn, Flask, the relay, the notifications worker, wrk).

``record_redemption`` makes one redemption through the exchange's own app in
this process and keeps every statement psycopg was given, with its values
and the round trip it went in (BEGIN alone, then the pipelines).
``pgbench_script`` writes those statements as a pgbench script: the till's
card, shop, device and accounts become variables looked up per transaction
(each client is one till with its own cards, as with wrk), the key and the
new rows' ids are fresh each time, the amount is random, and every other
value stays as it was recorded. ``replay`` runs it with ``-M prepared`` (the
services' statements are prepared too) on the benchmark's exchange
database, whose schema, triggers and rows are the real ones.
"""

from __future__ import annotations

import re
import resource
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import psycopg

from benchmarks.stack import (
    PIN,
    BenchmarkError,
    Town,
    connect,
    machine_busy_seconds,
    new_key,
    pgbench_figures,
)
from services.wiring import bootstrap_service
from shared.config import Settings

AMOUNT_CENTS = 137  # odd enough not to be mistaken for another value of the redemption
CARD_TABLE = "bench_till_cards"
_LOOKED_UP = (
    "card_number",
    "card_id",
    "member_id",
    "household_account",
    "shop_id",
    "device_id",
    "clearing_account",
)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


@dataclass(frozen=True)
class Statement:
    sql: str  # as psycopg got it: %(name)s placeholders
    values: Mapping[str, object]
    pipeline: int | None  # statements of the same pipeline went in one round trip


@dataclass(frozen=True)
class Replay:
    tps: float
    latency_ms: float
    busy_cores: float  # the whole machine, pgbench's client included
    client_cores: float  # pgbench's client alone

    @property
    def database_ms(self) -> float:
        """CPU of the database (and what else runs) per redemption, pgbench's client aside."""
        return (self.busy_cores - self.client_cores) / self.tps * 1000


def record_redemption(settings: Settings, town: Town) -> list[Statement]:
    """One redemption through the exchange's app, every statement it sent kept in order."""
    service = bootstrap_service("exchange", settings)
    client = service.create_app().test_client()
    till, card = town.tills[0], town.households[0]["card_number"]  # till 0's first card

    def redeem(key: str) -> None:
        response = client.post(
            "/api/v1/redemptions",
            json={"card_number": card, "pin": PIN, "amount_cents": AMOUNT_CENTS},
            headers={"Authorization": f"Bearer {till['device_token']}", "Idempotency-Key": key},
        )
        if response.status_code != 201:
            raise BenchmarkError(f"recorded redemption: {response.status_code} {response.text}")

    for _ in range(10):  # warm: the device is known, statements compiled, a connection pooled
        redeem(new_key())
    try:
        with _recording() as statements:
            key = new_key()
            redeem(key)
    finally:
        service.database.dispose()
    return [_known_key(s, key) for s in statements]


def _known_key(statement: Statement, key: str) -> Statement:
    """Mark the Idempotency-Key, which is fresh in every transaction of the replay."""
    values = {n: _FreshKey(v) if v == key else v for n, v in statement.values.items()}
    return Statement(statement.sql, values, statement.pipeline)


class _FreshKey(str):
    """The recorded Idempotency-Key: the replay makes a new one for each transaction."""


class _recording:
    """Keep what psycopg is asked to run, on every connection, until the block ends."""

    def __enter__(self) -> list[Statement]:
        self.statements: list[Statement] = []
        self.pipelines = 0
        self.original = (
            psycopg.Cursor.execute,
            psycopg.Cursor.executemany,
            psycopg.Connection.commit,
            psycopg.Connection.pipeline,
        )
        execute, executemany, commit, pipeline = self.original
        recording = self

        def in_pipeline(connection) -> int | None:
            return recording.pipelines if connection._pipeline is not None else None

        def began(connection) -> None:
            idle = connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            if idle and not connection.autocommit:  # psycopg sends BEGIN first, synced alone
                recording.statements.append(Statement("BEGIN", {}, None))

        def recorded_execute(cursor, query, params=None, *args, **kwargs):
            began(cursor.connection)
            recording.statements.append(
                Statement(str(query), dict(params or {}), in_pipeline(cursor.connection))
            )
            return execute(cursor, query, params, *args, **kwargs)

        def recorded_executemany(cursor, query, params_seq, *args, **kwargs):
            params_seq = list(params_seq)
            began(cursor.connection)
            for params in params_seq:
                recording.statements.append(
                    Statement(str(query), dict(params), in_pipeline(cursor.connection))
                )
            return executemany(cursor, query, params_seq, *args, **kwargs)

        def recorded_commit(connection):
            if connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                recording.statements.append(Statement("COMMIT", {}, in_pipeline(connection)))
            return commit(connection)

        def counted_pipeline(connection):
            recording.pipelines += 1
            return pipeline(connection)

        psycopg.Cursor.execute = recorded_execute
        psycopg.Cursor.executemany = recorded_executemany
        psycopg.Connection.commit = recorded_commit
        psycopg.Connection.pipeline = counted_pipeline
        return self.statements

    def __exit__(self, *exc_info) -> None:
        (
            psycopg.Cursor.execute,
            psycopg.Cursor.executemany,
            psycopg.Connection.commit,
            psycopg.Connection.pipeline,
        ) = self.original


def make_card_table(dsn: str, town: Town, tills: int) -> int:
    """Each till's cards, with their accounts, for pgbench to look up; the cards per till."""
    rows = []
    per_till = len(town.households) // tills
    for till_index, till in enumerate(town.tills[:tills]):
        for card_index, household in enumerate(town.households[till_index::tills][:per_till]):
            rows.append(
                (
                    till_index + tills * card_index,
                    household["card_number"],
                    till["shop_id"],
                    till["device_id"],
                )
            )
    with connect(dsn, autocommit=True) as connection:
        connection.execute(
            f"CREATE TABLE {CARD_TABLE} (i int PRIMARY KEY, card_number text, shop_id text,"
            " device_id text, card_id text, member_id text, household_account text,"
            " clearing_account text)"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {CARD_TABLE} (i, card_number, shop_id, device_id)"
                " VALUES (%s, %s, %s, %s)",
                rows,
            )
        connection.execute(
            f"UPDATE {CARD_TABLE} t SET card_id = c.card_id, member_id = c.member_id,"
            " household_account = h.id, clearing_account = s.id"
            " FROM cards c, accounts h, accounts s"
            " WHERE c.card_number = t.card_number AND h.owner_id = c.member_id"
            " AND h.kind = 'member' AND h.unit = 'FOOD'"
            " AND s.owner_id = t.shop_id AND s.kind = 'shop_clearing' AND s.unit = 'FOOD'"
        )
        missing = connection.execute(
            f"SELECT count(*) FROM {CARD_TABLE} WHERE clearing_account IS NULL"
        ).fetchone()[0]
    if missing or not rows:
        raise BenchmarkError(f"{missing} of {len(rows)} till cards have no accounts")
    return per_till


def pgbench_script(
    statements: list[Statement], looked_up: Mapping[str, str], tills: int, cards_per_till: int
) -> str:
    """The statements as a pgbench script; ``looked_up``: the recorded till card's row."""
    variables = {value: f":{name}" for name, value in looked_up.items()}
    fresh = {value: f"('f{n}-' || :fresh)" for n, value in enumerate(_new_ids(statements))}

    def rendered(value: object) -> str:
        if isinstance(value, _FreshKey):
            return "('k' || :fresh)"
        if isinstance(value, str) and value in variables:
            return variables[value]
        if isinstance(value, str) and value in fresh:
            return fresh[value]
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) == AMOUNT_CENTS:
            return ":amount" if value > 0 else "-:amount"
        return _literal(value)

    lines = [
        f"\\set card random(0, {cards_per_till - 1})",
        f"\\set i :client_id % {tills} + {tills} * :card",
        "\\set fresh random(1, 9000000000000000000)",
        "\\set amount random(50, 140)",
        f"SELECT {', '.join(_LOOKED_UP)} FROM {CARD_TABLE} WHERE i = :i \\gset",
    ]
    pipeline = None
    for statement in statements:
        if statement.pipeline != pipeline:
            if pipeline is not None:
                lines.append("\\endpipeline")
            if statement.pipeline is not None:
                lines.append("\\startpipeline")
            pipeline = statement.pipeline
        lines.append(" ".join(_filled(statement, rendered).split()) + ";")
    if pipeline is not None:
        lines.append("\\endpipeline")
    return "\n".join(lines) + "\n"


def _filled(statement: Statement, rendered) -> str:
    """The statement's SQL, each placeholder replaced by what ``rendered`` makes of its value."""
    return _PLACEHOLDER.sub(
        lambda m: "%" if m.group(0) == "%%" else rendered(statement.values[m.group(1)]),
        statement.sql,
    )


def _new_ids(statements: list[Statement]) -> list[str]:
    """The ids the redemption gave its new rows (a transaction's, an event's), in order."""
    ids = []
    for statement in statements:
        if statement.sql.startswith("INSERT"):
            for name in ("id", "event_id"):
                value = statement.values.get(name)
                if isinstance(value, str) and _UUID.match(value) and value not in ids:
                    ids.append(value)
    return ids


def _literal(value: object) -> str:
    """A value written into SQL; a colon is escaped, or pgbench would take it for a variable."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\x3a")
        return f"E'{escaped}'"
    raise BenchmarkError(f"cannot write {type(value).__name__} into the replayed SQL")


def looked_up_row(dsn: str, card_number: str) -> dict[str, str]:
    with connect(dsn) as connection:
        row = connection.execute(
            f"SELECT {', '.join(_LOOKED_UP)} FROM {CARD_TABLE} WHERE card_number = %s",
            (card_number,),
        ).fetchone()
    if row is None:
        raise BenchmarkError(f"card {card_number} is not in {CARD_TABLE}")
    return dict(zip(_LOOKED_UP, row, strict=True))


def replay(
    pg_env: dict[str, str], pg_args: list[str], script: Path, clients: int, seconds: int
) -> Replay:
    """pgbench with the script: once to check it, then ``clients`` for ``seconds``."""
    common = ["pgbench", "-n", "-M", "prepared", "-f", str(script)]
    check = subprocess.run(
        [*common, "-c", "1", "-t", "3", *pg_args], env=pg_env, capture_output=True, text=True
    )
    if check.returncode or "processed: 3/3" not in check.stdout:
        raise BenchmarkError(f"the replayed SQL fails:\n{check.stdout}\n{check.stderr}")
    busy_before, _ = machine_busy_seconds()
    children_before = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(
        [*common, "-c", str(clients), "-j", "2", "-T", str(seconds), *pg_args],
        env=pg_env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    busy_after, _ = machine_busy_seconds()
    tps, latency_ms = pgbench_figures(result, "the replay")
    return Replay(
        tps=tps,
        latency_ms=latency_ms,
        busy_cores=(busy_after - busy_before) / elapsed,
        client_cores=(_children_cpu() - children_before) / elapsed,
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def statements_sent(statements: list[Statement]) -> Iterator[str]:
    """One line per statement as recorded, for the report: what it is and its round trip."""
    for statement in statements:
        where = "alone" if statement.pipeline is None else f"pipeline {statement.pipeline}"
        yield f"{where:>10}: {statement_head(statement.sql)}"


def statement_head(sql: str | bytes) -> str:
    """A statement in a few words: its verb, its table, and FOR UPDATE or ON CONFLICT."""
    if isinstance(sql, bytes):
        sql = sql.decode()
    words = sql.split()
    if not words or words[0] not in ("SELECT", "UPDATE", "INSERT", "DELETE", "WITH"):
        return " ".join(words[:2]) or "?"
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", sql)
    head = f"{words[0]} {table.group(1) if table else '?'}"
    if "FOR UPDATE" in sql:
        head += " FOR UPDATE"
    if "ON CONFLICT" in sql:
        head += " ON CONFLICT"
    return head
