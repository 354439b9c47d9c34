"""6. An unroutable event: the notifications' binding for redemptions removed, then put back.

The relay publishes with ``mandatory`` and confirms, so a returned message
stays in the outbox with its error (the relay notices); once the binding is
back nothing is lost.
"""

from __future__ import annotations

import time

import pika

from faults.context import Context, Outcome
from faults.town import in_parallel, redeem

EVENT = "exchange.credits.redeemed"
PAYMENTS = 20


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=10, credit_cents=10_000, tills=4)
    settings = ctx.stack.settings
    queue = ctx.stack.queues()["notifications"].main
    noticed = 0
    _binding(settings, queue, "unbind")
    try:
        paid = in_parallel(lambda n: redeem(ctx.recorder, town, n, 100), range(PAYMENTS))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and noticed < PAYMENTS:
            time.sleep(0.5)
            noticed = ctx.stack.scalar(
                "exchange",
                "SELECT count(*) FROM outbox WHERE event_type = %(t)s AND published_at IS NULL"
                " AND last_error IS NOT NULL",
                {"t": EVENT},
            )
    finally:
        _binding(settings, queue, "bind")
    created = sum(r.status == 201 for r in paid)
    figure = f"{noticed}/{created} redemption events held back by the relay while unroutable"
    return Outcome(figure, created == PAYMENTS and noticed == created)


def _binding(settings, queue: str, action: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(settings.broker_url))
    try:
        channel = connection.channel()
        if action == "bind":
            channel.queue_bind(queue, settings.events_exchange, routing_key=EVENT)
        else:
            channel.queue_unbind(queue, settings.events_exchange, routing_key=EVENT)
    finally:
        connection.close()
