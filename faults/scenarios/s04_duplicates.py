"""4. The same event delivered five times; the relay killed between confirm and mark.

First an event notifications already handled is published five more times
(pika, persistent, to the events exchange): it must be applied once. Then
the exchange worker is started with the test-only fault hook
``FABENE_FAULT_KILL_AT=after_confirm`` and the tills pay: the broker
confirms a batch, the relay dies before marking it published, and the
restarted relay publishes the same rows again. The consumer must apply
each once; the duplicates it ignored are the republished count.
"""

from __future__ import annotations

import json

import pika

from faults.checker import drain
from faults.context import Context, Outcome
from faults.hooked import log_lines, restart_with_hook, wait_for_hook_death
from faults.stack import FaultStack, wait_until
from faults.town import in_parallel, redeem

EVENT = "exchange.credits.redeemed"
TIMES = 5
PAYMENTS = 20


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=10, credit_cents=10_000, tills=2)
    stack = ctx.stack
    log = "notifications-worker"
    transaction = redeem(ctx.recorder, town, 0, 100).answer["transaction_id"]
    event_id, payload = wait_until("the payment's event", lambda: _event(stack, transaction), stack)
    wait_until("notifications to handle it", lambda: _handled(stack, event_id), stack)
    effects_before = _effects(stack, event_id)
    ignored_before = log_lines(stack, log, "duplicate event ignored")
    _publish(stack, payload, event_id, TIMES)
    wait_until(
        "the five copies to be ignored",
        lambda: log_lines(stack, log, "duplicate event ignored") - ignored_before >= TIMES,
        stack,
        60,
    )
    drain(stack)
    applied_once = _effects(stack, event_id) == effects_before and _handled(stack, event_id) == 1

    ignored_before = log_lines(stack, log, "duplicate event ignored")
    restart_with_hook(stack, "exchange", "after_confirm", 1)
    paid = in_parallel(lambda n: redeem(ctx.recorder, town, n, 100), range(PAYMENTS), 4)
    code = wait_for_hook_death(stack, "exchange")
    stack.start_worker("exchange")
    drain(stack)
    republished = log_lines(stack, log, "duplicate event ignored") - ignored_before
    created = sum(r.status == 201 for r in paid)
    figure = (
        f"copies x{TIMES}: applied once {applied_once}; relay killed after confirm ({code}),"
        f" republished {republished} of {created} payments' events, each applied once"
    )
    passed = applied_once and code == -9 and created == PAYMENTS and republished > 0
    return Outcome(figure, passed)


def _event(stack: FaultStack, transaction_id: str):
    rows = stack.query(
        "exchange",
        "SELECT event_id, payload FROM outbox WHERE event_type = %(t)s"
        " AND payload::jsonb -> 'data' ->> 'transaction_id' = %(x)s AND published_at IS NOT NULL",
        {"t": EVENT, "x": transaction_id},
    )
    return rows[0] if rows else None


def _handled(stack: FaultStack, event_id: str) -> int:
    return stack.scalar(
        "notifications",
        "SELECT count(*) FROM handled_events WHERE event_id = %(e)s",
        {"e": event_id},
    )


def _effects(stack: FaultStack, event_id: str) -> tuple:
    deliveries = stack.scalar(
        "notifications", "SELECT count(*) FROM deliveries WHERE event_id = %(e)s", {"e": event_id}
    )
    takings = stack.query("notifications", "SELECT count(*) FROM takings_entries")
    return deliveries, takings[0][0]


def _publish(stack: FaultStack, payload: str, event_id: str, times: int) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(stack.settings.broker_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        properties = pika.BasicProperties(
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=2,
            message_id=event_id,
        )
        for _ in range(times):
            channel.basic_publish(
                stack.settings.events_exchange, EVENT, json.dumps(json.loads(payload)), properties
            )
    finally:
        connection.close()
