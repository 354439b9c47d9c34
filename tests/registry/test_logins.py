"""Logins: passwords for staff, one-time codes for citizens, refresh and logout."""

from __future__ import annotations

import jwt
import pytest


def token_request(world, email, password):
    return world.web.client.post(
        "/registry/api/v1/auth/token", json={"email": email, "password": password}
    )


@pytest.fixture
def educator_login(world):
    response = world.post(
        f"/members/{world.educator['id']}/login",
        {"email": "Anna@Collegno.example", "password": "una-password-lunga"},
        actor="operator_collegno",
    )
    assert response.status_code == 201, response.json
    return response.json


def claims_of(access_token: str) -> dict:
    return jwt.decode(access_token, options={"verify_signature": False})


def test_an_educator_logs_in_and_the_token_carries_role_and_network(world, educator_login):
    response = token_request(world, "anna@collegno.example", "una-password-lunga")
    assert response.status_code == 200
    claims = claims_of(response.json["access_token"])
    assert claims["role"] == "educator"
    assert claims["network_id"] == world.collegno["id"]
    assert claims["member_id"] == world.educator["id"]
    assert response.json["refresh_token"]


def test_only_an_administrator_gives_an_operator_a_login(world):
    operator = world.enrol(world.collegno, kind="operator", display_name="Operatore Piero")
    body = {"email": "piero@collegno.example", "password": "una-password-lunga"}
    by_operator = world.post(f"/members/{operator['id']}/login", body, "operator_collegno")
    assert by_operator.status_code == 403
    assert world.post(f"/members/{operator['id']}/login", body, "admin").status_code == 201
    taken = world.post(f"/members/{world.educator['id']}/login", body, "admin")
    assert taken.status_code == 409


def test_a_refresh_token_works_once_and_a_replay_ends_the_session(world, educator_login):
    first = token_request(world, "anna@collegno.example", "una-password-lunga").json
    client = world.web.client
    second = client.post(
        "/registry/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert second.status_code == 200
    replay = client.post(
        "/registry/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert replay.status_code == 401
    after_replay = client.post(
        "/registry/api/v1/auth/refresh", json={"refresh_token": second.json["refresh_token"]}
    )
    assert after_replay.status_code == 401, "the stolen family is revoked"


def test_logout_ends_the_session(world, educator_login):
    tokens = token_request(world, "anna@collegno.example", "una-password-lunga").json
    client = world.web.client
    assert (
        client.post(
            "/registry/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}
        ).status_code
        == 204
    )
    refreshed = client.post(
        "/registry/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401


def test_a_citizen_logs_in_with_a_code_sent_through_notifications(world):
    client = world.web.client
    asked = client.post("/registry/api/v1/auth/code", json={"phone": "333 111 1111"})
    assert asked.status_code == 202
    [event] = world.published("registry.login.code_requested")
    assert event["member_id"] == world.household["id"] and event["channel"] == "sms"
    wrong = client.post(
        "/registry/api/v1/auth/code/verify",
        json={
            "phone": "+39 333 1111111",
            "code": "000000" if event["code"] != "000000" else "111111",
        },
    )
    assert wrong.status_code == 401
    right = client.post(
        "/registry/api/v1/auth/code/verify",
        json={"phone": "+39 333 1111111", "code": event["code"]},
    )
    assert right.status_code == 200
    claims = claims_of(right.json["access_token"])
    assert (claims["role"], claims["member_id"]) == ("citizen", world.household["id"])
    used_again = client.post(
        "/registry/api/v1/auth/code/verify",
        json={"phone": "+39 333 1111111", "code": event["code"]},
    )
    assert used_again.status_code == 401


def test_asking_a_code_for_nobody_looks_the_same_and_sends_nothing(world):
    client = world.web.client
    response = client.post("/registry/api/v1/auth/code", json={"email": "nobody@example.org"})
    assert response.status_code == 202
    assert world.published("registry.login.code_requested") == []


def test_codes_are_limited_per_quarter_hour_and_wrong_ones_per_code(world):
    client = world.web.client
    for _ in range(5):
        client.post("/registry/api/v1/auth/code", json={"phone": "+39 333 1111111"})
    events = world.published("registry.login.code_requested")
    assert len(events) == 3
    for _ in range(5):
        client.post(
            "/registry/api/v1/auth/code/verify",
            json={
                "phone": "+39 333 1111111",
                "code": "999999" if events[-1]["code"] != "999999" else "000000",
            },
        )
    right_but_too_late = client.post(
        "/registry/api/v1/auth/code/verify",
        json={"phone": "+39 333 1111111", "code": events[-1]["code"]},
    )
    assert right_but_too_late.status_code == 401


@pytest.mark.parametrize(
    "body",
    [{}, {"phone": "+39 333 1111111", "email": "a@b.it"}, {"phone": "not a phone"}],
)
def test_a_code_request_names_a_phone_or_an_email(world, body):
    response = world.web.client.post("/registry/api/v1/auth/code", json=body)
    assert response.status_code == 422
