"""The principal behind a request, from its ``Authorization: Bearer`` token.

Every service accepts the registry's signed access tokens; a service may add
its own kind of token (the exchange accepts shop tills' device tokens).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, request

from shared.auth.principal import AuthenticationRequired, Principal
from shared.auth.tokens import TokenVerifier

EXTENSION = "fabene_authenticate"

Authenticator = Callable[[str], Principal]


def access_token_authenticator(verifier: Callable[[], TokenVerifier]) -> Authenticator:
    """Authenticate the registry's access tokens, read with its public key."""
    return lambda token: verifier().verify(token)


def current_principal() -> Principal:
    """The verified caller; AuthenticationRequired when there is none."""
    if "principal" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationRequired("a bearer token is required")
        authenticate: Authenticator = current_app.extensions[EXTENSION]
        g.principal = authenticate(token.strip())
    return g.principal


def require_principal() -> None:
    """A ``before_request`` hook: refuse anonymous callers before reading their input."""
    current_principal()
