"""9. Fifty concurrent redemptions of 1 € against a balance of 10 €: exactly ten accepted.

On PostgreSQL over HTTP against the gunicorn processes; on SQLite with WAL
by the project's own test of the same race (the embedded default runs in one
process, so it cannot be driven from outside).
"""

from __future__ import annotations

import subprocess
import sys

from faults.context import Context, Outcome
from faults.town import balance, in_parallel, redeem

ATTEMPTS = 50
SQLITE_TEST = (
    "tests/exchange/test_concurrency.py::"
    "test_fifty_concurrent_redemptions_spend_exactly_what_the_balance_covers"
)


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=1, credit_cents=1_000, tills=5)
    records = in_parallel(lambda n: redeem(ctx.recorder, town, n, 100), range(ATTEMPTS), 50)
    accepted = sum(r.status == 201 for r in records)
    refused = sum(r.status == 409 for r in records)
    final = balance(ctx.recorder, town, town.households[0]["id"])
    sqlite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", SQLITE_TEST],
        env={"FABENE_TEST_BACKEND": "sqlite", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    passed = accepted == 10 and refused == ATTEMPTS - 10 and final == 0 and not sqlite.returncode
    figure = (
        f"PG: {accepted} accepted, {refused} refused, balance {final}; "
        f"SQLite-WAL: {'10 accepted, balance 0' if not sqlite.returncode else 'FAILED'}"
    )
    notes = [] if not sqlite.returncode else [sqlite.stdout[-2000:]]
    return Outcome(figure, passed, notes)
