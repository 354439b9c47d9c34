"""5. Poison messages: bad JSON, a bad schema, and an event whose handler always raises.

The last is a contact change the contract accepts but the database cannot
store (a phone longer than the column), so it fails on every attempt.

All of them must end in the notifications' dead-letter queue (the last
after its retries) while the tills' good events keep being handled.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid

from benchmarks.stack import BenchmarkError
from faults.checker import dead_letter_ids
from faults.context import Context, Outcome
from faults.stack import wait_until
from faults.town import in_parallel, redeem
from shared.messaging.envelope import Envelope
from tests.support.broker import publish_raw

EACH = 3
GOOD = 30


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=10, credit_cents=10_000, tills=4)
    settings = ctx.stack.settings
    first = redeem(ctx.recorder, town, 0, 100).answer["transaction_id"]
    wait_until("the first receipt's event", lambda: _event_of(ctx, first), ctx.stack)
    template = json.loads(_event_of(ctx, first))
    poison: dict[str, str] = {}
    for _ in range(EACH):
        poison[_publish(settings, "exchange.credits.redeemed", '{"id": "not json')] = "bad JSON"
        bad_schema = {**template, "id": str(uuid.uuid4()), "data": {"amount_cents": "lots"}}
        poison[_publish(settings, bad_schema["type"], json.dumps(bad_schema), bad_schema["id"])] = (
            "bad schema"
        )
        # Valid by the contract, but a phone longer than the column: the insert always fails.
        always_raises = Envelope.new(
            "registry.member.contact_changed",
            {
                "member_id": str(uuid.uuid4()),
                "network_id": town.network_id,
                "display_name": "Poison",
                "phone": "3" * 100,
                "language": "it",
            },
            producer="registry",
            version=1,
        )
        poison[
            _publish(settings, always_raises.type, always_raises.to_json(), always_raises.id)
        ] = "handler raises"
    started = time.monotonic()
    good = in_parallel(lambda n: redeem(ctx.recorder, town, n, 100), range(GOOD))
    good_ids = [r.answer["transaction_id"] for r in good if r.status == 201]
    handled = wait_until(
        "the good events to be handled", lambda: _handled(ctx, good_ids), ctx.stack, 60
    )
    good_seconds = time.monotonic() - started
    with contextlib.suppress(BenchmarkError):  # counted below, whatever is missing
        wait_until(
            "every poison message in the dead letters",
            lambda: set(poison) <= dead_letter_ids(ctx.stack)["notifications"],
            ctx.stack,
            60,
        )
    dead = dead_letter_ids(ctx.stack)["notifications"]
    in_dlq = {
        kind: sum(1 for i, k in poison.items() if k == kind and i in dead)
        for kind in set(poison.values())
    }
    figure = (
        "dead-lettered "
        + ", ".join(f"{k} {n}/{EACH}" for k, n in sorted(in_dlq.items()))
        + f"; good events handled {handled}/{len(good_ids)} in {good_seconds:.1f}s"
    )
    passed = set(poison) <= dead and handled == len(good_ids) == GOOD
    return Outcome(figure, passed)


def _publish(settings, routing_key: str, body: str, message_id: str | None = None) -> str:
    message_id = message_id or str(uuid.uuid4())
    publish_raw(settings, routing_key, body, message_id=message_id)
    return message_id


def _event_of(ctx: Context, transaction_id: str) -> str | None:
    rows = ctx.stack.query(
        "exchange",
        "SELECT payload FROM outbox WHERE payload::jsonb -> 'data' ->> 'transaction_id' = %(t)s"
        " AND event_type = 'exchange.credits.redeemed'",
        {"t": transaction_id},
    )
    return rows[0][0] if rows else None


def _handled(ctx: Context, transaction_ids: list[str]) -> int | None:
    events = [
        json.loads(p)["id"] for p in filter(None, (_event_of(ctx, t) for t in transaction_ids))
    ]
    done = ctx.stack.scalar(
        "notifications",
        "SELECT count(*) FROM handled_events WHERE event_id = ANY(%(e)s)",
        {"e": events},
    )
    return done if done == len(transaction_ids) else None
