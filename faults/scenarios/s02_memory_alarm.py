"""2. The broker's memory alarm: ``set_vm_memory_high_watermark 0``, then the old value back.

With the watermark at 0 RabbitMQ blocks every publishing connection. The
tills keep paying: the web writes to the outbox and never publishes, so no
request may fail or hang, and no gunicorn worker may time out. The relay is
blocked meanwhile; once the watermark is restored it must catch up.
"""

from __future__ import annotations

import re
import time

from faults.checker import drain
from faults.context import Context, Outcome
from faults.services import rabbitmqctl
from faults.traffic import Traffic, failures

ALARM_SECONDS = 10
DEFAULT_WATERMARK = "0.4"


def current_watermark() -> str:
    """The relative watermark now in force, read from ``rabbitmqctl environment``."""
    found = re.search(r"\{vm_memory_high_watermark,([0-9.]+)\}", rabbitmqctl("environment"))
    # A 0 left behind by an interrupted run is not worth restoring.
    return found.group(1) if found and float(found.group(1)) > 0 else DEFAULT_WATERMARK


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=40, credit_cents=100_000, tills=8)
    stack = ctx.stack
    watermark = current_watermark()
    notes = [f"watermark before: {watermark}"]
    timeouts_before = stack.log_text().count("WORKER TIMEOUT")
    with Traffic(ctx, town, pause=0.05) as traffic:
        time.sleep(2)
        try:
            rabbitmqctl("set_vm_memory_high_watermark", "0")
            time.sleep(ALARM_SECONDS)
            backlog = stack.scalar(
                "exchange", "SELECT count(*) FROM outbox WHERE published_at IS NULL"
            )
        finally:
            rabbitmqctl("set_vm_memory_high_watermark", watermark)
        notes.append(f"watermark restored: {current_watermark()}")
        time.sleep(2)
    seconds = drain(stack)
    worker_timeouts = stack.log_text().count("WORKER TIMEOUT") - timeouts_before
    errors = failures(traffic.records)
    paid = sum(r.status == 201 for r in traffic.records)
    figure = (
        f"till 5xx/errors/timeouts {len(errors)} of {len(traffic.records)} ({paid} paid);"
        f" worker timeouts {worker_timeouts}; backlog {backlog} under the alarm,"
        f" drained in {seconds:.1f}s after it"
    )
    passed = not errors and paid > 0 and worker_timeouts == 0 and backlog > 0
    return Outcome(figure, passed, notes)
