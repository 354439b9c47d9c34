"""12. Every principal against every object endpoint, over HTTP: unauthorised 2xx = 0.

The exchange's matrix is the project's own (tests/exchange/test_authorisation_matrix.py),
driven here against the gunicorn processes with tokens signed by the stack's
key; the registry's member record and contact and the notifications inbox
and preferences are added. A refusal must be 401, 403 or 404 and publish
nothing; anything else is counted.
"""

from __future__ import annotations

from faults.context import Context, Outcome
from faults.stack import wait_until
from faults.town import grant, new_key, redeem
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from tests.exchange.test_authorisation_matrix import ACTORS, DENIED, OPERATORS, matrix

OTHERS = [
    ("registry", "get", "/members/{household}", None, OPERATORS | {"household"}),
    (
        "registry",
        "put",
        "/members/{household}/contact",
        {"display_name": "Famiglia Rossi", "language": "it"},
        OPERATORS | {"household"},
    ),
    ("notifications", "get", "/members/{household}/inbox", None, OPERATORS | {"household"}),
    (
        "notifications",
        "put",
        "/members/{household}/preferences",
        {"channels": ["inbox"], "language": "it"},
        OPERATORS | {"household"},
    ),
]


def run(ctx: Context) -> Outcome:
    town = ctx.town(households=1, credit_cents=0, tills=2)
    household = town.households[0]
    network = town.network_id
    extra = {
        kind: ctx.recorder.call(
            "POST",
            "registry",
            "/members",
            {"kind": kind, "network_id": network, "display_name": f"{kind} S12"},
            town.admin,
        ).answer["id"]
        for kind in ("organisation", "citizen")
    }
    wait_until(
        "the exchange to know the organisation and the citizen",
        lambda: (
            ctx.stack.scalar(
                "exchange",
                "SELECT count(*) FROM ledger_members WHERE member_id = ANY(%(m)s)",
                {"m": list(extra.values())},
            )
            == 2
        ),
        ctx.stack,
    )
    grant(ctx.recorder, town, 50_000)
    allocation = ctx.recorder.call(
        "POST",
        "exchange",
        "/allocations",
        {"member_id": household["id"], "amount_cents": 5_000},
        town.admin,
        key=new_key(),
    ).answer
    sale = redeem(ctx.recorder, town, 0, 300).answer
    entry = ctx.recorder.call(
        "POST",
        "exchange",
        "/time-entries",
        {
            "member_id": household["id"],
            "organisation_id": extra["organisation"],
            "minutes": 30,
            "activity": "orto",
            "activity_date": "2026-11-20",
        },
        town.admin,
    ).answer
    ids = {
        "network": network,
        "household": household["id"],
        "card": household["card_number"],
        "shop": town.tills[0]["shop_id"],
        "organisation": extra["organisation"],
        "neighbour": extra["citizen"],
        "sale": sale["transaction_id"],
        "allocation": allocation["transaction_id"],
        "entry": entry["id"],
    }
    callers = _callers(ctx, town, ids)
    endpoints = [("exchange", *row) for row in matrix(ids)] + [
        (service, method, path.format(**ids), body, allowed)
        for service, method, path, body, allowed in OTHERS
    ]
    unauthorised, calls = [], 0
    for service, method, path, body, allowed in endpoints:
        for actor in sorted(ACTORS - allowed):
            before = _events(ctx)
            record = ctx.recorder.call(
                method.upper(), service, path, body, callers[actor], key=new_key()
            )
            calls += 1
            if record.status not in DENIED or _events(ctx) != before:
                unauthorised.append(f"{actor} {method} {service}{path}: {record.status}")
    figure = f"unauthorised 2xx/non-refusals {len(unauthorised)} of {calls} calls"
    return Outcome(figure, not unauthorised, unauthorised[:20])


def _callers(ctx: Context, town, ids) -> dict:
    network = town.network_id

    def member(member_id, role):
        return ctx.stack.token(Principal(member_id, role, network, member_id))

    return {
        "anonymous": {},
        "admin": town.admin,
        "operator": ctx.stack.token(Principal(new_id(), Role.OPERATOR, network_id=network)),
        "operator_elsewhere": ctx.stack.token(
            Principal(new_id(), Role.OPERATOR, network_id=new_id())
        ),
        "household": member(ids["household"], Role.CITIZEN),
        "neighbour": member(ids["neighbour"], Role.CITIZEN),
        "shop": member(ids["shop"], Role.SHOP),
        "organisation": member(ids["organisation"], Role.ORGANISATION),
        "till": town.till(0),
        "other_till": town.till(1),
    }


def _events(ctx: Context) -> int:
    return sum(ctx.stack.scalar(s, "SELECT count(*) FROM outbox") for s in ("exchange", "registry"))
