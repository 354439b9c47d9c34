"""What the exchange publishes matches the event catalogue, field for field."""

from __future__ import annotations

import json
from datetime import timedelta

from marshmallow import RAISE
from sqlalchemy import select

from services.exchange.domain import commands
from services.exchange.domain.calendar import local_day
from shared.contracts import exchange as contracts
from shared.messaging.envelope import Envelope
from tests.exchange.test_time_credits import (
    _accepts_time,
    community,  # noqa: F401 - a fixture
    log_hours,
)
from tests.support.system import eventually
from tests.support.town import PIN, new_key


def test_every_exchange_event_matches_its_contract(town, community):  # noqa: F811
    town.grant(10_000)
    town.donate(500)
    allocation = town.allocate(1_000).json
    sale = town.redeem(700).json
    town.call(
        "post",
        f"/transactions/{sale['transaction_id']}/refund",
        town.operator,
        {"amount_cents": 100, "reason": "weight"},
        new_key(),
    )
    town.call(
        "post",
        f"/transactions/{allocation['transaction_id']}/reverse",
        town.operator,
        {"reason": "mistake"},
        new_key(),
    )
    town.allocate(1_000)
    exchange = town.exchange
    exchange.bus.handle(commands.ExpireCredits(local_day() + timedelta(days=85)))
    exchange.bus.handle(commands.ExpireCredits(local_day() + timedelta(days=91)))
    for _ in range(5):
        town.redeem(10, pin="1357")
    confirmed = log_hours(town, community, minutes=90).json
    town.call("post", f"/time-entries/{confirmed['id']}/confirm", community["as_organisation"])
    rejected = log_hours(town, community, minutes=30).json
    town.call(
        "post",
        f"/time-entries/{rejected['id']}/reject",
        community["as_organisation"],
        {"reason": "not that day"},
    )
    town.call(
        "post",
        "/time-gifts",
        community["as_household"],
        {"to_member_id": community["neighbour"]["id"], "minutes": 30},
        new_key(),
    )

    town.running.client.put(
        f"/registry/api/v1/members/{town.shop['id']}/shop-profile",
        json={"shop_type": "stall", "accepts_time": True, "time_rate_cents_per_hour": 600},
        headers=town.running.admin_headers(),
    )
    eventually(lambda: _accepts_time(town), timeout=15)
    town.call("put", f"/cards/{town.card_number}/pin", town.operator, {"pin": PIN})
    body = {"card_number": town.card_number, "pin": PIN, "minutes": 20}
    spent = town.call("post", "/time-spends", town.till, body, new_key())
    assert spent.status_code == 201, spent.json

    with exchange.database.session() as session:
        table = exchange.outbox
        payloads = session.scalars(select(table.c.payload).order_by(table.c.position)).all()
    by_type = {contract.type: contract for contract in contracts.CONTRACTS}
    seen = set()
    for payload in payloads:
        envelope = Envelope.from_json(payload)
        assert set(json.loads(payload)["data"]) == set(by_type[envelope.type].schema().fields)
        assert by_type[envelope.type].schema(unknown=RAISE).validate(envelope.data) == {}
        assert envelope.producer == "exchange"
        seen.add(envelope.type)
    assert seen == set(by_type)
