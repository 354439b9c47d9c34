"""What a service consumes, and how an incoming event becomes one of its commands."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
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
        self._one_by_one: set[str] = set()  # event types found to have no batch handler

    def __call__(self, envelope: Envelope) -> Any:
        command = self._command_for(envelope)
        if command is None:
            log.debug("event type not handled here: %s", envelope.type)
            return None
        return self._bus.handle(command, causation=envelope)

    def handle_many(self, envelopes: Sequence[Envelope]) -> bool:
        """Handle events whose commands have a batch handler in one unit of work.

        False, having done nothing, when they do not all become commands of one
        such type; the caller then hands them over one by one. Raises, having
        committed nothing, when the data of one is invalid or the handler fails.
        """
        if envelopes[0].type in self._one_by_one:
            return False
        commands = [self._command_for(envelope) for envelope in envelopes]
        kinds = {type(command) for command in commands}
        if len(kinds) != 1 or not self._bus.handles_in_batches(kinds.pop()):
            if len({envelope.type for envelope in envelopes}) == 1:
                self._one_by_one.add(envelopes[0].type)
            return False
        self._bus.handle_batch(commands, envelopes)
        return True

    def _command_for(self, envelope: Envelope) -> Any:
        translate = self._translators.get(envelope.type)
        if translate is None:
            return None
        return translate(contract_for(envelope.type).parse(envelope.data))
