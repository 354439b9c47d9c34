"""1. RabbitMQ stopped mid-traffic (``rabbitmqctl stop_app`` ... ``start_app``).

The tills keep paying: the web writes events to the outbox and never talks
to the broker, so no till sees a 5xx. Once the broker is back, the time
until every outbox is published and every queue empty is the figure.
"""

from __future__ import annotations

import time

from faults.checker import drain
from faults.context import Context, Outcome
from faults.services import rabbitmqctl, wait_for_broker
from faults.traffic import Traffic, failures

OUTAGE_SECONDS = 10


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=40, credit_cents=100_000, tills=8)
    url = ctx.stack.settings.broker_url
    with Traffic(ctx, town, pause=0.05) as traffic:
        time.sleep(2)
        try:
            rabbitmqctl("stop_app")
            time.sleep(OUTAGE_SECONDS)
        finally:
            rabbitmqctl("start_app")
            wait_for_broker(url)
        time.sleep(2)
    backlog = ctx.stack.scalar("exchange", "SELECT count(*) FROM outbox WHERE published_at IS NULL")
    seconds = drain(ctx.stack)
    errors = failures(traffic.records)
    paid = sum(r.status == 201 for r in traffic.records)
    figure = (
        f"till 5xx/errors {len(errors)} of {len(traffic.records)} ({paid} paid); "
        f"backlog {backlog} drained in {seconds:.1f}s"
    )
    return Outcome(figure, not errors and paid > 0)
