"""Small helpers of the notifications tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.notifications.domain.deliveries import Delivery


class Clock:
    """The dispatcher's idea of now, moved by the test instead of waited for."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class Member:
    member_id: str
    network_id: str
    email: str | None
    phone: str | None


def by_channel(deliveries: list[Delivery]) -> dict[str, Delivery]:
    return {delivery.channel.value: delivery for delivery in deliveries}
