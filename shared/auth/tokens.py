"""Access tokens: JWTs signed by the registry with Ed25519, verified everywhere.

The algorithm is pinned on both sides (never read from the token), and
``exp``, ``iat``, ``aud``, ``iss`` and ``sub`` are required.
"""

from __future__ import annotations

import time
import uuid

import jwt

from shared.auth.principal import AuthenticationRequired, Principal, Role

ALGORITHM = "EdDSA"
REQUIRED_CLAIMS = ["exp", "iat", "aud", "iss", "sub"]


class TokenSigner:
    """Issues access tokens (the registry only)."""

    def __init__(self, private_key_pem: bytes, *, issuer: str, audience: str, ttl_seconds: int):
        self._key = private_key_pem
        self._issuer = issuer
        self._audience = audience
        self.ttl_seconds = ttl_seconds

    def issue(self, principal: Principal) -> str:
        now = int(time.time())
        claims = {
            "sub": principal.subject,
            "role": principal.role.value,
            "network_id": principal.network_id,
            "member_id": principal.member_id,
            "iss": self._issuer,
            "aud": self._audience,
            "iat": now,
            "exp": now + self.ttl_seconds,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)


class TokenVerifier:
    """Checks access tokens with the registry's public key."""

    def __init__(self, public_key_pem: bytes, *, issuer: str, audience: str) -> None:
        self._key = public_key_pem
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> Principal:
        """The principal a valid token names; AuthenticationRequired otherwise."""
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
            return Principal(
                subject=str(claims["sub"]),
                role=Role(claims["role"]),
                network_id=claims.get("network_id"),
                member_id=claims.get("member_id"),
            )
        except (jwt.InvalidTokenError, KeyError, ValueError) as error:
            raise AuthenticationRequired(f"invalid token: {error}") from error
