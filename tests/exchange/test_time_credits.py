"""Hours given to the community become TIME credits, given on and spent at shops."""

from __future__ import annotations

import pytest

from services.exchange.domain.directory import Shop
from services.exchange.domain.model import LedgerMember
from shared.auth.principal import Principal, Role
from tests.support.system import eventually
from tests.support.town import PIN, known_to_exchange, new_key


@pytest.fixture
def community(town):
    running, admin = town.running, town.running.admin_headers()
    organisation = running.register_member(
        admin, town.network["id"], kind="organisation", display_name="Casa del Quartiere"
    )
    neighbour = running.register_member(
        admin, town.network["id"], kind="citizen", display_name="Vicino"
    )
    for member in (organisation, neighbour):
        eventually(
            lambda m=member: known_to_exchange(town.exchange, LedgerMember, m["id"]), timeout=15
        )
    network_id = town.network["id"]
    return {
        "organisation": organisation,
        "neighbour": neighbour,
        "as_organisation": town.token(
            Principal(organisation["id"], Role.ORGANISATION, network_id, organisation["id"])
        ),
        "as_household": town.token(
            Principal(town.household["id"], Role.CITIZEN, network_id, town.household["id"])
        ),
        "as_neighbour": town.token(
            Principal(neighbour["id"], Role.CITIZEN, network_id, neighbour["id"])
        ),
    }


def log_hours(town, community, minutes=150, actor=None):
    body = {
        "member_id": town.household["id"],
        "organisation_id": community["organisation"]["id"],
        "minutes": minutes,
        "activity": "orto condiviso",
        "activity_date": "2026-11-20",
    }
    return town.call("post", "/time-entries", actor or community["as_household"], body)


def test_confirmed_hours_become_time_credits_once(town, community):
    entry = log_hours(town, community).json
    assert entry["status"] == "pending"
    pending = town.call(
        "get",
        "/time-entries",
        community["as_organisation"],
        query_string={"network_id": town.network["id"], "status": "pending"},
    ).json
    assert [e["id"] for e in pending] == [entry["id"]]

    confirmed = town.call(
        "post", f"/time-entries/{entry['id']}/confirm", community["as_organisation"]
    )
    assert confirmed.json["status"] == "confirmed"
    assert town.balance()["TIME"] == 150
    again = town.call("post", f"/time-entries/{entry['id']}/confirm", town.operator)
    assert again.status_code == 409
    assert town.balance()["TIME"] == 150


def test_nobody_confirms_their_own_hours_and_a_rejection_earns_nothing(town, community):
    entry = log_hours(town, community).json
    own = town.call("post", f"/time-entries/{entry['id']}/confirm", community["as_household"])
    assert own.status_code == 403
    stranger = town.call("post", f"/time-entries/{entry['id']}/confirm", community["as_neighbour"])
    assert stranger.status_code == 404
    rejected = town.call(
        "post",
        f"/time-entries/{entry['id']}/reject",
        community["as_organisation"],
        {"reason": "not on that day"},
    )
    assert rejected.json["status"] == "rejected"
    assert town.balance()["TIME"] == 0


def test_hours_are_logged_only_at_an_organisation_and_only_for_oneself(town, community):
    body = {
        "member_id": town.household["id"],
        "organisation_id": town.shop["id"],
        "minutes": 60,
        "activity": "x-y",
        "activity_date": "2026-11-20",
    }
    assert town.call("post", "/time-entries", community["as_household"], body).status_code == 409
    for_someone_else = log_hours(town, community, actor=community["as_neighbour"])
    assert for_someone_else.status_code == 404
    assert log_hours(town, community, minutes=13 * 60).status_code == 422


def test_time_credits_are_given_to_a_neighbour(town, community):
    entry = log_hours(town, community, minutes=120).json
    town.call("post", f"/time-entries/{entry['id']}/confirm", community["as_organisation"])
    gift = town.call(
        "post",
        "/time-gifts",
        community["as_household"],
        {"to_member_id": community["neighbour"]["id"], "minutes": 45},
        new_key(),
    )
    assert gift.status_code == 201
    assert town.balance()["TIME"] == 75
    assert town.balance(community["neighbour"]["id"])["TIME"] == 45
    too_much = town.call(
        "post",
        "/time-gifts",
        community["as_household"],
        {"to_member_id": community["neighbour"]["id"], "minutes": 100},
        new_key(),
    )
    assert too_much.status_code == 409


def test_time_is_spent_at_a_shop_that_takes_it_at_its_rate(town, community):
    entry = log_hours(town, community, minutes=120).json
    town.call("post", f"/time-entries/{entry['id']}/confirm", community["as_organisation"])
    body = {"card_number": town.card_number, "pin": PIN, "minutes": 60}
    refused = town.call("post", "/time-spends", town.till, body, new_key())
    assert refused.status_code == 409, "the shop does not take TIME yet"

    admin = town.running.admin_headers()
    town.running.client.put(
        f"/registry/api/v1/members/{town.shop['id']}/shop-profile",
        json={"shop_type": "stall", "accepts_time": True, "time_rate_cents_per_hour": 600},
        headers=admin,
    )
    eventually(lambda: _accepts_time(town), timeout=15)
    receipt = town.call("post", "/time-spends", town.till, body, new_key())
    assert receipt.status_code == 201, receipt.json
    assert (receipt.json["unit"], receipt.json["amount"], receipt.json["balance"]) == (
        "TIME",
        60,
        60,
    )
    assert town.balance(town.shop["id"])["TIME"] == 60


def _accepts_time(town) -> bool:
    with town.exchange.database.session() as session:
        shop = session.get(Shop, town.shop["id"])
        return shop is not None and shop.accepts_time
