"""7. PostgreSQL restarted with ``-m immediate`` during redemptions.

No partial transaction (the checker's ledger and orphan counts), every
receipt a till was given is in the ledger, and errors only while the
database was down (a few seconds of grace for pools to reconnect).
"""

from __future__ import annotations

import time

from faults.context import Context, Outcome
from faults.services import ensure_postgres, pg_ctlcluster
from faults.traffic import Traffic, failures

GRACE_SECONDS = 5.0


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=40, credit_cents=100_000, tills=8)
    admin_dsn = ctx.stack.dsn("exchange")
    with Traffic(ctx, town) as traffic:
        time.sleep(2)
        down = time.monotonic()
        try:
            pg_ctlcluster("restart", "-m", "immediate")
        finally:
            ensure_postgres(admin_dsn)
        up = time.monotonic()
        time.sleep(8)
    errors = failures(traffic.records) + [r for r in traffic.records if r.status == 500]
    outside = [r for r in errors if not (down - 1 <= r.started <= up + GRACE_SECONDS)]
    after = [r for r in traffic.records if r.started > up + GRACE_SECONDS]
    paid_after = sum(r.status == 201 for r in after)
    ctx.stack.wait_ready()
    figure = (
        f"outage {up - down:.1f}s; errors {len(errors)} (outside the outage {len(outside)}); "
        f"paid after {paid_after}/{len(after)}"
    )
    return Outcome(figure, not outside and paid_after > 0)
