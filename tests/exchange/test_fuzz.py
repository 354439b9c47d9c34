"""Generated requests against every operation of the exchange's OpenAPI document: no 500."""

from __future__ import annotations

import re

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.support.town import new_key

EXAMPLES_PER_OPERATION = 25
TILL_PATHS = ("/api/v1/donations", "/api/v1/redemptions", "/api/v1/time-spends")


def test_the_openapi_document_lists_every_route(town):
    documented = set(town.running.client.get("/exchange/api/v1/openapi.json").json["paths"])
    routes = {
        re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
        for rule in town.exchange.create_app().url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and "openapi" not in rule.rule
    }
    assert routes == documented


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
        fuzz(operation, headers, ids)()


def fuzz(operation, headers: dict, ids: dict):
    """A Hypothesis test of one operation: generated requests, never a server error."""

    @given(case=operation.as_strategy(), real_ids=st.booleans())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_without_a_server_error(case, real_ids):
        if real_ids and case.path_parameters:
            case.path_parameters.update(
                {name: ids[name] for name in case.path_parameters if name in ids}
            )
        response = case.call(headers={**headers, "Idempotency-Key": new_key()})
        case.validate_response(response, checks=[not_a_server_error])

    return answers_without_a_server_error
