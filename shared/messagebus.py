"""The message bus: hands each command to its handler with a fresh unit of work.

A command type may also have a batch handler: the consumer hands it several
commands of that type at once, caused by distinct events, to handle in one
unit of work (one transaction, one inbox claim) instead of one each.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shared.messaging.envelope import Envelope
from shared.unit_of_work import AlreadyHandled, SqlAlchemyUnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[Any, SqlAlchemyUnitOfWork], Any]
BatchHandler = Callable[[Sequence[Any], SqlAlchemyUnitOfWork], Any]


class MessageBus:
    """Routes commands to plain handler functions."""

    def __init__(
        self,
        uow_factory: Callable[[], SqlAlchemyUnitOfWork],
        handlers: Mapping[type, Handler],
        batch_handlers: Mapping[type, BatchHandler] | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._handlers = dict(handlers)
        self._batch_handlers = dict(batch_handlers or {})

    def handles_in_batches(self, command_type: type) -> bool:
        """True if commands of this type can be handled many at once."""
        return command_type in self._batch_handlers

    def handle(self, command: Any, causation: Envelope | None = None) -> Any:
        """Run the command's handler; with a causing event, at most once per event."""
        handler = self._handlers[type(command)]
        uow = self._uow_factory()
        uow.causation = causation
        try:
            return handler(command, uow)
        except AlreadyHandled:
            log.info("duplicate event ignored", extra={"event_id": causation.id})
            return None

    def handle_batch(self, commands: Sequence[Any], causations: Sequence[Envelope]) -> None:
        """Run the batch handler of commands of one type, ``commands[i]`` caused by
        ``causations[i]``, in one unit of work; each event at most once."""
        handler = self._batch_handlers[type(commands[0])]
        uow = self._uow_factory()
        uow.causations = causations
        try:
            handler(commands, uow)
        except AlreadyHandled:
            for causation in causations:
                log.info("duplicate event ignored", extra={"event_id": causation.id})
