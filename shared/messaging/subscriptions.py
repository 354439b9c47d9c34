"""What a service consumes, and how an incoming event becomes one of its commands."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from shared.contracts import contract_for
from shared.messagebus import MessageBus
from shared.messaging.envelope import Envelope

log = logging.getLogger(__name__)

Translator = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Subscriptions:
    """Event types a service handles, each with its translator into a command."""

    translators: Mapping[str, Translator]

    @property
    def binding_keys(self) -> tuple[str, ...]:
        return tuple(sorted(self.translators))


class EventDispatcher:
    """Validates an envelope's data, translates it and hands the command to the bus."""

    def __init__(self, bus: MessageBus, subscriptions: Subscriptions) -> None:
        self._bus = bus
        self._translators = subscriptions.translators

    def __call__(self, envelope: Envelope) -> Any:
        translate = self._translators.get(envelope.type)
        if translate is None:
            log.debug("event type not handled here: %s", envelope.type)
            return None
        data = contract_for(envelope.type).parse(envelope.data)
        return self._bus.handle(translate(data), causation=envelope)
