"""The notifications service's parts: a Service that also has a delivery dispatcher."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.service import Service

from .dispatcher import DeliveryDispatcher


@dataclass
class NotificationsService(Service):
    dispatcher_factory: Callable[..., DeliveryDispatcher] | None = None

    def dispatcher(self, **options: Any) -> DeliveryDispatcher:
        """A dispatcher of this service's deliveries; keywords replace its parts (tests)."""
        assert self.dispatcher_factory is not None
        return self.dispatcher_factory(**options)
