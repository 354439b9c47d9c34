"""The unit of work: one database transaction, its events, and its inbox claim.

Entered, it opens a session (and, when the work handles an incoming event,
claims that event's id first). Committed, it turns the domain events its
repositories collected into envelopes and writes them to the outbox in the
same transaction. Left without a commit, it rolls back.

The ORM's changes are flushed first; then the writes repositories deferred
to the commit, the outbox rows and COMMIT itself go to PostgreSQL together,
in one round trip (shared/round_trips.py).

A batch of incoming events (``causations``) is claimed in one statement and
handled in one transaction: ``each_claimed`` hands the handler the commands
whose events were not handled before, each under its own causation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, Self

from sqlalchemy import Table, event
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from shared import fault_hook
from shared.correlation import Binding, bind, new_id, unbind
from shared.db import Database
from shared.messaging.envelope import Envelope
from shared.messaging.inbox import claim_event, claim_events
from shared.messaging.outbox import forget_about, outbox_insert, outbox_rows
from shared.round_trips import Parameters, together

log = logging.getLogger(__name__)


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
        self.deferred: list[tuple[Executable, Parameters | list[Parameters]]] = []

    def _defer(self, statement: Executable, parameters: Parameters | list[Parameters]) -> None:
        """Write this with the commit, in its round trip; nothing in this work reads it back."""
        self.deferred.append((statement, parameters))

    def before_commit(self) -> None:
        """Defer what is still kept aside: the unit of work is about to commit."""

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
        personal_event_types: Collection[str] = (),
    ) -> None:
        self._database = database
        self._outbox = outbox
        self._personal_event_types = personal_event_types
        self._handled_events = handled_events
        self._to_envelope = to_envelope
        self.causation: Envelope | None = None
        self.causations: Sequence[Envelope] = ()
        self.session: Session | None = None
        self.repositories: list[Repository] = []
        self._claimed: set[str] = set()
        self._binding: Binding | None = None

    def __enter__(self) -> Self:
        self.session = self._database.session()
        self.repositories = self._open(self.session)
        if self.causations:
            self._claimed = claim_events(self.session, self._handled_events, self.causations)
            if not self._claimed:
                self._close()
                raise AlreadyHandled(", ".join(causation.id for causation in self.causations))
        elif self.causation is not None and not claim_event(
            self.session, self._handled_events, self.causation
        ):
            self._close()
            raise AlreadyHandled(self.causation.id)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._close()
        if self._binding is not None:
            unbind(self._binding)  # back to the ids from before the batch
            self._binding = None

    def each_claimed(self, commands: Sequence[Any]) -> Iterator[Any]:
        """The batch's commands whose events this work claimed, each run under its event.

        ``commands[i]`` was caused by ``causations[i]``. A command whose event
        was handled before (or comes twice in the batch) is skipped and logged.
        """
        taken: set[str] = set()
        for command, causation in zip(commands, self.causations, strict=True):
            if causation.id not in self._claimed or causation.id in taken:
                log.info("duplicate event ignored", extra={"event_id": causation.id})
                continue
            taken.add(causation.id)
            self.causation = causation
            binding = bind(causation.correlation_id or new_id(), causation.id)
            self._binding = self._binding or binding
            yield command

    def commit(self) -> None:
        """Write the collected events to the outbox and commit everything at once."""
        for repository in self.repositories:
            repository.before_commit()
        envelopes = [e for e in map(self._to_envelope, self._collect_events()) if e is not None]
        self.session.flush()  # the ORM checks each row it changed: not in a pipeline
        with together(self.session) as batch:
            for repository in self.repositories:
                while repository.deferred:
                    batch.execute(*repository.deferred.pop(0))
            batch.execute(outbox_insert(self._outbox), outbox_rows(envelopes))
            if self.causation is not None or self.causations:
                # Once per event, in a batch too: the fault suite kills at the n-th one.
                for _ in range(len(self._claimed) if self.causations else 1):
                    fault_hook.reached("before_commit")
            batch.commit()
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def forget_events_about(self, subject_id: str) -> int:
        """Erasure: delete the outbox rows naming ``subject_id`` that were published or
        carry personal data (``personal_event_types``); the others still go out."""
        return forget_about(self.session, self._outbox, subject_id, self._personal_event_types)

    def _open(self, session: Session) -> list[Repository]:
        return []

    def _close(self) -> None:
        self.session.rollback()
        self.session.close()

    def _collect_events(self) -> Iterator[Any]:
        for repository in self.repositories:
            for aggregate in repository.seen:
                while aggregate.events:
                    yield aggregate.events.pop(0)
