"""Generated requests against one operation of an OpenAPI document: never a server error."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error


def never_a_server_error(operation, headers: Callable[[], dict], ids: dict, examples: int):
    """A Hypothesis test of ``operation``; ``headers()`` is called for each request.

    Half of the cases have their path's ids replaced by ``ids`` (real objects),
    so generated requests also reach past the 404.
    """

    @given(case=operation.as_strategy(), real_ids=st.booleans())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_without_a_server_error(case, real_ids):
        if real_ids and case.path_parameters:
            case.path_parameters.update(
                {name: ids[name] for name in case.path_parameters if name in ids}
            )
        response = case.call(headers=headers())
        case.validate_response(response, checks=[not_a_server_error])

    return answers_without_a_server_error


def api_routes(app) -> set[str]:
    """The app's ``/api/v1/`` routes as an OpenAPI document names them (``{member_id}``)."""
    return {
        re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and "openapi" not in rule.rule
    }
