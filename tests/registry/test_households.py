"""Households: people, referral and eligibility, lifecycle, automatic suspension."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta

from services.registry.domain import commands
from services.registry.domain.members import add_months
from tests.support.processes import FABENE, settings_to_env


def test_a_household_is_enrolled_pending_with_its_people_and_referral(world):
    household = world.enrol(
        world.collegno,
        display_name="Famiglia Esposito",
        people=[
            {"first_name": "Anna", "is_minor": False},
            {"first_name": "Marco", "is_minor": False, "birth_year": 1980},
            {"first_name": "Sofia", "is_minor": True},
        ],
        referral={"referred_by": "Servizi sociali Collegno", "referred_on": "2026-03-31"},
    )
    assert household["status"] == "pending"
    assert household["eligible_until"] == "2027-03-31"
    assert [p["first_name"] for p in household["people"]] == ["Anna", "Marco", "Sofia"]
    [composition] = [
        e
        for e in world.published("registry.household.composition_changed")
        if e["member_id"] == household["id"]
    ]
    assert (composition["adults"], composition["minors"]) == (2, 1)


def test_the_network_sets_how_long_eligibility_lasts(world):
    response = world.web.client.patch(
        f"/registry/api/v1/networks/{world.collegno['id']}",
        json={"eligibility_months": 6},
        headers=world.as_("operator_collegno"),
    )
    assert response.json["eligibility_months"] == 6
    household = world.enrol(
        world.collegno, referral={"referred_by": "Caritas", "referred_on": "2026-01-15"}
    )
    assert household["eligible_until"] == "2026-07-15"


def test_a_household_moves_along_its_lifecycle_with_reasons_and_events(world):
    member_id = world.household["id"]
    steps = [("active", "documents checked"), ("suspended", "moved away"), ("active", "back")]
    for status, reason in steps:
        response = world.post(f"/members/{member_id}/status", {"status": status, "reason": reason})
        assert response.status_code == 200, response.json
    history = world.get(f"/members/{member_id}/status").json
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history] == [
        ("pending", "active", "documents checked"),
        ("active", "suspended", "moved away"),
        ("suspended", "active", "back"),
    ]
    events = [
        e for e in world.published("registry.member.status_changed") if e["member_id"] == member_id
    ]
    assert [(e["previous_status"], e["status"]) for e in events] == [
        ("pending", "active"),
        ("active", "suspended"),
        ("suspended", "active"),
    ]
    assert [e["revision"] for e in events] == sorted({e["revision"] for e in events})


def test_a_step_the_lifecycle_does_not_allow_is_refused(world):
    member_id = world.household["id"]
    world.post(f"/members/{member_id}/status", {"status": "exited", "reason": "left the town"})
    response = world.post(f"/members/{member_id}/status", {"status": "active", "reason": "again"})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "invalid_status_change"


def test_a_status_change_needs_a_reason(world):
    response = world.post(f"/members/{world.household['id']}/status", {"status": "active"})
    assert response.status_code == 422
    assert "reason" in response.json["error"]["details"]["json"]


def test_operators_see_households_whose_eligibility_ends_soon_and_recertify_them(world):
    today = date.today()
    soon = world.enrol(
        world.collegno,
        referral={"referred_by": "ASL", "referred_on": str(add_months(today, -12) + timedelta(10))},
    )
    later = world.enrol(world.collegno, referral={"referred_by": "ASL", "referred_on": str(today)})
    for household in (soon, later):
        world.post(
            f"/members/{household['id']}/status",
            {"status": "active", "reason": "documents checked"},
        )

    path = f"/networks/{world.collegno['id']}/households/expiring"
    expiring = world.get(path, actor="operator_collegno").json
    assert [h["id"] for h in expiring] == [soon["id"]]
    assert world.get(path, actor="operator_rivoli").status_code == 403

    renewed = world.put(
        f"/members/{soon['id']}/referral",
        {"referred_by": "ASL", "referred_on": str(today)},
        actor="operator_collegno",
    )
    assert renewed.json["eligible_until"] == str(add_months(today, 12))
    assert world.get(path, actor="operator_collegno").json == []


def test_expired_households_are_suspended_automatically_and_only_once(world):
    registry = world.registry
    household = world.enrol(
        world.collegno, referral={"referred_by": "ASL", "referred_on": "2025-01-10"}
    )
    world.post(
        f"/members/{household['id']}/status", {"status": "active", "reason": "documents checked"}
    )

    first = registry.bus.handle(commands.SuspendExpiredHouseholds(date(2026, 1, 11)))
    second = registry.bus.handle(commands.SuspendExpiredHouseholds(date(2026, 1, 11)))

    assert first == [household["id"]] and second == []
    assert world.get(f"/members/{household['id']}").json["status"] == "suspended"
    [event] = [
        e
        for e in world.published("registry.member.status_changed")
        if e["member_id"] == household["id"] and e["status"] == "suspended"
    ]
    assert event["automatic"] is True


def test_the_day_of_expiry_itself_is_still_eligible(world):
    household = world.enrol(
        world.collegno, referral={"referred_by": "ASL", "referred_on": "2025-01-10"}
    )
    world.post(
        f"/members/{household['id']}/status", {"status": "active", "reason": "documents checked"}
    )
    assert world.registry.bus.handle(commands.SuspendExpiredHouseholds(date(2026, 1, 10))) == []


def test_people_are_first_names_and_replacing_them_publishes_the_new_size(world):
    response = world.put(
        f"/members/{world.household['id']}/people",
        {"people": [{"first_name": "Maria", "is_minor": False}]},
    )
    assert [p["first_name"] for p in response.json["people"]] == ["Maria"]
    last = world.published("registry.household.composition_changed")[-1]
    assert (last["adults"], last["minors"]) == (1, 0)
    shop = world.put(f"/members/{world.shop['id']}/people", {"people": []})
    assert shop.status_code == 409


def test_a_member_without_email_or_phone_is_normal(world):
    member = world.enrol(world.collegno, display_name="Signora Gina")
    assert member["email"] is None and member["phone"] is None
    card = world.post(f"/members/{member['id']}/cards")
    assert card.status_code == 201


def test_the_daily_command_suspends_expired_households(world):
    household = world.enrol(
        world.collegno, referral={"referred_by": "ASL", "referred_on": "2025-01-10"}
    )
    world.post(f"/members/{household['id']}/status", {"status": "active", "reason": "verified"})
    env = {**os.environ, **settings_to_env(world.settings), "FABENE_LOG_LEVEL": "WARNING"}
    command = [str(FABENE), "registry", "expire-eligibility", "--today", "2026-02-01"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.stdout.startswith("1 household(s) suspended"), first.stderr
    assert second.stdout.startswith("0 household(s) suspended")
