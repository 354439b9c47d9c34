"""Every principal against every registry endpoint: nobody sees or changes what is not theirs.

For each endpoint the callers not allowed go first and must be refused
(401, 403 or 404: never a 2xx, nor a 409 or 422 that would reveal the
object) without a single event published; then the allowed callers must get
past authorisation.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

ACTORS = (
    "anonymous",
    "admin",
    "operator_collegno",
    "operator_rivoli",
    "educator",
    "household",
    "other_household",
    "shop",
)
DENIED = {401, 403, 404}
ADMIN_AND_OPERATOR = {"admin", "operator_collegno"}
STAFF = ADMIN_AND_OPERATOR | {"educator"}
HOUSEHOLD_VIEW = STAFF | {"household"}
COLLEGNO = set(ACTORS) - {"anonymous", "operator_rivoli"}
CONTRACT = {
    "hours_per_month": 10,
    "activities": ["orto"],
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
}

# (method, path, body, who may): {ids} in the path are filled from the world.
MATRIX = [
    ("get", "/networks/{collegno}", None, COLLEGNO),
    ("patch", "/networks/{collegno}", {"eligibility_months": 12}, ADMIN_AND_OPERATOR),
    (
        "get",
        "/networks/{collegno}/markets",
        None,
        ACTORS_IN := set(ACTORS) - {"anonymous", "operator_rivoli"},
    ),
    ("post", "/networks/{collegno}/markets", {"name": "M", "address": "A"}, ADMIN_AND_OPERATOR),
    ("put", "/markets/{market}", {"name": "M2", "address": "A"}, ADMIN_AND_OPERATOR),
    ("get", "/networks/{collegno}/households/expiring", None, ADMIN_AND_OPERATOR),
    ("get", "/networks/{collegno}/audit", None, ADMIN_AND_OPERATOR),
    ("get", "/members", None, STAFF | {"operator_rivoli"}),
    ("get", "/members/{household}", None, HOUSEHOLD_VIEW),
    (
        "put",
        "/members/{household}/contact",
        {"display_name": "Famiglia Rossi", "language": "it", "phone": "+39 333 1111111"},
        ADMIN_AND_OPERATOR | {"household"},
    ),
    (
        "post",
        "/members/{household}/login",
        {"email": "rossi@example.org", "password": "una-password-lunga"},
        ADMIN_AND_OPERATOR,
    ),
    ("get", "/members/{household}/status", None, HOUSEHOLD_VIEW),
    (
        "post",
        "/members/{household}/status",
        {"status": "active", "reason": "verified"},
        ADMIN_AND_OPERATOR,
    ),
    ("put", "/members/{household}/people", {"people": []}, ADMIN_AND_OPERATOR),
    (
        "put",
        "/members/{household}/referral",
        {"referred_by": "ASL", "referred_on": "2026-01-01"},
        ADMIN_AND_OPERATOR,
    ),
    ("put", "/members/{household}/educator", {"educator_id": "{educator}"}, ADMIN_AND_OPERATOR),
    (
        "put",
        "/members/{shop}/shop-profile",
        {"shop_type": "stall", "accepts_time": False},
        ADMIN_AND_OPERATOR,
    ),
    ("post", "/members/{household}/merge", {"duplicate_id": "{duplicate}"}, ADMIN_AND_OPERATOR),
    ("get", "/members/{household}/export", None, ADMIN_AND_OPERATOR | {"household"}),
    ("get", "/members/{household}/consents", None, HOUSEHOLD_VIEW),
    (
        "post",
        "/members/{household}/consents",
        {"notice_version": "v1"},
        ADMIN_AND_OPERATOR | {"household"},
    ),
    ("get", "/members/{household}/cards", None, HOUSEHOLD_VIEW),
    ("post", "/members/{other_household}/cards", None, ADMIN_AND_OPERATOR),
    ("get", "/cards/{card}", None, HOUSEHOLD_VIEW),
    ("get", "/cards/{card}/qr.svg", None, HOUSEHOLD_VIEW),
    ("post", "/cards/{card}/replace", {"reason": "damaged"}, ADMIN_AND_OPERATOR),
    ("post", "/cards/{card}/block", {"reason": "lost"}, ADMIN_AND_OPERATOR | {"household"}),
    ("get", "/members/{shop}/devices", None, ADMIN_AND_OPERATOR | {"shop"}),
    ("post", "/members/{shop}/devices", {"label": "Cassa"}, ADMIN_AND_OPERATOR),
    ("post", "/devices/{device}/revoke", None, ADMIN_AND_OPERATOR),
    ("get", "/members/{household}/contracts", None, HOUSEHOLD_VIEW),
    ("post", "/members/{household}/contracts", {**CONTRACT, "educator_id": "{educator}"}, STAFF),
    ("get", "/contracts/{contract}", None, HOUSEHOLD_VIEW),
    ("put", "/contracts/{contract}", CONTRACT, STAFF),
    ("post", "/contracts/{contract}/renew", {"ends_on": "2027-12-31"}, STAFF),
    (
        "post",
        "/contracts/{contract}/end",
        {"ended_on": "2027-06-30", "reason": "moved away"},
        STAFF,
    ),
    ("delete", "/members/{erasable}", None, ADMIN_AND_OPERATOR),
]


@pytest.fixture
def objects(world) -> dict[str, str]:
    contract = world.post(
        f"/members/{world.household['id']}/contracts",
        {**CONTRACT, "educator_id": world.educator["id"]},
    ).json
    return {
        "collegno": world.collegno["id"],
        "household": world.household["id"],
        "other_household": world.other_household["id"],
        "shop": world.shop["id"],
        "educator": world.educator["id"],
        "duplicate": world.enrol(world.collegno, display_name="Doppione")["id"],
        "erasable": world.enrol(world.collegno, display_name="Da cancellare")["id"],
        "market": world.post(
            f"/networks/{world.collegno['id']}/markets", {"name": "Mercato", "address": "Piazza"}
        ).json["id"],
        "card": world.post(f"/members/{world.household['id']}/cards").json["id"],
        "device": world.post(f"/members/{world.shop['id']}/devices", {"label": "T"}).json[
            "device_id"
        ],
        "contract": contract["id"],
    }


def fill(value, objects):
    if isinstance(value, str):
        return value.format(**objects)
    if isinstance(value, dict):
        return {key: fill(item, objects) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, objects) for item in value]
    return value


def events_published(world) -> int:
    with world.registry.database.session() as session:
        return session.scalar(select(func.count()).select_from(world.registry.outbox))


def call(world, method, path, body, actor):
    return getattr(world.web.client, method)(
        f"/registry/api/v1{path}", json=body, headers=world.as_(actor)
    )


def test_every_principal_against_every_endpoint(world, objects):
    unauthorised_successes, refused_allowed = [], []
    for method, template, body_template, allowed in MATRIX:
        path, body = fill(template, objects), fill(body_template, objects)
        for actor in sorted(set(ACTORS) - allowed):
            before = events_published(world)
            response = call(world, method, path, body, actor)
            if response.status_code not in DENIED or events_published(world) != before:
                unauthorised_successes.append((method, template, actor, response.status_code))
        for actor in sorted(allowed):
            response = call(world, method, path, body, actor)
            if response.status_code in DENIED:
                refused_allowed.append((method, template, actor, response.status_code))
    assert unauthorised_successes == []
    assert refused_allowed == []


def test_an_import_is_only_for_the_networks_operators(world):
    for actor in sorted(set(ACTORS) - ADMIN_AND_OPERATOR):
        response = world.web.client.post(
            f"/registry/api/v1/networks/{world.collegno['id']}/imports",
            data={"file": (io.BytesIO(b"kind,display_name\nshop,Bar\n"), "x.csv")},
            headers=world.as_(actor),
            content_type="multipart/form-data",
        )
        assert response.status_code in DENIED, actor


def test_network_listings_show_each_caller_only_their_own(world):
    for actor, expected in [
        ("admin", {"Collegno", "Rivoli"}),
        ("operator_collegno", {"Collegno"}),
        ("operator_rivoli", {"Rivoli"}),
        ("household", {"Collegno"}),
    ]:
        names = {network["name"] for network in world.get("/networks", actor=actor).json}
        assert names == expected, actor
