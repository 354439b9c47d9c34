"""The figures every scenario must bring back at 0, read from the databases and the queues.

- events lost: outbox rows still unpublished, events a consuming service
  neither handled nor dead-lettered, and receipts a till was given whose
  transaction is not in the ledger;
- duplicates applied: one Idempotency-Key answered with two transactions,
  a till's transaction no key accounts for, a notification delivered twice;
- ledger imbalance: transactions whose postings do not sum to zero per unit,
  and accounts whose balance is not the sum of their postings;
- negative member balances (members and food pools);
- orphans: a transaction without its outbox row, or an outbox row naming a
  transaction that is not there.

Counted only for the scenario's own networks and the outbox rows written
since the scenario began, so one scenario's figures are its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from faults.record import Record
from faults.stack import FaultStack, wait_until
from services.wiring import consumers_by_event_type
from shared.config import SERVICE_NAMES
from shared.messaging.deadletters import list_dead_letters

KEYED_KINDS = ("redemption", "donation")
# A grant's event stays inside the exchange (translators.INTERNAL): no outbox row is due.
WITHOUT_EVENT_KINDS = ("grant",)


@dataclass(frozen=True)
class Invariants:
    lost: int
    duplicates: int
    imbalance: int
    negative: int
    orphans: int
    details: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicates or self.imbalance or self.negative or self.orphans)


def outbox_marks(stack: FaultStack) -> dict[str, int]:
    """Where each service's outbox stands now: the checker looks only past it."""
    return {
        service: stack.scalar(service, "SELECT coalesce(max(position), 0) FROM outbox")
        for service in SERVICE_NAMES
    }


def drain(stack: FaultStack, timeout: float = 180.0) -> float:
    """Wait until every outbox is published and every queue empty; the seconds it took."""
    started = time.monotonic()
    names = [n for q in stack.queues().values() for n in (q.main, q.retry)]

    def settled() -> bool:
        unpublished = sum(
            stack.scalar(s, "SELECT count(*) FROM outbox WHERE published_at IS NULL")
            for s in SERVICE_NAMES
        )
        return unpublished == 0 and all(stack.queue_depth(n) == 0 for n in names)

    wait_until("the outboxes and queues to drain", settled, stack, timeout)
    time.sleep(0.5)  # an event acked but not yet committed would show now
    wait_until("the outboxes and queues to drain", settled, stack, timeout)
    return time.monotonic() - started


def check(
    stack: FaultStack, marks: dict[str, int], networks: list[str], records: list[Record]
) -> Invariants:
    details: list[str] = []
    return Invariants(
        lost=events_lost(stack, marks, records, details),
        duplicates=duplicates_applied(stack, networks, records),
        imbalance=ledger_imbalance(stack, networks),
        negative=negative_balances(stack, networks),
        orphans=orphans(stack, marks, networks),
        details=tuple(details),
    )


def dead_letter_ids(stack: FaultStack) -> dict[str, set[str]]:
    return {
        service: {letter.message_id for letter in list_dead_letters(stack.settings, q, 10_000)}
        for service, q in stack.queues().items()
    }


def events_lost(
    stack: FaultStack, marks: dict[str, int], records: list[Record], details: list[str]
) -> int:
    consumers = consumers_by_event_type(stack.settings)
    dead = dead_letter_ids(stack)
    lost = 0
    for producer in SERVICE_NAMES:
        rows = stack.query(
            producer,
            "SELECT event_id, event_type, published_at FROM outbox WHERE position > %(m)s",
            {"m": marks[producer]},
        )
        unpublished = [t for _, t, published in rows if published is None]
        lost += len(unpublished)
        details += [f"unpublished {producer}: {t}" for t in unpublished]
        for consumer in SERVICE_NAMES:
            wanted = {e for e, t, _ in rows if consumer in consumers.get(t, ())}
            if wanted:
                handled = {
                    row[0]
                    for row in stack.query(
                        consumer,
                        "SELECT event_id FROM handled_events WHERE event_id = ANY(%(ids)s)",
                        {"ids": list(wanted)},
                    )
                }
                missing = wanted - handled - dead.get(consumer, set())
                lost += len(missing)
                types = {e: t for e, t, _ in rows}
                details += [f"not handled by {consumer}: {types[e]} {e}" for e in missing]
    receipts = {
        r.answer["transaction_id"]
        for r in records
        if r.created and r.answer and r.answer.get("transaction_id")
    }
    if receipts:
        found = stack.scalar(
            "exchange",
            "SELECT count(*) FROM transactions WHERE id = ANY(%(ids)s)",
            {"ids": list(receipts)},
        )
        lost += len(receipts) - found
        if len(receipts) != found:
            details.append(f"{len(receipts) - found} receipts without their transaction")
    return lost


