"""The correlation and causation ids of the work in progress.

An HTTP request or a consumed event sets them; log lines and every event the
work publishes carry them, so one request can be followed across services.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)


def current_correlation_id() -> str | None:
    """The correlation id of the work in progress, if any."""
    return _correlation_id.get()


def current_causation_id() -> str | None:
    """The id of the event being handled, if the work was caused by one."""
    return _causation_id.get()


def new_id() -> str:
    """A fresh random id for a correlation, an event or an entity."""
    return str(uuid.uuid4())


Binding = tuple[Token, Token]


def bind(correlation_id: str, causation_id: str | None = None) -> Binding:
    """Set the ids for the work that follows; ``unbind`` restores the previous ones."""
    return _correlation_id.set(correlation_id), _causation_id.set(causation_id)


def unbind(binding: Binding) -> None:
    _causation_id.reset(binding[1])
    _correlation_id.reset(binding[0])


@contextmanager
def correlated(correlation_id: str | None, causation_id: str | None = None) -> Iterator[str]:
    """Run a block of work under a correlation id (a new one when none is given)."""
    correlation = correlation_id or new_id()
    binding = bind(correlation, causation_id)
    try:
        yield correlation
    finally:
        unbind(binding)
