"""10. One Idempotency-Key ten times in a row and ten times at once; reused; another shop's.

One ledger row and identical answers; the same key with another amount is
422; another shop's till with the same key gets nothing of the first
shop's answer (its own request, its own transaction).
"""

from __future__ import annotations

from faults.context import Context, Outcome
from faults.town import in_parallel, new_key, redeem

TIMES = 10


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=1, credit_cents=5_000, tills=2)
    in_a_row_key, at_once_key = new_key("press"), new_key("press")
    in_a_row = [redeem(ctx.recorder, town, 0, 300, key=in_a_row_key) for _ in range(TIMES)]
    at_once = in_parallel(
        lambda _: redeem(ctx.recorder, town, 0, 200, key=at_once_key), range(TIMES)
    )
    other_amount = redeem(ctx.recorder, town, 0, 999, key=in_a_row_key)
    other_shop = redeem(ctx.recorder, town, 1, 300, key=in_a_row_key)
    rows = ctx.stack.scalar(
        "exchange",
        "SELECT count(*) FROM transactions WHERE network_id = %(n)s AND kind = 'redemption'",
        {"n": town.network_id},
    )
    same = all(_alike(batch) for batch in (in_a_row, at_once))
    first_tx = in_a_row[0].answer.get("transaction_id")
    leaked = other_shop.answer is not None and other_shop.answer.get("transaction_id") == first_tx
    expected_rows = 2 + (other_shop.status == 201)
    passed = (
        same
        and in_a_row[0].status == 201
        and at_once[0].status == 201
        and other_amount.status == 422
        and not leaked
        and rows == expected_rows
    )
    figure = (
        f"rows {rows}/{expected_rows}, answers {'identical' if same else 'DIFFER'}, "
        f"other amount {other_amount.status}, other shop {other_shop.status} "
        f"{'LEAKED' if leaked else 'own answer'}"
    )
    return Outcome(figure, passed)


def _alike(records) -> bool:
    return len({(r.status, repr(sorted((r.answer or {}).items()))) for r in records}) == 1
