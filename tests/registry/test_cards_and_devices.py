"""Cards with a check digit and a QR code; shop till devices with a token shown once."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.registry.domain.cards import (
    display_card_number,
    new_card_number,
    normalise_card_number,
)


@given(st.data())
def test_any_single_mistyped_digit_is_caught_by_the_check_digit(data):
    number = new_card_number()
    position = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    assert normalise_card_number(number[:position] + wrong + number[position + 1 :]) is None


def test_a_card_number_is_read_with_or_without_spaces():
    number = new_card_number()
    assert normalise_card_number(display_card_number(number)) == number
    assert normalise_card_number(number.replace("", "-")[1:-1]) == number
    assert normalise_card_number("1234") is None
    assert normalise_card_number("abcd efgh ijkl") is None


def test_an_operator_issues_a_household_its_card_and_the_registry_publishes_it(world):
    response = world.post(f"/members/{world.household['id']}/cards", actor="operator_collegno")
    assert response.status_code == 201
    card = response.json
    assert normalise_card_number(card["card_number"]) == card["card_number"]
    assert card["card_number_display"] == display_card_number(card["card_number"])
    [issued] = world.published("registry.card.issued")
    assert issued["card_number"] == card["card_number"]
    assert issued["member_id"] == world.household["id"]


def test_a_second_active_card_is_refused_and_a_shop_gets_none(world):
    world.post(f"/members/{world.household['id']}/cards")
    again = world.post(f"/members/{world.household['id']}/cards")
    assert again.status_code == 409
    assert world.post(f"/members/{world.shop['id']}/cards").status_code == 409


def test_a_lost_card_is_blocked_by_its_holder_and_replaced_by_an_operator(world):
    card = world.post(f"/members/{world.household['id']}/cards").json
    blocked = world.post(f"/cards/{card['id']}/block", {"reason": "lost"}, actor="household")
    assert blocked.status_code == 200
    assert blocked.json["status"] == "blocked"
    assert world.post(f"/cards/{card['id']}/block", {"reason": "lost"}).status_code == 409

    replacement = world.post(
        f"/cards/{card['id']}/replace", {"reason": "lost"}, actor="operator_collegno"
    )
    assert replacement.status_code == 201
    assert replacement.json["replaces_card_id"] == card["id"]
    [event] = world.published("registry.card.blocked")
    assert (event["card_id"], event["reason"]) == (card["id"], "lost")
    listed = world.get(f"/members/{world.household['id']}/cards", actor="household").json
    assert [c["status"] for c in listed] == ["active", "blocked"]


def test_replacing_an_active_card_blocks_it(world):
    card = world.post(f"/members/{world.household['id']}/cards").json
    world.post(f"/cards/{card['id']}/replace", {"reason": "damaged"})
    assert world.get(f"/cards/{card['id']}").json["block_reason"] == "damaged"


@pytest.mark.parametrize("image_format, mimetype", [("svg", "image/svg+xml"), ("png", "image/png")])
def test_a_card_has_a_qr_code_to_print(world, image_format, mimetype):
    card = world.post(f"/members/{world.household['id']}/cards").json
    response = world.get(f"/cards/{card['id']}/qr.{image_format}", actor="household")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    if image_format == "svg":
        assert display_card_number(card["card_number"]) in response.data.decode()
    else:
        assert response.data.startswith(b"\x89PNG")
    assert world.get(f"/cards/{card['id']}/qr.svg", actor="other_household").status_code == 404


def test_a_till_device_gets_its_token_once_and_only_its_hash_is_kept(world):
    response = world.post(
        f"/members/{world.shop['id']}/devices",
        {"label": "Tablet al banco"},
        actor="operator_collegno",
    )
    assert response.status_code == 201
    device = response.json
    token = device["device_token"]
    assert token.startswith(f"fbd.{device['device_id']}.")
    [event] = world.published("registry.device.registered")
    assert event["token_sha256"] == hashlib.sha256(token.encode()).hexdigest()
    listed = world.get(f"/members/{world.shop['id']}/devices", actor="shop").json
    assert [d["device_id"] for d in listed] == [device["device_id"]]
    assert "device_token" not in listed[0]


def test_a_revoked_device_is_published_and_devices_are_only_for_shops(world):
    device = world.post(f"/members/{world.shop['id']}/devices", {"label": "Cassa"}).json
    revoked = world.post(f"/devices/{device['device_id']}/revoke", actor="operator_collegno")
    assert revoked.json["status"] == "revoked"
    assert world.published("registry.device.revoked")[0]["device_id"] == device["device_id"]
    household_device = world.post(f"/members/{world.household['id']}/devices", {"label": "x"})
    assert household_device.status_code == 409
