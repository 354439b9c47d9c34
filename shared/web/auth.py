"""The principal behind a request, from its ``Authorization: Bearer`` token."""

from __future__ import annotations

from flask import current_app, g, request

from shared.auth.principal import AuthenticationRequired, Principal
from shared.auth.tokens import TokenVerifier

EXTENSION = "fabene_token_verifier"


def current_principal() -> Principal:
    """The verified caller; AuthenticationRequired when there is none."""
    if "principal" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationRequired("a bearer token is required")
        verifier: TokenVerifier = current_app.extensions[EXTENSION]()
        g.principal = verifier.verify(token.strip())
    return g.principal


def require_principal() -> None:
    """A ``before_request`` hook: refuse anonymous callers before reading their input."""
    current_principal()
