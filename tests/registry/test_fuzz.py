"""Generated requests against every operation of the registry's OpenAPI document: no 500."""

from __future__ import annotations

import schemathesis

from tests.support.fuzzing import api_routes, never_a_server_error

EXAMPLES_PER_OPERATION = 25


def test_the_openapi_document_lists_every_route(world):
    documented = set(world.web.client.get("/registry/api/v1/openapi.json").json["paths"])
    assert api_routes(world.registry.create_app()) == documented


def known_ids(world) -> dict[str, str]:
    """Ids of real objects, so generated requests also reach past the 404."""
    card = world.post(f"/members/{world.household['id']}/cards").json
    device = world.post(f"/members/{world.shop['id']}/devices", {"label": "Cassa"}).json
    market = world.post(
        f"/networks/{world.collegno['id']}/markets", {"name": "Mercato", "address": "Piazza"}
    ).json
    contract = world.post(
        f"/members/{world.household['id']}/contracts",
        {
            "educator_id": world.educator["id"],
            "hours_per_month": 10,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    ).json
    return {
        "network_id": world.collegno["id"],
        "member_id": world.household["id"],
        "household_id": world.household["id"],
        "shop_id": world.shop["id"],
        "card_id": card["id"],
        "device_id": device["device_id"],
        "market_id": market["id"],
        "contract_id": contract["id"],
    }


def test_no_registry_operation_answers_with_a_server_error(world):
    schema = schemathesis.openapi.from_wsgi("/registry/api/v1/openapi.json", world.web.app)
    headers = world.as_("operator_collegno")
    ids = known_ids(world)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30

    for operation in operations:
        never_a_server_error(operation, lambda: headers, ids, EXAMPLES_PER_OPERATION)()
