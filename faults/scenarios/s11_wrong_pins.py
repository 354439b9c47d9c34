"""11. Fifty wrong PINs spread over every web worker, then a restart: the card stays locked.

The attempts are counted in the database, so two gunicorn workers of eight
threads give no more tries than one; after the web restarts the card is
still locked and even the right PIN is refused.
"""

from __future__ import annotations

from faults.context import Context, Outcome
from faults.town import PIN, in_parallel, new_key
from services.exchange.domain.directory import Card

ATTEMPTS = 50


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=1, credit_cents=5_000, tills=4)
    card = town.households[0]["card_number"]

    def attempt(number: int, pin: str):
        body = {"card_number": card, "pin": pin, "amount_cents": 100}
        return ctx.recorder.call(
            "POST", "exchange", "/redemptions", body, town.till(number), new_key()
        )

    wrong_pins = [
        pin for pin in (f"{ctx.rng.randrange(10_000):04d}" for _ in range(60)) if pin != PIN
    ]
    wrong = in_parallel(lambda n: attempt(n, wrong_pins[n]), range(ATTEMPTS))
    refused_wrong = sum(r.status == 401 for r in wrong)
    locked = sum(r.status == 423 for r in wrong)
    ctx.stack.restart_web("exchange")
    after = [attempt(n, PIN) for n in range(4)]
    accepted = sum(r.status == 201 for r in wrong + after)
    still_locked = all(r.status == 423 for r in after)
    passed = (
        accepted == 0
        and refused_wrong <= Card.MAX_WRONG_PINS
        and refused_wrong + locked == ATTEMPTS
        and still_locked
    )
    figure = (
        f"401 x{refused_wrong} (limit {Card.MAX_WRONG_PINS}), 423 x{locked}; after restart "
        f"right PIN {'423' if still_locked else [r.status for r in after]}; accepted {accepted}"
    )
    return Outcome(figure, passed)
