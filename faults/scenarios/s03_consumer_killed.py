"""3. A consumer killed before its commit, and after its commit before its ack.

The notifications worker is started with the test-only fault hook
(``FABENE_FAULT_KILL_AT=before_commit:N``, then ``before_ack:N``) while the
tills pay, so it SIGKILLs itself in the middle of a stream of redemption
events; it is started again without the hook. The broker redelivers what was
unacked; an event committed but not acked must be recognised
(``handled_events``) and not applied twice.
"""

from __future__ import annotations

from faults.checker import drain
from faults.context import Context, Outcome
from faults.hooked import log_lines, restart_with_hook, wait_for_hook_death
from faults.town import in_parallel, redeem

SERVICE = "notifications"
PAYMENTS = 60
KILL_AT = 15


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=20, credit_cents=100_000, tills=4)
    stack = ctx.stack
    log = f"{SERVICE}-worker"
    redelivered_before = log_lines(stack, log, "event redelivered")
    ignored_before = log_lines(stack, log, "duplicate event ignored")
    notes, deaths, paid = [], [], 0
    for point in ("before_commit", "before_ack"):
        restart_with_hook(stack, SERVICE, point, KILL_AT)
        records = in_parallel(lambda n: redeem(ctx.recorder, town, n, 100), range(PAYMENTS), 8)
        paid += sum(r.status == 201 for r in records)
        code = wait_for_hook_death(stack, SERVICE)
        deaths.append(code)
        notes.append(f"{point}: worker died with {code}")
        stack.start_worker(SERVICE)
        drain(stack)
    redelivered = log_lines(stack, log, "event redelivered") - redelivered_before
    ignored = log_lines(stack, log, "duplicate event ignored") - ignored_before
    figure = (
        f"killed before commit and before ack ({deaths}); {paid} payments; redeliveries"
        f" seen {redelivered}, of which already applied and ignored {ignored}"
    )
    passed = deaths == [-9, -9] and paid == 2 * PAYMENTS and redelivered > 0 and ignored > 0
    return Outcome(figure, passed, notes)
