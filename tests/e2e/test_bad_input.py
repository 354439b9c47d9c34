"""Bad input to every endpoint of the slice: a 4xx with the JSON error body, never a 500."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

WRITE_ENDPOINTS = (
    "/registry/api/v1/auth/token",
    "/registry/api/v1/networks",
    "/registry/api/v1/members",
)
READ_ENDPOINTS = (
    "/registry/api/v1/networks",
    "/registry/api/v1/networks/{id}",
    "/registry/api/v1/members/{id}",
    "/exchange/api/v1/members/{id}/balances",
    "/notifications/api/v1/members/{id}/inbox",
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=12,
)
member_like = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["household", "shop", "alien", "", 7]),
        "network_id": st.one_of(st.uuids().map(str), st.text(max_size=40), st.integers()),
        "display_name": st.one_of(st.text(max_size=300), st.none(), st.integers()),
        "email": st.one_of(st.emails(), st.text(max_size=30), st.none()),
        "phone": st.one_of(st.from_regex(r"\+39 3[0-9]{9}", fullmatch=True), st.text(max_size=25)),
        "language": st.one_of(st.sampled_from(["it", "en", "xx"]), st.integers()),
        "balance": st.integers(),
        "status": st.just("active"),
    },
)


def assert_error_body(response, *allowed: int) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    if allowed:
        assert response.status_code in allowed, response.json
    error = response.json["error"]
    assert error["code"] and error["message"]


@pytest.fixture
def admin(web):
    return web.admin_headers()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(WRITE_ENDPOINTS), body=json_values)
def test_any_json_body_gets_an_answer_but_never_a_500(web, admin, path, body):
    response = web.client.post(path, json=body, headers=admin)
    assert response.status_code < 500, response.data[:300]
    if response.status_code >= 400:
        assert_error_body(response)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=member_like)
@example(body={"kind": "household", "network_id": str(uuid.uuid4()), "display_name": "0"})
def test_member_bodies_near_the_contract_are_accepted_or_refused_clearly(web, admin, body):
    response = web.client.post("/registry/api/v1/members", json=body, headers=admin)
    # 404: a well-formed body naming a network that does not exist ("no such network")
    assert response.status_code in (201, 403, 404, 422), response.json
    if response.status_code != 201:
        assert_error_body(response)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(READ_ENDPOINTS), identifier=st.text(max_size=60))
def test_any_identifier_in_a_path_is_a_404_or_an_answer(web, admin, path, identifier):
    from urllib.parse import quote

    response = web.client.get(path.format(id=quote(identifier, safe="")), headers=admin)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert_error_body(response, 404, 405)


@pytest.mark.parametrize("path", WRITE_ENDPOINTS)
@pytest.mark.parametrize(
    "data, content_type, expected",
    [
        ("{not json", "application/json", 400),
        ("[]", "application/json", 422),
        ("name=x", "application/x-www-form-urlencoded", 422),
        ("", "application/json", 422),
        ("null", "application/json", 422),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    web, admin, path, data, content_type, expected
):
    response = web.client.post(path, data=data, headers={**admin, "Content-Type": content_type})
    assert_error_body(response, expected)


def test_a_body_over_the_size_limit_is_refused(web, admin):
    huge = json.dumps({"name": "x" * (3 * 1024 * 1024), "town": "t"})
    response = web.client.post(
        "/registry/api/v1/networks",
        data=huge,
        headers={**admin, "Content-Type": "application/json"},
    )
    assert_error_body(response, 413)


@pytest.mark.parametrize(
    "extra",
    [{"balance": 100}, {"status": "active"}, {"id": "00000000-0000-4000-8000-000000000000"}],
)
def test_fields_a_client_may_not_set_are_refused_and_nothing_is_created(web, admin, extra):
    network = web.create_network(admin)
    body = {"kind": "household", "network_id": network["id"], "display_name": "Bianchi", **extra}
    response = web.client.post("/registry/api/v1/members", json=body, headers=admin)
    assert_error_body(response, 422)
    assert list(response.json["error"]["details"]["json"]) == list(extra)


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page_size=1000", "page_size=-1"])
def test_a_bad_page_query_is_refused(web, admin, query):
    member_id = "00000000-0000-4000-8000-000000000000"
    response = web.client.get(
        f"/notifications/api/v1/members/{member_id}/inbox?{query}", headers=admin
    )
    assert_error_body(response, 422)


def test_an_unknown_route_answers_with_the_error_body(web):
    assert_error_body(web.client.get("/registry/api/v1/nothing-here"), 404)
    assert_error_body(web.client.get("/nowhere"), 404)
    assert_error_body(web.client.delete("/registry/api/v1/networks"), 405)


@pytest.mark.parametrize(
    "path, body",
    [
        ("/registry/api/v1/networks", {"name": "Rete\u0000", "town": "x"}),
        ("/registry/api/v1/auth/token", {"email": "a@b.it", "password": "\u0000"}),
    ],
)
def test_nul_characters_are_refused_before_they_reach_the_database(web, admin, path, body):
    assert_error_body(web.client.post(path, json=body, headers=admin), 422)
    raw = web.client.post(
        path, data=b'{"name": "a\x00b"}', headers={**admin, "Content-Type": "application/json"}
    )
    assert 400 <= raw.status_code < 500
    query = web.client.get("/registry/api/v1/members?q=a%00b", headers=admin)
    assert_error_body(query, 422)
