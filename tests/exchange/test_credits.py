"""Grants, allocations and entitlements, refunds and reversals, expiry."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta

from services.exchange.domain import commands
from services.exchange.domain.calendar import local_day
from services.exchange.domain.model import LedgerMember
from tests.support.ledger import check_ledger
from tests.support.processes import FABENE, settings_to_env
from tests.support.system import eventually
from tests.support.town import (
    enrol_active_household,
    known_to_exchange,
    new_key,
    wait_until_exchange_knows,
)


def test_only_an_active_household_receives_credits(town):
    town.grant(10_000)
    admin = town.running.admin_headers()
    pending = town.running.register_member(admin, town.network["id"])
    eventually(lambda: known_to_exchange(town.exchange, LedgerMember, pending["id"]), timeout=15)
    refused = town.allocate(1_000, member_id=pending["id"])
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "member_not_active"


def test_an_allocation_retried_with_its_key_allocates_once(town):
    town.grant(10_000)
    first = town.allocate(2_000, key="allocation-0001")
    again = town.allocate(2_000, key="allocation-0001")
    assert first.json == again.json
    assert town.balance()["FOOD"] == 2_000


def test_entitlements_go_once_per_cycle_and_say_who_was_left_out_and_why(town):
    running, admin = town.running, town.running.admin_headers()
    big = enrol_active_household(running, admin, town.network, display_name="Famiglia Grande")
    running.client.put(
        f"/registry/api/v1/members/{big['id']}/people",
        json={"people": [{"first_name": n, "is_minor": n != "Anna"} for n in ("Anna", "Bo", "Cy")]},
        headers=admin,
    )
    wait_until_exchange_knows(town.exchange, big["id"])
    eventually(lambda: _household_size(town, big["id"]) == 3, timeout=15)
    town.grant(8_000)
    path = f"/networks/{town.network['id']}/entitlements"

    first = town.call("post", path, town.operator, {"day": "2026-03-02"}).json
    again = town.call("post", path, town.operator, {"day": "2026-03-03"}).json

    given = {row["member_id"]: row["amount_cents"] for row in first["allocated"]}
    assert given == {town.household["id"]: 3_000, big["id"]: 5_000}
    assert first["left_out"] == []
    assert again["cycle"] == first["cycle"]
    assert again["allocated"] == []
    assert {row["member_id"]: row["reason"] for row in again["left_out"]} == {
        town.household["id"]: "already_allocated",
        big["id"]: "already_allocated",
    }
    next_cycle = town.call("post", path, town.operator, {"day": "2026-03-30"}).json
    assert next_cycle["cycle"] == first["cycle"] + 1
    assert {row["reason"] for row in next_cycle["left_out"]} == {"pool_empty"}
    assert check_ledger(town.exchange).clean


def test_when_the_pool_runs_dry_the_batch_says_who_got_nothing(town):
    town.grant(2_000)
    report = town.call(
        "post", f"/networks/{town.network['id']}/entitlements", town.operator, {}
    ).json
    assert report["allocated"] == []
    assert report["left_out"] == [{"member_id": town.household["id"], "reason": "pool_empty"}]
    assert town.balance()["FOOD"] == 0


def test_a_shop_refunds_part_of_a_purchase_the_same_day(town):
    town.grant(10_000)
    town.allocate(2_000)
    purchase = town.redeem(1_500).json
    path = f"/transactions/{purchase['transaction_id']}/refund"
    refund = town.call(
        "post", path, town.till, {"amount_cents": 500, "reason": "wrong weight"}, new_key()
    )
    assert refund.status_code == 201, refund.json
    assert town.balance()["FOOD"] == 1_000
    too_much = town.call(
        "post", path, town.till, {"amount_cents": 1_001, "reason": "again"}, new_key()
    )
    assert too_much.status_code == 409
    assert too_much.json["error"]["details"]["refundable_cents"] == 1_000
    other_shop = town.call(
        "post", path, town.other_till, {"amount_cents": 100, "reason": "mine"}, new_key()
    )
    assert other_shop.status_code == 404


def test_an_operator_reverses_a_transaction_once(town):
    town.grant(10_000)
    allocation = town.allocate(2_000).json
    path = f"/transactions/{allocation['transaction_id']}/reverse"
    reversal = town.call("post", path, town.operator, {"reason": "wrong household"}, new_key())
    assert reversal.status_code == 201
    assert reversal.json["reverses_id"] == allocation["transaction_id"]
    assert town.balance()["FOOD"] == 0
    twice = town.call("post", path, town.operator, {"reason": "again"}, new_key())
    assert twice.status_code == 409
    by_shop = town.call("post", path, town.till, {"reason": "not mine"}, new_key())
    assert by_shop.status_code == 404
    assert check_ledger(town.exchange).clean


def test_a_reversal_that_would_take_a_household_below_zero_is_refused(town):
    town.grant(10_000)
    allocation = town.allocate(2_000).json
    town.redeem(1_500)
    path = f"/transactions/{allocation['transaction_id']}/reverse"
    refused = town.call("post", path, town.operator, {"reason": "wrong household"}, new_key())
    assert refused.status_code == 409
    assert town.balance()["FOOD"] == 500


def test_unspent_credits_expire_back_to_the_pool_with_a_warning_a_week_before(town):
    town.grant(10_000)
    town.allocate(3_000)
    town.redeem(1_000)
    exchange = town.exchange
    lifetime = 90
    week_before = local_day() + timedelta(days=lifetime - 5)
    warned = exchange.bus.handle(commands.ExpireCredits(week_before))
    assert warned.expired == []
    assert warned.warned == [{"member_id": town.household["id"], "amount_cents": 2_000}]
    assert exchange.bus.handle(commands.ExpireCredits(week_before)).warned == []

    after = local_day() + timedelta(days=lifetime + 1)
    run = exchange.bus.handle(commands.ExpireCredits(after))
    assert run.expired == [{"member_id": town.household["id"], "amount_cents": 2_000}]
    assert town.balance()["FOOD"] == 0
    assert exchange.bus.handle(commands.ExpireCredits(after)).expired == []
    assert check_ledger(exchange).clean


def test_only_credits_past_their_lifetime_expire(town):
    town.grant(10_000)
    town.allocate(1_000)
    run = town.exchange.bus.handle(commands.ExpireCredits(date.today() + timedelta(days=30)))
    assert run.expired == []
    assert town.balance()["FOOD"] == 1_000


def _household_size(town, member_id) -> int:
    with town.exchange.database.session() as session:
        return session.get(LedgerMember, member_id).household_size


def test_the_daily_expiry_command_is_safe_to_run_twice(town):
    town.grant(10_000)
    town.allocate(1_000)
    env = {**os.environ, **settings_to_env(town.settings), "FABENE_LOG_LEVEL": "WARNING"}
    later = str(local_day() + timedelta(days=120))
    command = [str(FABENE), "exchange", "expire", "--today", later]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.stdout.startswith("1 household(s): 1000 cents expired"), first.stderr
    assert second.stdout.startswith("0 household(s): 0 cents expired")
    assert town.balance()["FOOD"] == 0
