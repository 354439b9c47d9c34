"""13. Write bodies carrying ``balance``, ``shop_id`` and the like, nested too.

All must be refused with a 4xx, and nothing may change.
"""

from __future__ import annotations

from faults.context import Context, Outcome
from faults.town import PIN, new_key

SNEAKY = {"balance": 1_000_000, "balance_cents": 1_000_000, "shop_id": None, "status": "active"}


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=1, credit_cents=1_000, tills=2)
    household = town.households[0]
    other_shop = town.tills[1]["shop_id"]
    card = {"card_number": household["card_number"], "pin": PIN}
    network = town.network_id
    writes = [
        (
            "exchange",
            "POST",
            "/redemptions",
            {**card, "amount_cents": 100, "shop_id": other_shop},
            town.till(0),
        ),
        (
            "exchange",
            "POST",
            "/redemptions",
            {**card, "amount_cents": 100, "balance": 10**6},
            town.till(0),
        ),
        (
            "exchange",
            "POST",
            "/donations",
            {"amount_cents": 100, "shop_id": other_shop},
            town.till(0),
        ),
        (
            "exchange",
            "POST",
            "/allocations",
            {"member_id": household["id"], "amount_cents": 100, "balance": 10**6},
            town.admin,
        ),
        (
            "exchange",
            "PUT",
            f"/networks/{network}/rules",
            {"visits_per_day_limit": 5, "network_id": "x"},
            town.admin,
        ),
        (
            "registry",
            "POST",
            "/members",
            {
                "kind": "household",
                "network_id": network,
                "display_name": "Intrusa",
                "balance": 10**6,
            },
            town.admin,
        ),
        (
            "registry",
            "POST",
            "/members",
            {
                "kind": "household",
                "network_id": network,
                "display_name": "Intrusa",
                "status": "active",
            },
            town.admin,
        ),
        (
            "registry",
            "POST",
            "/members",
            {
                "kind": "household",
                "network_id": network,
                "display_name": "Intrusa",
                "people": [{"first_name": "Anna", "balance": 10**6, "shop_id": other_shop}],
            },
            town.admin,
        ),
        (
            "registry",
            "PUT",
            f"/members/{household['id']}/people",
            {"people": [{"first_name": "Anna", "balance": 5}]},
            town.admin,
        ),
        (
            "registry",
            "PUT",
            f"/members/{household['id']}/contact",
            {"display_name": "X", "language": "it", "network_id": "x"},
            town.admin,
        ),
        (
            "notifications",
            "PUT",
            f"/members/{household['id']}/preferences",
            {"language": "it", "member_id": "x"},
            town.admin,
        ),
    ]
    before = _state(ctx, town)
    accepted = []
    for service, method, path, body, headers in writes:
        record = ctx.recorder.call(method, service, path, body, headers, key=new_key())
        if record.status is None or not 400 <= record.status < 500:
            accepted.append(f"{method} {service}{path} {sorted(body)}: {record.status}")
    after = _state(ctx, town)
    changed = before != after
    state = "CHANGED" if changed else "unchanged"
    figure = f"{len(writes) - len(accepted)}/{len(writes)} refused 4xx; state {state}"
    notes = accepted + ([f"before {before} after {after}"] if changed else [])
    return Outcome(figure, not accepted and not changed, notes)


def _state(ctx: Context, town) -> tuple:
    stack = ctx.stack
    return (
        stack.query(
            "exchange",
            "SELECT id, balance FROM accounts WHERE network_id = %(n)s ORDER BY id",
            {"n": town.network_id},
        ),
        stack.scalar(
            "exchange",
            "SELECT count(*) FROM transactions WHERE network_id = %(n)s",
            {"n": town.network_id},
        ),
        stack.scalar("registry", "SELECT count(*) FROM outbox"),
        stack.scalar("exchange", "SELECT count(*) FROM outbox"),
    )
