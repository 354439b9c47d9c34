"""Pairing a shop's till with a one-time code: eight digits, thirty minutes, once."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from services.registry.domain.errors import InvalidPairingCode, PairingPaused
from services.registry.domain.members import Member, MemberKind, MemberStatus
from services.registry.domain.pairing import PairingCode, check_pairing_open
from shared.auth.principal import Principal, Role

NOW = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)


def a_shop() -> Member:
    return Member("shop-1", "net-1", MemberKind.SHOP, "Bottega", MemberStatus.ACTIVE, "it", NOW)


def an_operator() -> Principal:
    return Principal("operator-1", Role.OPERATOR, "net-1")


def issue_code(world, shop_id=None, actor="operator_collegno"):
    return world.post(f"/members/{shop_id or world.shop['id']}/pairing-codes", actor=actor)


def pair(world, code, label="Tablet al banco"):
    return world.web.client.post(
        "/registry/api/v1/devices/pair", json={"code": code, "label": label}
    )


def test_a_code_is_eight_digits_in_two_groups_and_lasts_half_an_hour():
    pairing, code = PairingCode.issue(a_shop(), an_operator(), NOW)
    assert len(code) == 8 and code.isdigit()
    assert pairing.expires_at == NOW + timedelta(minutes=30)
    assert pairing.code_sha256 == hashlib.sha256(code.encode()).hexdigest()
    assert pairing.issuer == an_operator()


def test_a_code_expires_and_works_once():
    pairing, _code = PairingCode.issue(a_shop(), an_operator(), NOW)
    with pytest.raises(InvalidPairingCode):
        pairing.check_usable(NOW + timedelta(minutes=30))
    pairing.redeem("device-1", NOW + timedelta(minutes=29))
    with pytest.raises(InvalidPairingCode):
        pairing.redeem("device-2", NOW + timedelta(minutes=29))


def test_five_wrong_codes_in_a_minute_pause_pairing_until_the_minute_has_passed():
    wrong = [NOW - timedelta(seconds=seconds) for seconds in (50, 40, 30, 20, 10)]
    check_pairing_open(wrong[1:], NOW)
    with pytest.raises(PairingPaused) as paused:
        check_pairing_open(wrong, NOW)
    assert paused.value.retry_after_seconds == 10
    check_pairing_open(wrong, NOW + timedelta(seconds=10))


def test_an_operator_gets_a_code_and_the_till_pairs_with_it(world):
    issued = issue_code(world)
    assert issued.status_code == 201, issued.json
    assert issued.json["code"][4] == " " and issued.json["shop_id"] == world.shop["id"]

    paired = pair(world, issued.json["code"])
    assert paired.status_code == 201, paired.json
    assert paired.json["shop_id"] == world.shop["id"]
    assert paired.json["device_token"].startswith(f"fbd.{paired.json['device_id']}.")
    devices = world.get(f"/members/{world.shop['id']}/devices").json
    assert [(d["device_id"], d["label"]) for d in devices] == [
        (paired.json["device_id"], "Tablet al banco")
    ]
    [registered] = world.published("registry.device.registered")
    assert registered["device_id"] == paired.json["device_id"]
    token_hash = hashlib.sha256(paired.json["device_token"].encode()).hexdigest()
    assert registered["token_sha256"] == token_hash


def test_only_the_codes_hash_is_kept(world):
    code = issue_code(world).json["code"].replace(" ", "")
    with world.registry.database.session() as session:
        [stored] = session.scalars(select(PairingCode)).all()
    assert stored.code_sha256 == hashlib.sha256(code.encode()).hexdigest()
    assert code not in repr(stored.__dict__)


def test_a_used_or_wrong_code_is_refused_with_the_error_body(world):
    code = issue_code(world).json["code"]
    assert pair(world, code).status_code == 201
    again = pair(world, code)
    assert again.status_code == 422
    assert again.json["error"]["code"] == "invalid_pairing_code"
    unknown = "0000 0000" if code != "0000 0000" else "0000 0001"
    assert pair(world, unknown).json["error"]["code"] == "invalid_pairing_code"
    assert pair(world, "12345").status_code == 422
    assert len(world.published("registry.device.registered")) == 1


def test_after_five_wrong_codes_even_the_right_one_waits(world):
    code = issue_code(world).json["code"]
    wrong = "1111 1111" if code != "1111 1111" else "2222 2222"
    for _ in range(5):
        assert pair(world, wrong).status_code == 422
    paused = pair(world, code)
    assert paused.status_code == 429
    assert paused.json["error"]["code"] == "pairing_paused"
    assert 0 < paused.json["error"]["details"]["retry_after_seconds"] <= 60
    assert world.published("registry.device.registered") == []


@pytest.mark.parametrize(
    "actor, statuses",
    [
        ("operator_rivoli", {404}),
        ("educator", {404}),
        ("household", {404}),
        ("shop", {403}),
        ("anonymous", {401}),
    ],
)
def test_only_the_shops_operators_get_a_code(world, actor, statuses):
    assert issue_code(world, actor=actor).status_code in statuses


def test_a_household_has_no_till(world):
    refused = issue_code(world, shop_id=world.household["id"])
    assert refused.status_code == 409
