"""The unit of work: one database transaction, its events, and its inbox claim.

Entered, it opens a session (and, when the work handles an incoming event,
claims that event's id first). Committed, it turns the domain events its
repositories collected into envelopes and writes them to the outbox in the
same transaction. Left without a commit, it rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Self

from sqlalchemy import Table, event
from sqlalchemy.orm import Session

from shared import fault_hook
from shared.db import Database
from shared.messaging.envelope import Envelope
from shared.messaging.inbox import claim_event
from shared.messaging.outbox import add_to_outbox, forget_published_about


class AlreadyHandled(Exception):
    """The incoming event was handled before; the work is skipped."""


def give_loaded_aggregates_an_events_list(*aggregate_classes: type) -> None:
    """Aggregates loaded by the ORM skip ``__init__``; give them their ``events`` list."""
    for aggregate_class in aggregate_classes:
        event.listen(aggregate_class, "load", _empty_events)


def _empty_events(aggregate: Any, _context: Any) -> None:
    aggregate.events = []


class Repository:
    """Base of repositories: remembers the aggregates the work touched."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: list[Any] = []

    def _track(self, aggregate: Any) -> Any:
        if aggregate is not None and all(aggregate is not s for s in self.seen):
            self.seen.append(aggregate)
        return aggregate


class SqlAlchemyUnitOfWork:
    """A service's unit of work; subclasses add their repositories in ``_open``."""

    def __init__(
        self,
        database: Database,
        *,
        outbox: Table,
        handled_events: Table,
        to_envelope: Callable[[Any], Envelope | None],
    ) -> None:
        self._database = database
        self._outbox = outbox
        self._handled_events = handled_events
        self._to_envelope = to_envelope
        self.causation: Envelope | None = None
        self.session: Session | None = None
        self.repositories: list[Repository] = []

    def __enter__(self) -> Self:
        self.session = self._database.session()
        self.repositories = self._open(self.session)
        if self.causation is not None and not claim_event(
            self.session, self._handled_events, self.causation
        ):
            self.session.rollback()
            self.session.close()
            raise AlreadyHandled(self.causation.id)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Write the collected events to the outbox and commit everything at once."""
        envelopes = [e for e in map(self._to_envelope, self._collect_events()) if e is not None]
        add_to_outbox(self.session, self._outbox, envelopes)
        if self.causation is not None:
            fault_hook.reached("before_commit")
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def forget_published_events_about(self, subject_id: str) -> int:
        """Delete the published outbox rows naming ``subject_id`` (erasure)."""
        return forget_published_about(self.session, self._outbox, subject_id)

    def _open(self, session: Session) -> list[Repository]:
        return []

    def _collect_events(self) -> Iterator[Any]:
        for repository in self.repositories:
            for aggregate in repository.seen:
                while aggregate.events:
                    yield aggregate.events.pop(0)
