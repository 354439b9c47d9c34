"""At the till: a household pays with its card and PIN; a neighbour leaves a spesa sospesa."""

from __future__ import annotations

from tests.support.system import eventually
from tests.support.town import PIN, new_key


def test_a_household_pays_at_the_till_and_gets_a_receipt(town):
    town.grant(10_000)
    assert town.allocate(2_500).status_code == 201

    response = town.redeem(1_200)

    assert response.status_code == 201, response.json
    receipt = response.json
    assert (receipt["amount_cents"], receipt["balance_cents"]) == (1_200, 1_300)
    assert receipt["card_ending"] == town.card_number[-4:]
    assert receipt["shop_id"] == town.shop["id"]
    assert town.balance()["FOOD"] == 1_300


def test_not_enough_credit_is_a_409_and_moves_nothing(town):
    town.grant(10_000)
    town.allocate(500)
    response = town.redeem(600)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_enough_credit"
    assert town.balance()["FOOD"] == 500


def test_a_wrong_pin_says_how_many_tries_are_left_and_the_fifth_locks_the_card(town):
    town.grant(10_000)
    town.allocate(1_000)
    answers = [town.redeem(100, pin="1357") for _ in range(5)]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 423]
    assert [a.json["error"]["details"]["attempts_left"] for a in answers[:4]] == [4, 3, 2, 1]
    assert town.redeem(100).status_code == 423, "locked: even the right PIN is refused"
    town.call("put", f"/cards/{town.card_number}/pin", town.operator, {"pin": "9753"})
    assert town.redeem(100, pin="9753").status_code == 201


def test_a_retried_redemption_moves_credit_once_and_answers_the_same(town):
    town.grant(10_000)
    town.allocate(1_000)
    first = town.redeem(300, key="till-retry-0001")
    again = town.redeem(300, key="till-retry-0001")
    assert first.status_code == again.status_code == 201
    assert first.json == again.json
    assert town.balance()["FOOD"] == 700


def test_the_same_key_with_another_amount_is_refused(town):
    town.grant(10_000)
    town.allocate(1_000)
    town.redeem(300, key="till-retry-0002")
    other = town.redeem(400, key="till-retry-0002")
    assert other.status_code == 422
    assert other.json["error"]["code"] == "idempotency_key_reused"
    assert town.balance()["FOOD"] == 700


def test_another_tills_same_key_is_another_request(town):
    town.grant(10_000)
    town.allocate(1_000)
    mine = town.redeem(300, key="shared-key-0003")
    theirs = town.redeem(300, key="shared-key-0003", till=town.other_till)
    assert theirs.status_code == 201
    assert theirs.json["transaction_id"] != mine.json["transaction_id"]
    assert theirs.json["shop_id"] == town.other_shop["id"]
    assert town.balance()["FOOD"] == 400


def test_a_refusal_is_answered_again_for_the_same_key(town):
    town.grant(10_000)
    town.allocate(100)
    first = town.redeem(500, key="refused-0004")
    town.allocate(1_000)
    again = town.redeem(500, key="refused-0004")
    assert first.status_code == again.status_code == 409
    assert town.balance()["FOOD"] == 1_100


def test_a_redemption_needs_an_idempotency_key_and_a_till(town):
    body = {"card_number": town.card_number, "pin": PIN, "amount_cents": 100}
    no_key = town.call("post", "/redemptions", town.till, body)
    assert no_key.status_code == 400
    assert no_key.json["error"]["code"] == "idempotency_key_required"
    not_a_till = town.call("post", "/redemptions", town.operator, body, new_key())
    assert not_a_till.status_code == 403
    forged = town.call("post", "/redemptions", {"Authorization": "Bearer fbd.x.y"}, body, new_key())
    assert forged.status_code == 401


def test_a_spesa_sospesa_fills_the_pool_that_allocations_draw_from(town):
    assert town.allocate(500).status_code == 409, "the pool is empty"
    donation = town.donate(800)
    assert donation.status_code == 201
    assert town.allocate(500).status_code == 201
    assert town.allocate(500).status_code == 409, "only 300 left in the pool"


def test_a_card_typed_with_spaces_or_mistyped_is_read_right(town):
    town.grant(10_000)
    town.allocate(1_000)
    spaced = " ".join(town.card_number[i : i + 4] for i in range(0, 12, 4))
    assert town.redeem(100, card=spaced).status_code == 201
    wrong_digit = town.card_number[:-1] + str((int(town.card_number[-1]) + 1) % 10)
    assert town.redeem(100, card=wrong_digit).status_code == 404


def test_a_right_pin_forgives_the_wrong_ones_before_it(town):
    town.grant(10_000)
    town.allocate(1_000)
    assert [town.redeem(100, pin="1357").status_code for _ in range(4)] == [401] * 4
    assert town.redeem(100).status_code == 201
    answers = [town.redeem(100, pin="1357") for _ in range(4)]
    assert [a.json["error"]["details"]["attempts_left"] for a in answers] == [4, 3, 2, 1]


def test_a_revoked_till_is_refused_within_seconds(town):
    town.grant(10_000)
    town.allocate(1_000)
    assert town.redeem(100).status_code == 201, "the till's device is now remembered"
    device_id = town.till["Authorization"].split(".")[1]
    admin = town.running.admin_headers()
    revoked = town.running.client.post(
        f"/registry/api/v1/devices/{device_id}/revoke", headers=admin
    )
    assert revoked.status_code == 200, revoked.json

    eventually(lambda: town.redeem(100).status_code == 401, timeout=15)
    assert town.balance()["FOOD"] < 1_000
