"""What a shop took, settling up between shops, reciprocity, impact and kg recovered."""

from __future__ import annotations

import csv
import io

from services.exchange.domain.calendar import local_day
from shared.auth.principal import Principal, Role
from tests.support.ledger import check_ledger
from tests.support.town import new_key


def a_day_of_trade(town):
    """At the shop: 20 € of spesa sospesa, 12 € redeemed then 2 € refunded; 5 € at the other."""
    town.grant(10_000)
    town.allocate(3_000)
    town.donate(2_000)
    purchase = town.redeem(1_200).json
    town.call(
        "post",
        f"/transactions/{purchase['transaction_id']}/refund",
        town.till,
        {"amount_cents": 200, "reason": "wrong weight"},
        new_key(),
    )
    town.redeem(500, till=town.other_till)


def test_a_shop_sees_what_it_took_today_and_only_its_own(town):
    a_day_of_trade(town)
    as_shop = town.token(Principal(town.shop["id"], Role.SHOP, town.network["id"], town.shop["id"]))
    takings = town.call("get", f"/shops/{town.shop['id']}/takings", as_shop).json
    assert (takings["redeemed_cents"], takings["donated_cents"]) == (1_000, 2_000)
    assert [m["kind"] for m in takings["movements"]] == ["donation", "redemption", "refund"]
    by_till = town.call("get", f"/shops/{town.shop['id']}/takings", town.till)
    assert by_till.status_code == 200
    other = town.call("get", f"/shops/{town.other_shop['id']}/takings", as_shop)
    assert other.status_code == 404


def test_settlement_shows_positions_and_transfers_then_records_the_period(town):
    a_day_of_trade(town)
    today = str(local_day())
    query = {"period_start": today, "period_end": today}
    path = f"/networks/{town.network['id']}/settlement"
    report = town.call("get", path, town.operator, query_string=query).json
    positions = {p["shop_id"]: p for p in report["positions"]}
    assert positions[town.shop["id"]]["net_cents"] == 1_000 - 2_000
    assert positions[town.other_shop["id"]]["net_cents"] == 500
    assert {(t["payer"], t["payee"], t["amount_cents"]) for t in report["transfers"]} == {
        (town.shop["id"], town.other_shop["id"], 500),
        (town.shop["id"], "network", 500),
    }
    assert report["settled"] is False

    spreadsheet = town.call("get", path, town.operator, query_string={**query, "format": "csv"})
    assert spreadsheet.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(spreadsheet.data.decode())))
    assert rows[0] == ["shop_id", "honoured_cents", "collected_cents", "net_cents"]

    recorded = town.call(
        "post", f"/networks/{town.network['id']}/settlements", town.operator, query
    )
    assert recorded.status_code == 201
    again = town.call("post", f"/networks/{town.network['id']}/settlements", town.operator, query)
    assert again.status_code == 409
    assert town.call("get", path, town.operator, query_string=query).json["settled"] is True
    assert check_ledger(town.exchange).clean


def test_reports_are_for_the_networks_operators(town):
    query = {"month": str(local_day())}
    for path in ("reciprocity", "food-recoveries"):
        assert (
            town.call(
                "get", f"/networks/{town.network['id']}/{path}", town.till, query_string=query
            ).status_code
            == 403
        )
    other_network = town.token(Principal("x", Role.OPERATOR, network_id="elsewhere"))
    assert (
        town.call(
            "get",
            f"/networks/{town.network['id']}/impact",
            other_network,
            query_string={"year": 2026},
        ).status_code
        == 404
    )


def test_impact_counts_the_months_euros_and_households(town):
    a_day_of_trade(town)
    today = local_day()
    months = town.call(
        "get",
        f"/networks/{town.network['id']}/impact",
        town.operator,
        query_string={"year": today.year},
    ).json
    this_month = months[today.month - 1]
    assert this_month["donated_cents"] == 2_000
    assert this_month["granted_cents"] == 10_000
    assert this_month["allocated_cents"] == 3_000
    assert this_month["redeemed_cents"] == 1_200 - 200 + 500
    assert this_month["households_served"] == 1


def test_food_recovered_adds_up_per_stall_market_and_network(town):
    day = str(local_day())
    for grams in (1_500, 2_500):
        body = {
            "shop_id": town.shop["id"],
            "day": day,
            "unsold_grams": grams,
            "spesa_goods_grams": 500,
            "destination": "households",
        }
        assert town.call("post", "/food-recoveries", town.till, body).status_code == 201
    canteen = {
        "shop_id": town.other_shop["id"],
        "day": day,
        "unsold_grams": 1_000,
        "spesa_goods_grams": 0,
        "destination": "canteen",
    }
    town.call("post", "/food-recoveries", town.operator, canteen)
    totals = town.call(
        "get",
        f"/networks/{town.network['id']}/food-recoveries",
        town.operator,
        query_string={"month": day},
    ).json
    assert totals["network"] == {"unsold_grams": 5_000, "spesa_goods_grams": 1_000}
    assert totals["by_stall"][town.shop["id"]] == {
        "unsold_grams": 4_000,
        "spesa_goods_grams": 1_000,
    }
    assert totals["by_destination"] == {"households": 5_000, "canteen": 1_000}
    impact = town.call(
        "get",
        f"/networks/{town.network['id']}/impact",
        town.operator,
        query_string={"year": local_day().year},
    ).json
    assert impact[local_day().month - 1]["kg_recovered"] == 6.0


def test_a_member_reads_their_statement_by_unit_and_date(town):
    a_day_of_trade(town)
    as_household = town.token(
        Principal(town.household["id"], Role.CITIZEN, town.network["id"], town.household["id"])
    )
    statement = town.call(
        "get",
        f"/members/{town.household['id']}/transactions",
        as_household,
        query_string={"unit": "FOOD", "page_size": 2},
    ).json
    assert statement["total"] == 4
    assert [(m["kind"], m["amount"]) for m in statement["items"]] == [
        ("redemption", -500),
        ("refund", 200),
    ]
    amounts = sorted(
        m["amount"]
        for m in town.call(
            "get", f"/members/{town.household['id']}/transactions", as_household
        ).json["items"]
    )
    assert amounts == [-1_200, -500, 200, 3_000]


def test_days_beyond_what_the_calendar_can_reckon_with_are_refused_clearly(town):
    """Found by the fuzz test: a statement since 0001-01-01 failed with a 500."""
    a_day_of_trade(town)
    asked = [
        (f"/members/{town.household['id']}/transactions", {"since": "0001-01-01"}),
        (f"/members/{town.household['id']}/transactions", {"until": "9999-12-31"}),
        (f"/networks/{town.network['id']}/reciprocity", {"month": "9999-12-01"}),
        (
            f"/networks/{town.network['id']}/settlement",
            {"period_start": "2026-01-01", "period_end": "9999-12-31"},
        ),
    ]
    for path, query in asked:
        refused = town.call("get", path, town.operator, query_string=query)
        assert refused.status_code == 422, (path, query, refused.json)
        assert refused.json["error"]["code"] == "invalid_request"
        assert "A day from 1900-01-01 to 9998-12-31." in str(refused.json["error"]["details"])

    since_the_earliest = town.call(
        "get",
        f"/members/{town.household['id']}/transactions",
        town.operator,
        query_string={"since": "1900-01-01", "until": "9998-12-31"},
    )
    assert since_the_earliest.json["total"] == 4