def duplicates_applied(stack: FaultStack, networks: list[str], records: list[Record]) -> int:
    by_key: dict[tuple, set[str]] = {}
    for r in records:
        if r.key and r.created and r.answer and "transaction_id" in r.answer:
            by_key.setdefault((r.caller, r.path, r.key), set()).add(r.answer["transaction_id"])
    twice = sum(len(ids) - 1 for ids in by_key.values())
    unkeyed = stack.scalar(
        "exchange",
        "SELECT count(*) FROM transactions t WHERE t.network_id = ANY(%(n)s)"
        " AND t.kind::text = ANY(%(k)s) AND NOT EXISTS (SELECT 1 FROM idempotency_keys i"
        " WHERE i.answer IS NOT NULL AND i.answer::jsonb ->> 'transaction_id' = t.id)",
        {"n": networks, "k": list(KEYED_KINDS)},
    )
    deliveries = stack.scalar(
        "notifications",
        "SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) AS c FROM deliveries"
        " WHERE network_id = ANY(%(n)s) GROUP BY event_id, member_id, channel, topic) d",
        {"n": networks},
    )
    return twice + unkeyed + int(deliveries)


def ledger_imbalance(stack: FaultStack, networks: list[str]) -> int:
    unbalanced = stack.scalar(
        "exchange",
        "SELECT count(*) FROM (SELECT p.transaction_id FROM postings p"
        " JOIN transactions t ON t.id = p.transaction_id WHERE t.network_id = ANY(%(n)s)"
        " GROUP BY p.transaction_id, p.unit HAVING sum(p.amount) <> 0) u",
        {"n": networks},
    )
    mismatched = stack.scalar(
        "exchange",
        "SELECT count(*) FROM accounts a WHERE a.network_id = ANY(%(n)s) AND a.balance <>"
        " (SELECT coalesce(sum(p.amount), 0) FROM postings p WHERE p.account_id = a.id)",
        {"n": networks},
    )
    return unbalanced + mismatched


def negative_balances(stack: FaultStack, networks: list[str]) -> int:
    return stack.scalar(
        "exchange",
        "SELECT count(*) FROM accounts WHERE network_id = ANY(%(n)s)"
        " AND kind::text IN ('member', 'food_pool') AND balance < 0",
        {"n": networks},
    )


def orphans(stack: FaultStack, marks: dict[str, int], networks: list[str]) -> int:
    without_event = stack.scalar(
        "exchange",
        "SELECT count(*) FROM transactions t WHERE t.network_id = ANY(%(n)s)"
        " AND NOT t.kind::text = ANY(%(k)s) AND NOT EXISTS"
        " (SELECT 1 FROM outbox o WHERE o.payload::jsonb -> 'data' ->> 'transaction_id' = t.id)",
        {"n": networks, "k": list(WITHOUT_EVENT_KINDS)},
    )
    without_transaction = stack.scalar(
        "exchange",
        "SELECT count(*) FROM outbox o WHERE o.position > %(m)s"
        " AND o.payload::jsonb -> 'data' ? 'transaction_id' AND NOT EXISTS"
        " (SELECT 1 FROM transactions t"
        " WHERE t.id = o.payload::jsonb -> 'data' ->> 'transaction_id')",
        {"m": marks["exchange"]},
    )
    return without_event + without_transaction
