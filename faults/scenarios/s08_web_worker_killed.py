"""8. A gunicorn worker killed (SIGKILL) mid-request: a retry with the same key has one effect.

Every request that got no answer is retried with its own Idempotency-Key
until it gets one; the checker then counts keys answered with two
transactions and till transactions no key accounts for.
"""

from __future__ import annotations

import os
import signal
import time

from benchmarks.stack import children_of
from faults.context import Context, Outcome
from faults.traffic import Traffic, failures

KILLS = 3


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=40, credit_cents=100_000, tills=8)
    master = ctx.stack.processes.started["exchange-web"].pid
    killed = 0
    with Traffic(ctx, town, threads=12, pause=0.0) as traffic:
        for _ in range(KILLS):
            time.sleep(1.5)
            workers = children_of(master)
            if workers:
                os.kill(ctx.rng.choice(workers), signal.SIGKILL)
                killed += 1
        time.sleep(2)
    ctx.stack.wait_ready()
    lost_answers = failures(traffic.records)
    resolved = 0
    for record in lost_answers:
        for _ in range(10):
            retry = ctx.recorder.call(
                "POST", "exchange", "/redemptions", record.body, record.headers, record.key
            )
            if retry.outcome == "ok":
                resolved += 1
                break
            time.sleep(0.5)
    figure = (
        f"{killed} workers killed; {len(lost_answers)} requests unanswered, "
        f"{resolved} resolved by retry with the same key"
    )
    return Outcome(figure, killed == KILLS and resolved == len(lost_answers))
