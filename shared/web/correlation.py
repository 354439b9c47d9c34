"""Correlation ids for HTTP: taken from ``X-Correlation-ID`` or made, and echoed."""

from __future__ import annotations

import re

from flask import Flask, g, request

from shared.correlation import bind, new_id, unbind

HEADER = "X-Correlation-ID"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def init_correlation(app: Flask) -> None:
    """Bind every request to a correlation id for its logs and events."""

    @app.before_request
    def bind_request() -> None:
        given = request.headers.get(HEADER, "")
        g.correlation_id = given if _ACCEPTABLE.match(given) else new_id()
        g.correlation_binding = bind(g.correlation_id)

    @app.after_request
    def echo(response):
        if "correlation_id" in g:
            response.headers[HEADER] = g.correlation_id
        return response

    @app.teardown_request
    def unbind_request(_error) -> None:
        binding = g.pop("correlation_binding", None)
        if binding:
            unbind(binding)
