"""Consent, export, erasure and the audit log."""

from __future__ import annotations

from sqlalchemy import text


def test_consent_is_recorded_with_its_date_and_the_notice_version(world):
    response = world.post(
        f"/members/{world.household['id']}/consents", {"notice_version": "2026-03"}, "household"
    )
    assert response.status_code == 201
    listed = world.get(f"/members/{world.household['id']}/consents", actor="operator_collegno")
    assert [(c["notice_version"], c["recorded_by"]) for c in listed.json] == [
        ("2026-03", world.household["id"])
    ]


def test_a_member_exports_their_data_and_a_neighbour_cannot(world):
    world.post(f"/members/{world.household['id']}/cards")
    world.post(f"/members/{world.household['id']}/consents", {"notice_version": "v1"})
    export = world.get(f"/members/{world.household['id']}/export", actor="household")
    assert export.status_code == 200
    document = export.json
    assert document["member"]["display_name"] == "Famiglia Rossi"
    assert [p["first_name"] for p in document["people"]] == ["Maria", "Luca"]
    assert len(document["cards"]) == 1 and len(document["consents"]) == 1
    assert "code_hash" not in str(document) and "password" not in str(document)
    assert (
        world.get(f"/members/{world.household['id']}/export", actor="other_household").status_code
        == 404
    )


def test_erasure_removes_personal_data_and_keeps_the_anonymous_facts(world):
    member_id = world.household["id"]
    card = world.post(f"/members/{member_id}/cards").json
    world.post(
        f"/members/{member_id}/login",
        {"email": "rossi@example.org", "password": "una-password-lunga"},
        "operator_collegno",
    )

    response = world.delete(f"/members/{member_id}", actor="operator_collegno")

    assert response.status_code == 204
    member = world.get(f"/members/{member_id}").json
    assert member["display_name"] == "(erased)"
    assert (member["phone"], member["people"], member["status"]) == (None, [], "exited")
    assert world.get(f"/cards/{card['id']}").json["status"] == "blocked"
    with world.registry.database.session() as session:
        dump = " ".join(
            str(row)
            for table in ("members", "people", "logins", "status_changes")
            for row in session.execute(text(f"SELECT * FROM {table}"))
        )
    for personal in ("Rossi", "1111111", "Maria", "Luca", "rossi@example.org"):
        assert personal not in dump
    [erased] = world.published("registry.member.erased")
    assert erased == {"member_id": member_id, "network_id": world.collegno["id"]}
    erased_again = world.delete(f"/members/{member_id}")
    assert erased_again.status_code == 409


def test_erasure_deletes_the_published_events_that_carry_the_members_data(world):
    member_id = world.household["id"]
    with world.registry.database.session() as session:
        session.execute(text("UPDATE outbox SET published_at = created_at"))
        session.commit()

    assert world.delete(f"/members/{member_id}", actor="operator_collegno").status_code == 204

    with world.registry.database.session() as session:
        payloads = " ".join(session.execute(text("SELECT payload FROM outbox")).scalars())
    assert "Rossi" not in payloads and "1111111" not in payloads
    assert member_id in payloads  # the erasure event itself, not yet published
    assert world.published("registry.member.erased")


def test_erasure_drops_the_unsent_events_that_carry_the_members_data_and_sends_the_rest(world):
    member_id = world.household["id"]

    def about_the_member(event_type):
        return [data for data in world.published(event_type) if data["member_id"] == member_id]

    assert about_the_member("registry.member.contact_changed")  # not sent yet: no relay here

    assert world.delete(f"/members/{member_id}", actor="operator_collegno").status_code == 204

    assert about_the_member("registry.member.contact_changed") == []
    assert about_the_member("registry.member.registered")  # ids only: still goes out, first
    assert about_the_member("registry.member.erased")
    others = world.published("registry.member.contact_changed")
    assert others and all(data["member_id"] != member_id for data in others)
    with world.registry.database.session() as session:
        payloads = " ".join(session.execute(text("SELECT payload FROM outbox")).scalars())
    assert "Rossi" not in payloads and "1111111" not in payloads


def test_only_operators_of_the_network_erase(world):
    assert world.delete(f"/members/{world.household['id']}", actor="household").status_code == 403
    assert (
        world.delete(f"/members/{world.household['id']}", actor="operator_rivoli").status_code
        == 404
    )


def test_the_audit_log_says_who_read_exported_or_changed_personal_data(world):
    member_id = world.household["id"]
    world.get(f"/members/{member_id}", actor="operator_collegno")
    world.get(f"/members/{member_id}/export", actor="household")
    world.delete(f"/members/{member_id}", actor="operator_collegno")

    log = world.get(
        f"/networks/{world.collegno['id']}/audit",
        actor="operator_collegno",
        query_string={"member_id": member_id},
    ).json
    actions = [(entry["action"], entry["actor_role"]) for entry in reversed(log["items"])]
    assert actions == [
        ("create", "admin"),
        ("read", "operator"),
        ("export", "citizen"),
        ("erase", "operator"),
    ]
    assert (
        world.get(f"/networks/{world.collegno['id']}/audit", actor="operator_rivoli").status_code
        == 403
    )
