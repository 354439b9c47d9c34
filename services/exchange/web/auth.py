"""Who calls the exchange: people with the registry's tokens, and shop tills with theirs.

A till's token is ``fbd.<device_id>.<secret>``; the exchange knows the
SHA-256 of each from the registry's events, so it checks tills locally.
"""

from __future__ import annotations

import hashlib
import hmac

from shared.auth.principal import AuthenticationRequired, Principal, Role
from shared.db import Database
from shared.web.auth import Authenticator

from ..domain.directory import Device, DeviceStatus

DEVICE_TOKEN_PREFIX = "fbd."


def exchange_authenticator(database: Database, access_tokens: Authenticator) -> Authenticator:
    """Device tokens are checked here; anything else is a registry access token."""

    def authenticate(token: str) -> Principal:
        if token.startswith(DEVICE_TOKEN_PREFIX):
            return _device(database, token)
        return access_tokens(token)

    return authenticate


def _device(database: Database, token: str) -> Principal:
    device_id = token.split(".")[1] if token.count(".") >= 2 else ""
    with database.session() as session:
        device = session.get(Device, device_id) if len(device_id) == 36 else None
    digest = hashlib.sha256(token.encode()).hexdigest()
    if (
        device is None
        or device.status is not DeviceStatus.ACTIVE
        or not hmac.compare_digest(device.token_sha256, digest)
    ):
        raise AuthenticationRequired("this till is not registered, or was revoked")
    return Principal(
        subject=device.device_id,
        role=Role.DEVICE,
        network_id=device.network_id,
        member_id=device.shop_id,
    )
