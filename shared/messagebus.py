"""The message bus: hands each command to its handler with a fresh unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from shared.messaging.envelope import Envelope
from shared.unit_of_work import AlreadyHandled, SqlAlchemyUnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[Any, SqlAlchemyUnitOfWork], Any]


class MessageBus:
    """Routes commands to plain handler functions."""

    def __init__(
        self,
        uow_factory: Callable[[], SqlAlchemyUnitOfWork],
        handlers: Mapping[type, Handler],
    ) -> None:
        self._uow_factory = uow_factory
        self._handlers = dict(handlers)

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
