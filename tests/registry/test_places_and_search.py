"""Markets, shop profiles, and searching members."""

from __future__ import annotations


def test_an_operator_adds_markets_with_their_days(world):
    path = f"/networks/{world.collegno['id']}/markets"
    created = world.post(
        path,
        {
            "name": "Mercato di Borgata Paradiso",
            "address": "Via Roma 1",
            "market_days": ["sat", "tue"],
        },
        actor="operator_collegno",
    )
    assert created.status_code == 201
    assert created.json["market_days"] == ["tue", "sat"]
    changed = world.put(
        f"/markets/{created.json['id']}",
        {"name": "Mercato Paradiso", "address": "Via Roma 1", "market_days": ["sat"]},
        actor="operator_collegno",
    )
    assert changed.json["name"] == "Mercato Paradiso"
    assert [m["name"] for m in world.get(path, actor="shop").json] == ["Mercato Paradiso"]
    assert (
        world.post(path, {"name": "x", "address": "y"}, actor="operator_rivoli").status_code == 403
    )
    assert (
        world.post(path, {"name": "x", "address": "y", "market_days": ["someday"]}).status_code
        == 422
    )


def test_a_shop_profile_says_whether_and_at_what_rate_it_takes_time_credits(world):
    market = world.post(
        f"/networks/{world.collegno['id']}/markets", {"name": "Mercato", "address": "Piazza"}
    ).json
    response = world.put(
        f"/members/{world.shop['id']}/shop-profile",
        {
            "shop_type": "stall",
            "market_id": market["id"],
            "opening_days": ["sat"],
            "accepts_time": True,
            "time_rate_cents_per_hour": 500,
        },
        actor="operator_collegno",
    )
    assert response.status_code == 200, response.json
    [event] = world.published("registry.shop.profile_changed")
    assert (event["accepts_time"], event["time_rate_cents_per_hour"]) == (True, 500)
    assert event["market_id"] == market["id"]
    no_rate = world.put(
        f"/members/{world.shop['id']}/shop-profile", {"shop_type": "shop", "accepts_time": True}
    )
    assert no_rate.status_code == 422


def test_a_shop_profile_cannot_point_at_another_towns_market(world):
    market = world.post(
        f"/networks/{world.rivoli['id']}/markets", {"name": "Mercato", "address": "Piazza"}
    ).json
    response = world.put(
        f"/members/{world.shop['id']}/shop-profile",
        {"shop_type": "stall", "market_id": market["id"], "accepts_time": False},
    )
    assert response.status_code == 422


def test_search_filters_by_kind_status_and_text_a_page_at_a_time(world):
    for n in range(5):
        world.enrol(world.collegno, display_name=f"Famiglia Cerca {n}")
    page = world.get(
        "/members",
        actor="operator_collegno",
        query_string={"kind": "household", "q": "cerca", "page_size": 2, "page": 2},
    ).json
    assert page["total"] == 5 and len(page["items"]) == 2
    by_phone = world.get("/members", actor="operator_collegno", query_string={"q": "3331111111"})
    assert [m["id"] for m in by_phone.json["items"]] == [world.household["id"]]
    shops = world.get("/members", actor="operator_collegno", query_string={"kind": "shop"}).json
    assert [m["id"] for m in shops["items"]] == [world.shop["id"]]


def test_an_operator_searches_only_their_network_and_an_educator_only_their_households(world):
    world.enrol(world.rivoli, display_name="Famiglia di Rivoli")
    collegno = world.get("/members", actor="operator_collegno").json["items"]
    assert {m["network_id"] for m in collegno} == {world.collegno["id"]}
    foreign = world.get(
        "/members", actor="operator_collegno", query_string={"network_id": world.rivoli["id"]}
    )
    assert foreign.status_code == 404
    educated = world.get("/members", actor="educator").json["items"]
    assert [m["id"] for m in educated] == [world.household["id"]]
    assert world.get("/members", actor="household").status_code == 403
