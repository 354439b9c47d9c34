"""Shop till devices: a tablet or phone at a stall, with its own secret token.

The token is shown once, when the operator registers the device; only its
SHA-256 is kept (and published, so the exchange can check a till's token
without asking the registry). A random 256-bit secret needs no slow hash.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from shared.correlation import new_id

from .errors import NotAllowedForKind
from .events import DeviceRegistered, DeviceRevoked
from .members import Member, MemberKind

TOKEN_PREFIX = "fbd"


class DeviceStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Device:
    id: str
    shop_id: str
    network_id: str
    label: str
    token_sha256: str
    status: DeviceStatus
    registered_at: datetime
    revoked_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def register(cls, shop: Member, label: str) -> tuple[Device, str]:
        """A new device for a shop, and its token (to show once)."""
        if shop.kind is not MemberKind.SHOP:
            raise NotAllowedForKind("till devices belong to shops")
        device_id = new_id()
        token = f"{TOKEN_PREFIX}.{device_id}.{secrets.token_urlsafe(32)}"
        device = cls(
            id=device_id,
            shop_id=shop.id,
            network_id=shop.network_id,
            label=label,
            token_sha256=token_sha256(token),
            status=DeviceStatus.ACTIVE,
            registered_at=datetime.now(UTC),
        )
        device.events.append(
            DeviceRegistered(device.id, shop.id, shop.network_id, device.token_sha256)
        )
        return device, token

    def revoke(self) -> None:
        if self.status is DeviceStatus.REVOKED:
            return
        self.status = DeviceStatus.REVOKED
        self.revoked_at = datetime.now(UTC)
        self.events.append(DeviceRevoked(self.id, self.shop_id, self.network_id))
