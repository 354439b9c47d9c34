"""Reciprocity contracts between a household and its educator."""

from __future__ import annotations


def contract_terms(world, **changes) -> dict:
    return {
        "educator_id": world.educator["id"],
        "hours_per_month": 12,
        "activities": ["orto condiviso", "doposcuola"],
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        **changes,
    }


def sign(world, actor="educator", **changes):
    return world.post(
        f"/members/{world.household['id']}/contracts", contract_terms(world, **changes), actor
    )


def test_the_households_educator_signs_a_contract_and_it_is_published(world):
    response = sign(world)
    assert response.status_code == 201, response.json
    contract = response.json
    assert contract["hours_per_month"] == 12 and contract["status"] == "active"
    [event] = world.published("registry.contract.signed")
    assert event["contract_id"] == contract["id"]
    assert event["hours_per_month"] == 12 and event["revision"] == 1


def test_more_than_twenty_hours_needs_an_operators_override(world):
    refused = sign(world, hours_per_month=25)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "too_many_hours"
    educator_override = sign(world, hours_per_month=25, override=True)
    assert educator_override.status_code == 403
    allowed = sign(world, actor="operator_collegno", hours_per_month=25, override=True)
    assert allowed.status_code == 201


def test_an_educator_cannot_sign_for_a_household_that_is_not_theirs(world):
    response = world.post(
        f"/members/{world.other_household['id']}/contracts", contract_terms(world), "educator"
    )
    assert response.status_code == 404


def test_a_contract_changes_renews_and_ends_with_an_event_each_time(world):
    contract = sign(world).json
    changed = world.put(
        f"/contracts/{contract['id']}",
        {k: v for k, v in contract_terms(world, hours_per_month=8).items() if k != "educator_id"},
        actor="educator",
    )
    assert changed.json["hours_per_month"] == 8
    renewed = world.post(f"/contracts/{contract['id']}/renew", {"ends_on": "2027-06-30"})
    assert renewed.json["ends_on"] == "2027-06-30"
    ended = world.post(
        f"/contracts/{contract['id']}/end",
        {"ended_on": "2027-01-31", "reason": "the family moved"},
        actor="operator_collegno",
    )
    assert ended.json["status"] == "ended"
    assert [e["revision"] for e in world.published("registry.contract.changed")] == [2, 3]
    assert world.published("registry.contract.ended")[0]["ended_on"] == "2027-01-31"
    again = world.post(f"/contracts/{contract['id']}/renew", {"ends_on": "2028-01-01"})
    assert again.status_code == 409


def test_a_renewal_must_end_later_and_a_contract_must_end_after_it_starts(world):
    contract = sign(world).json
    assert (
        world.post(f"/contracts/{contract['id']}/renew", {"ends_on": "2026-06-30"}).status_code
        == 409
    )
    assert sign(world, ends_on="2025-12-31").status_code == 409


def test_the_household_reads_its_contracts_and_a_neighbour_cannot(world):
    contract = sign(world).json
    mine = world.get(f"/members/{world.household['id']}/contracts", actor="household")
    assert [c["id"] for c in mine.json] == [contract["id"]]
    assert world.get(f"/contracts/{contract['id']}", actor="other_household").status_code == 404
