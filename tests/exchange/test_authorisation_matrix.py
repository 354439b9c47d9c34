"""Every caller against every exchange endpoint: a till sees its own shop, a household itself.

Callers not allowed go first and must be refused (401, 403 or 404) with no
event published; then the allowed ones must get past authorisation.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.exchange.domain.model import LedgerMember
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from tests.support.system import eventually
from tests.support.town import PIN, known_to_exchange, new_key

DENIED = {401, 403, 404}
OPERATORS = {"admin", "operator"}
NETWORK = {
    "admin",
    "operator",
    "household",
    "neighbour",
    "shop",
    "till",
    "other_till",
    "organisation",
}
ACTORS = NETWORK | {"anonymous", "operator_elsewhere"}


def matrix(ids: dict) -> list:
    entry = {
        "member_id": ids["household"],
        "organisation_id": ids["organisation"],
        "minutes": 60,
        "activity": "orto",
        "activity_date": "2026-11-20",
    }
    card = {"card_number": ids["card"], "pin": PIN}
    return [
        ("get", f"/members/{ids['household']}/balances", None, OPERATORS | {"household"}),
        ("get", f"/members/{ids['household']}/transactions", None, OPERATORS | {"household"}),
        ("put", f"/cards/{ids['card']}/pin", {"pin": PIN}, OPERATORS | {"household"}),
        ("post", "/donations", {"amount_cents": 100}, {"till", "other_till"}),
        ("post", "/redemptions", {**card, "amount_cents": 100}, {"till", "other_till"}),
        ("post", "/time-spends", {**card, "minutes": 10}, {"till", "other_till"}),
        (
            "post",
            "/grants",
            {"network_id": ids["network"], "amount_cents": 100, "memo": "fund"},
            OPERATORS,
        ),
        ("post", "/allocations", {"member_id": ids["household"], "amount_cents": 100}, OPERATORS),
        ("post", f"/networks/{ids['network']}/entitlements", {}, OPERATORS),
        (
            "post",
            f"/transactions/{ids['sale']}/refund",
            {"amount_cents": 10, "reason": "weight"},
            OPERATORS | {"till", "shop"},
        ),
        ("post", f"/transactions/{ids['allocation']}/reverse", {"reason": "mistake"}, OPERATORS),
        ("post", "/time-entries", entry, OPERATORS | {"household"}),
        ("post", f"/time-entries/{ids['entry']}/confirm", None, OPERATORS | {"organisation"}),
        (
            "post",
            "/time-gifts",
            {"to_member_id": ids["neighbour"], "minutes": 1},
            {"household", "neighbour", "organisation", "shop"},
        ),
        ("get", f"/shops/{ids['shop']}/takings", None, OPERATORS | {"shop", "till"}),
        (
            "get",
            f"/networks/{ids['network']}/settlement?period_start=2026-01-01&period_end=2026-12-31",
            None,
            OPERATORS,
        ),
        (
            "post",
            f"/networks/{ids['network']}/settlements",
            {"period_start": "2025-01-01", "period_end": "2025-01-31"},
            OPERATORS,
        ),
        ("get", f"/networks/{ids['network']}/reciprocity?month=2026-11-01", None, OPERATORS),
        ("get", f"/networks/{ids['network']}/impact?year=2026", None, OPERATORS),
        ("get", f"/networks/{ids['network']}/food-recoveries?month=2026-11-01", None, OPERATORS),
        (
            "post",
            "/food-recoveries",
            {
                "shop_id": ids["shop"],
                "day": "2026-11-20",
                "unsold_grams": 10,
                "spesa_goods_grams": 0,
                "destination": "canteen",
            },
            OPERATORS | {"shop", "till", "household", "neighbour"},
        ),
        ("get", f"/networks/{ids['network']}/rules", None, NETWORK),
        ("put", f"/networks/{ids['network']}/rules", {"visits_per_day_limit": 50}, OPERATORS),
    ]


@pytest.fixture
def callers(town) -> dict[str, dict]:
    running, admin = town.running, town.running.admin_headers()
    organisation = running.register_member(
        admin, town.network["id"], kind="organisation", display_name="Associazione"
    )
    neighbour = running.register_member(
        admin, town.network["id"], kind="citizen", display_name="Vicina"
    )
    network_id = town.network["id"]

    def as_member(member, role):
        return town.token(Principal(member["id"], role, network_id, member["id"]))

    for member in (organisation, neighbour):
        eventually(
            lambda m=member: known_to_exchange(town.exchange, LedgerMember, m["id"]), timeout=15
        )
    town.ids = {"organisation": organisation["id"], "neighbour": neighbour["id"]}
    return {
        "anonymous": {},
        "admin": admin,
        "operator": town.operator,
        "operator_elsewhere": town.token(Principal(new_id(), Role.OPERATOR, network_id=new_id())),
        "household": as_member(town.household, Role.CITIZEN),
        "neighbour": as_member(neighbour, Role.CITIZEN),
        "shop": as_member(town.shop, Role.SHOP),
        "organisation": as_member(organisation, Role.ORGANISATION),
        "till": town.till,
        "other_till": town.other_till,
    }


def test_every_caller_against_every_exchange_endpoint(town, callers):
    town.grant(50_000)
    allocation = town.allocate(5_000).json
    sale = town.redeem(300).json
    entry = town.call(
        "post",
        "/time-entries",
        town.operator,
        {
            "member_id": town.household["id"],
            "organisation_id": town.ids["organisation"],
            "minutes": 30,
            "activity": "orto",
            "activity_date": "2026-11-20",
        },
    ).json
    ids = {
        **town.ids,
        "network": town.network["id"],
        "household": town.household["id"],
        "shop": town.shop["id"],
        "card": town.card_number,
        "sale": sale["transaction_id"],
        "allocation": allocation["transaction_id"],
        "entry": entry["id"],
    }
    unauthorised, refused = [], []
    for method, path, body, allowed in matrix(ids):
        for actor in sorted(ACTORS - allowed):
            before = _events(town)
            response = town.call(method, path, callers[actor], body, key=new_key())
            if response.status_code not in DENIED or _events(town) != before:
                unauthorised.append((method, path, actor, response.status_code))
        for actor in sorted(allowed):
            response = town.call(method, path, callers[actor], body, key=new_key())
            if response.status_code in DENIED:
                refused.append((method, path, actor, response.status_code, response.json))
    assert unauthorised == []
    assert refused == []


def _events(town) -> int:
    exchange = town.exchange
    with exchange.database.session() as session:
        return session.scalar(select(func.count()).select_from(exchange.outbox))
