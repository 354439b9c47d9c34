"""Generated requests against every operation of the exchange's OpenAPI document: no 500."""

from __future__ import annotations

from functools import partial

import schemathesis

from tests.support.fuzzing import api_routes, never_a_server_error
from tests.support.town import new_key

EXAMPLES_PER_OPERATION = 25
TILL_PATHS = ("/api/v1/donations", "/api/v1/redemptions", "/api/v1/time-spends")


def test_the_openapi_document_lists_every_route(town):
    documented = set(town.running.client.get("/exchange/api/v1/openapi.json").json["paths"])
    assert api_routes(town.exchange.create_app()) == documented


def test_no_exchange_operation_answers_with_a_server_error(town):
    town.grant(100_000)
    allocation = town.allocate(5_000).json
    sale = town.redeem(500).json
    ids = {
        "member_id": town.household["id"],
        "network_id": town.network["id"],
        "shop_id": town.shop["id"],
        "card_number": town.card_number,
        "transaction_id": sale["transaction_id"],
        "entry_id": allocation["transaction_id"],
    }
    schema = schemathesis.openapi.from_wsgi("/exchange/api/v1/openapi.json", town.running.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:
        headers = town.till if operation.path in TILL_PATHS else town.operator
        with_a_new_key = partial(_with_a_new_key, headers)
        never_a_server_error(operation, with_a_new_key, ids, EXAMPLES_PER_OPERATION)()


def _with_a_new_key(headers: dict) -> dict:
    return {**headers, "Idempotency-Key": new_key()}
