"""Likely duplicates are caught before enrolment, and records of one person merge."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "first, second",
    [
        ({"phone": "+39 333 2222222"}, {"phone": "333-222-2222"}),
        ({"email": "famiglia@example.org"}, {"email": "Famiglia@Example.org"}),
        (
            {"display_name": "Giuseppe Verdì", "birth_year": 1971},
            {"display_name": "  giuseppe  verdi ", "birth_year": 1971},
        ),
    ],
)
def test_a_likely_duplicate_is_refused_with_the_candidates_until_confirmed(world, first, second):
    existing = world.enrol(world.collegno, **first)
    response = world.post(
        "/members",
        {
            "kind": "household",
            "network_id": world.collegno["id"],
            "display_name": "Someone",
            **second,
        },
    )
    assert response.status_code == 409
    assert response.json["error"]["code"] == "likely_duplicate"
    candidates = response.json["error"]["details"]["candidates"]
    assert [c["id"] for c in candidates] == [existing["id"]]
    confirmed = world.enrol(
        world.collegno, confirm_not_duplicate=True, **{"display_name": "Someone", **second}
    )
    assert confirmed["id"] != existing["id"]


def test_the_same_phone_in_another_network_is_not_a_duplicate(world):
    world.enrol(world.collegno, phone="+39 347 5555555")
    assert world.enrol(world.rivoli, phone="+39 347 5555555")


def test_the_same_name_with_another_birth_year_is_not_a_duplicate(world):
    world.enrol(world.collegno, display_name="Mario Rossi", birth_year=1960)
    assert world.enrol(world.collegno, display_name="Mario Rossi", birth_year=1990)


def test_merging_keeps_one_record_and_publishes_the_merge(world):
    kept = world.enrol(world.collegno, display_name="Famiglia Neri")
    duplicate = world.enrol(
        world.collegno,
        display_name="Fam. Neri",
        phone="+39 320 7777777",
        people=[{"first_name": "Olga", "is_minor": False}],
        confirm_not_duplicate=True,
    )
    card = world.post(f"/members/{duplicate['id']}/cards").json

    response = world.post(
        f"/members/{kept['id']}/merge", {"duplicate_id": duplicate["id"]}, "operator_collegno"
    )

    assert response.status_code == 200
    assert response.json["phone"] == "+39 320 7777777"
    assert [p["first_name"] for p in response.json["people"]] == ["Olga"]
    gone = world.get(f"/members/{duplicate['id']}").json
    assert (gone["status"], gone["merged_into"]) == ("exited", kept["id"])
    assert world.get(f"/cards/{card['id']}").json["status"] == "blocked"
    [merged] = world.published("registry.member.merged")
    assert (merged["kept_member_id"], merged["merged_member_id"]) == (kept["id"], duplicate["id"])


def test_records_of_different_networks_or_kinds_do_not_merge(world):
    other_town = world.enrol(world.rivoli)
    response = world.post(
        f"/members/{world.household['id']}/merge", {"duplicate_id": other_town["id"]}
    )
    assert response.status_code == 409
    shop = world.post(f"/members/{world.household['id']}/merge", {"duplicate_id": world.shop["id"]})
    assert shop.status_code == 409
