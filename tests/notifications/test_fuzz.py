"""Generated requests against every operation of the notifications' OpenAPI document: no 500."""

from __future__ import annotations

from functools import partial

import schemathesis

from shared.auth.principal import Role
from tests.support.fuzzing import api_routes, never_a_server_error

EXAMPLES_PER_OPERATION = 50
API = "/notifications/api/v1"


def test_the_openapi_document_lists_every_route(web, notifications):
    documented = set(web.client.get(f"{API}/openapi.json").json["paths"])
    assert api_routes(notifications.create_app()) == documented


def test_no_notifications_operation_answers_with_a_server_error(web, enrol, token):
    member = enrol(language="ar")
    as_member = token(Role.CITIZEN, member.network_id, member.member_id)
    as_operator = token(Role.OPERATOR, member.network_id)
    inbox = web.client.get(f"{API}/members/{member.member_id}/inbox", headers=as_member).json
    ids = {
        "member_id": member.member_id,
        "network_id": member.network_id,
        "message_id": inbox["items"][0]["id"],
    }
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", web.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:
        headers = as_member if "/members/" in operation.path else as_operator
        never_a_server_error(operation, partial(dict, headers), ids, EXAMPLES_PER_OPERATION)()
