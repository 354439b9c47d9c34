"""The notifications API: preferences, the inbox and the delivery log, and who may see them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.auth.principal import Role

API = "/notifications/api/v1"


@pytest.fixture
def household(enrol, token):
    member = enrol(language="it")
    return member, token(Role.CITIZEN, member.network_id, member.member_id)


def preferences_url(member) -> str:
    return f"{API}/members/{member.member_id}/preferences"


CHOICE = {
    "channels": ["sms", "inbox"],
    "language": "en",
    "quiet_hours": {"start": "22:00", "end": "07:30"},
    "muted_topics": ["welcome"],
    "opted_in_topics": ["purchase_receipt"],
}


def test_a_member_reads_the_defaults_then_sets_their_own_preferences(web, household):
    member, as_member = household
    defaults = web.client.get(preferences_url(member), headers=as_member)
    assert defaults.status_code == 200
    assert defaults.json == {
        "member_id": member.member_id,
        "channels": ["email", "inbox", "sms"],
        "language": "it",
        "quiet_hours": {"start": "21:00", "end": "08:00"},
        "muted_topics": [],
        "opted_in_topics": [],
        "customised": False,
        "updated_at": None,
    }
    changed = web.client.put(preferences_url(member), json=CHOICE, headers=as_member)
    assert changed.status_code == 200, changed.json
    again = web.client.get(preferences_url(member), headers=as_member).json
    assert again == changed.json
    assert again["channels"] == ["inbox", "sms"] and again["language"] == "en"
    assert again["quiet_hours"] == {"start": "22:00", "end": "07:30"}
    assert again["muted_topics"] == ["welcome"] and again["customised"]
    assert again["opted_in_topics"] == ["purchase_receipt"]


def test_no_quiet_hours_and_the_registrys_language_are_chosen_with_null(web, household):
    member, as_member = household
    body = {"channels": ["email"], "language": None, "quiet_hours": None}
    answer = web.client.put(preferences_url(member), json=body, headers=as_member).json
    assert (answer["language"], answer["quiet_hours"], answer["muted_topics"]) == ("it", None, [])


def test_only_the_member_and_their_networks_operators_see_their_preferences(web, household, token):
    member, _ = household
    allowed = [
        token(Role.OPERATOR, member.network_id),
        token(Role.ADMIN),
    ]
    refused = [
        token(Role.OPERATOR, str(uuid.uuid4())),
        token(Role.CITIZEN, member.network_id, str(uuid.uuid4())),
        token(Role.EDUCATOR, member.network_id),
    ]
    for headers in allowed:
        assert web.client.get(preferences_url(member), headers=headers).status_code == 200
        assert (
            web.client.put(preferences_url(member), json=CHOICE, headers=headers).status_code == 200
        )
    for headers in refused:
        for response in (
            web.client.get(preferences_url(member), headers=headers),
            web.client.put(preferences_url(member), json=CHOICE, headers=headers),
        ):
            assert response.status_code == 404
            assert response.json["error"]["code"] == "not_found"
    assert web.client.get(preferences_url(member)).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {**CHOICE, "balance": 100},
        {**CHOICE, "quiet_hours": {"start": "22:00", "end": "07:30", "network_id": "x"}},
        {**CHOICE, "channels": ["fax"]},
        {**CHOICE, "language": "de"},
        {**CHOICE, "muted_topics": ["login_code"]},
        {**CHOICE, "muted_topics": ["card_locked"]},
        {**CHOICE, "opted_in_topics": ["credits_allocated"]},
        {**CHOICE, "quiet_hours": {"start": "25:00", "end": "07:30"}},
        {**CHOICE, "quiet_hours": {"start": "07:30", "end": "07:30"}},
        {key: value for key, value in CHOICE.items() if key != "channels"},
    ],
    ids=[
        "unknown",
        "nested-unknown",
        "channel",
        "language",
        "essential",
        "card-locked",
        "not-opt-in",
        "clock",
        "empty",
        "missing",
    ],
)
def test_a_bad_preferences_body_is_refused_and_changes_nothing(web, household, body):
    member, as_member = household
    response = web.client.put(preferences_url(member), json=body, headers=as_member)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_request"
    assert not web.client.get(preferences_url(member), headers=as_member).json["customised"]


def test_the_inbox_counts_unread_messages_and_marks_one_read(web, household, token):
    member, as_member = household
    inbox = f"{API}/members/{member.member_id}/inbox"
    page = web.client.get(inbox, headers=as_member).json
    [message] = page["items"]
    assert (message["language"], message["right_to_left"], page["unread"]) == ("it", False, 1)
    read = web.client.post(f"{inbox}/{message['id']}/read", headers=as_member)
    assert read.status_code == 200 and read.json["read_at"]
    assert web.client.get(f"{inbox}/unread", headers=as_member).json == {"unread": 0}
    assert web.client.post(f"{inbox}/{message['id']}/read", headers=as_member).status_code == 200
    stranger = token(Role.CITIZEN, member.network_id, str(uuid.uuid4()))
    assert web.client.post(f"{inbox}/{message['id']}/read", headers=stranger).status_code == 404
    assert web.client.get(f"{inbox}/unread", headers=stranger).status_code == 404
    assert web.client.post(f"{inbox}/{uuid.uuid4()}/read", headers=as_member).status_code == 404


def test_an_arabic_message_says_it_is_right_to_left(web, enrol, token):
    member = enrol(language="ar")
    as_member = token(Role.CITIZEN, member.network_id, member.member_id)
    [message] = web.client.get(f"{API}/members/{member.member_id}/inbox", headers=as_member).json[
        "items"
    ]
    assert (message["language"], message["right_to_left"]) == ("ar", True)


@pytest.fixture
def network_log(enrol, deliver, dispatcher, sms_gateway):
    """One network: two members welcomed, one of them with a number the provider refuses."""
    network_id = str(uuid.uuid4())
    enrol(network_id=network_id, email=None, phone="+393330000001")
    refused = enrol(network_id=network_id, email=None, phone="0039 bad")
    deliver(
        "registry.login.code_requested",
        member_id=refused.member_id,
        network_id=network_id,
        code="482913",
        channel="sms",
        expires_at=(datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
    )
    dispatcher.run_once()
    return network_id


def test_operators_see_their_networks_delivery_counts_per_channel_and_status(
    web, network_log, token
):
    stats = web.client.get(
        f"{API}/networks/{network_log}/deliveries/stats",
        headers=token(Role.OPERATOR, network_log),
    )
    assert stats.status_code == 200, stats.json
    assert stats.json["total"] == 5
    assert stats.json["by_channel"]["inbox"]["sent"] == 2
    assert stats.json["by_channel"]["sms"]["sent"] == 1
    assert stats.json["by_channel"]["sms"]["given_up"] == 2
    assert stats.json["by_channel"]["email"] == dict.fromkeys(
        ["queued", "sending", "sent", "failed", "given_up"], 0
    )
    assert stats.json["by_topic"] == {
        "login_code": {"inbox": 0, "email": 0, "sms": 1},
        "welcome": {"inbox": 2, "email": 0, "sms": 2},
    }


def test_a_period_with_nothing_in_it_counts_nothing(web, network_log, token):
    long_ago = {"since": "2020-01-01T00:00:00Z", "until": "2020-02-01T00:00:00Z"}
    stats = web.client.get(
        f"{API}/networks/{network_log}/deliveries/stats",
        query_string=long_ago,
        headers=token(Role.ADMIN),
    )
    assert stats.status_code == 200 and stats.json["total"] == 0
    backwards = {"since": "2020-02-01T00:00:00Z", "until": "2020-01-01T00:00:00Z"}
    assert (
        web.client.get(
            f"{API}/networks/{network_log}/deliveries/stats",
            query_string=backwards,
            headers=token(Role.ADMIN),
        ).status_code
        == 422
    )


def test_the_failures_list_shows_what_failed_and_why_but_no_bodies_codes_or_numbers(
    web, network_log, token
):
    listed = web.client.get(
        f"{API}/networks/{network_log}/deliveries", headers=token(Role.OPERATOR, network_log)
    )
    assert listed.status_code == 200
    assert listed.json["total"] == 2
    assert {item["topic"] for item in listed.json["items"]} == {"welcome", "login_code"}
    assert {item["status"] for item in listed.json["items"]} == {"given_up"}
    text = listed.get_data(as_text=True)
    assert "482913" not in text and "0039" not in text
    assert not {"params", "address", "body"} & set(listed.json["items"][0])


def test_another_networks_operator_sees_none_of_its_delivery_log(web, network_log, token):
    outsider = token(Role.OPERATOR, str(uuid.uuid4()))
    for path in ("deliveries/stats", "deliveries"):
        response = web.client.get(f"{API}/networks/{network_log}/{path}", headers=outsider)
        assert response.status_code == 404
    citizen = token(Role.CITIZEN, network_log, str(uuid.uuid4()))
    assert (
        web.client.get(f"{API}/networks/{network_log}/deliveries", headers=citizen).status_code
        == 404
    )


def test_every_endpoint_is_in_the_openapi_document(web):
    paths = web.client.get(f"{API}/openapi.json").json["paths"]
    assert {
        "/api/v1/members/{member_id}/inbox",
        "/api/v1/members/{member_id}/inbox/unread",
        "/api/v1/members/{member_id}/inbox/{message_id}/read",
        "/api/v1/members/{member_id}/preferences",
        "/api/v1/networks/{network_id}/deliveries",
        "/api/v1/networks/{network_id}/deliveries/stats",
    } <= set(paths)
    assert {"get", "put"} <= set(paths["/api/v1/members/{member_id}/preferences"])
