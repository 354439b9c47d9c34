"""Who calls the exchange: people with the registry's tokens, and shop tills with theirs.

A till's token is ``fbd.<device_id>.<secret>``; the exchange knows the
SHA-256 of each from the registry's events, so it checks tills locally. A
busy till sends a request every few seconds; each web process keeps what it
read of a device for ``DEVICE_CACHE_SECONDS``, so a revocation the exchange
has heard of holds everywhere within that much more.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from shared.auth.principal import AuthenticationRequired, Principal, Role
from shared.db import Database
from shared.web.auth import Authenticator

from ..domain.directory import Device, DeviceStatus

DEVICE_TOKEN_PREFIX = "fbd."
DEVICE_CACHE_SECONDS = 2.0


def exchange_authenticator(database: Database, access_tokens: Authenticator) -> Authenticator:
    """Device tokens are checked here; anything else is a registry access token."""
    devices = _RecentDevices(database)

    def authenticate(token: str) -> Principal:
        if token.startswith(DEVICE_TOKEN_PREFIX):
            return _device(devices, token)
        return access_tokens(token)

    return authenticate


class _RecentDevices:
    """Devices by id as read in the last ``DEVICE_CACHE_SECONDS`` (unknown ids are not kept)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._read: dict[str, tuple[float, Device]] = {}

    def get(self, device_id: str) -> Device | None:
        now = time.monotonic()
        read_at, device = self._read.get(device_id, (None, None))
        if read_at is None or now - read_at > DEVICE_CACHE_SECONDS:
            with self._database.session() as session:
                device = session.get(Device, device_id)
            if device is not None:  # detached when the session closed, its fields loaded
                self._read[device_id] = (now, device)
        return device


def _device(devices: _RecentDevices, token: str) -> Principal:
    device_id = token.split(".")[1] if token.count(".") >= 2 else ""
    device = devices.get(device_id) if len(device_id) == 36 else None
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
