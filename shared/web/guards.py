"""Input no service should ever store, refused before any view reads it.

PostgreSQL text cannot hold NUL characters; rather than a database error
(a 500), such a request gets a 422 with the usual error body.
"""

from __future__ import annotations

from flask import Flask, request

from shared.web.errors import error_response

_NUL_MARKERS = (b"\x00", b"\\u0000")


def init_guards(app: Flask) -> None:
    """Refuse requests carrying NUL characters in the body or the query string."""

    @app.before_request
    def refuse_nul_characters():
        body = request.get_data(cache=True)
        in_query = any("\x00" in value for values in request.args.listvalues() for value in values)
        if in_query or any(marker in body for marker in _NUL_MARKERS):
            return error_response(
                422,
                "invalid_request",
                "The request contains NUL characters, which are not allowed.",
            )
        return None
