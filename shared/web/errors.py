"""The JSON error body of DESIGN.md, for every error a service answers.

``{"error": {"code": "not_enough_credit", "message": "...", "details": {...}}}``.
Each service maps its own exception tree to a status and a code in one table;
HTTP errors (validation, unknown route, ...) get the same body.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import marshmallow as ma
from flask import Flask, jsonify
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from shared.auth.principal import AuthenticationRequired, PermissionDenied

log = logging.getLogger(__name__)

ErrorMapping = Mapping[type[Exception], tuple[int, str]]

STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    423: "locked",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}

SHARED_ERRORS: ErrorMapping = {
    AuthenticationRequired: (401, "unauthenticated"),
    PermissionDenied: (403, "forbidden"),
}


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.Str(required=True)
    message = ma.fields.Str(required=True)
    details = ma.fields.Dict()


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema, required=True)


def error_response(status: int, code: str, message: str, details: Any = None, headers=None):
    """A Flask response carrying the error body."""
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    response = jsonify({"error": body})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    response.headers.extend(headers or {})
    return response


class FabeneApi(Api):
    """flask-smorest's Api, answering HTTP errors with our error body."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        status = error.code or 500
        details = data.get("errors") or data.get("messages")
        message = data.get("message") or _http_message(status, error, details)
        return error_response(
            status, STATUS_CODES.get(status, "error"), message, details, data.get("headers")
        )


def register_error_mapping(app: Flask, mapping: ErrorMapping) -> None:
    """Answer each mapped exception with its status and code."""
    for exception_type, (status, code) in {**SHARED_ERRORS, **mapping}.items():
        app.register_error_handler(exception_type, _handler(status, code))
    app.register_error_handler(Exception, _unexpected)


def _handler(status: int, code: str):
    def handle(error: Exception):
        details = getattr(error, "details", None)
        return error_response(status, code, str(error) or code.replace("_", " "), details)

    return handle


def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return error
    log.exception("unexpected error")
    return error_response(500, "internal_error", "Something went wrong on our side.")


def _http_message(status: int, error: HTTPException, details: Any) -> str:
    if status == 422 and details:
        return "The request is not valid: see details."
    if status == 400 and details:
        return "The request body is not valid JSON."
    return error.description or error.name
