"""Idempotency keys: a retried write gets the first answer and moves nothing twice.

A key belongs to its caller (a till, an operator): another caller's same key
is another request. The request's fingerprint is kept, never the request
(no PIN is ever stored); the same key with another fingerprint is refused.
The claim is an insert into a unique key in the request's own transaction,
so a concurrent retry waits for the first to commit and then reads its
answer. Refusals at the till are answers too, and are given again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import bindparam, select, update

from shared.db import UpsertStatement
from shared.unit_of_work import Repository

from ..domain import errors
from ..domain.idempotency import IdempotentRequest
from . import orm

REFUSALS = {cls.__name__: cls for cls in errors.TillRefusal.__subclasses__()}


class SqlAlchemyIdempotencyStore(Repository):
    """The answers are written with the commit (deferred), in its round trip."""

    def claim(self, request: IdempotentRequest) -> dict | None:
        """Reserve the key; if it was used, the stored answer (or its refusal, raised)."""
        inserted = self.session.execute(CLAIM.for_session(self.session), _claimed(request))
        return None if inserted.first() is not None else self._stored(request)

    def claim_in(self, batch, request: IdempotentRequest) -> Callable[[], dict | None]:
        """``claim``, sent with a batch (shared/round_trips.py); call the result after it."""
        inserted = batch.fetch(CLAIM.for_session(self.session), _claimed(request))
        return lambda: None if inserted.first() is not None else self._stored(request)

    def _stored(self, request: IdempotentRequest) -> dict:
        fingerprint, refusal, answer = self.session.execute(
            READ_ANSWER, {"the_scope": request.scope, "the_key": request.key}
        ).one()
        if fingerprint != request.fingerprint:
            raise errors.IdempotencyKeyReused(
                "this Idempotency-Key was used for another request: use a new key"
            )
        stored = json.loads(answer)
        if refusal is not None:
            raise REFUSALS[refusal](stored["message"], stored["details"])
        return stored

    def remember(self, request: IdempotentRequest, answer: dict) -> None:
        self._store(request, None, answer)

    def remember_refusal(self, request: IdempotentRequest, refusal: errors.TillRefusal) -> None:
        self._store(
            request,
            type(refusal).__name__,
            {"message": str(refusal), "details": refusal.details},
        )

    def _store(self, request: IdempotentRequest, refusal: str | None, answer: dict) -> None:
        self._defer(
            STORE_ANSWER,
            {
                "the_scope": request.scope,
                "the_key": request.key,
                "refusal": refusal,
                "answer": json.dumps(answer, default=str),
            },
        )


def _claimed(request: IdempotentRequest) -> dict:
    return {
        "scope": request.scope,
        "key": request.key,
        "fingerprint": request.fingerprint,
        "created_at": datetime.now(UTC),
    }


def _claim(insert_for):
    table = orm.idempotency_keys
    return (
        insert_for(table)
        .on_conflict_do_nothing(index_elements=[table.c.scope, table.c.key])
        .returning(table.c.key)
    )


_KEYS = orm.idempotency_keys
_THIS_KEY = (_KEYS.c.scope == bindparam("the_scope")) & (_KEYS.c.key == bindparam("the_key"))
CLAIM = UpsertStatement(_claim)
READ_ANSWER = select(_KEYS.c.fingerprint, _KEYS.c.refusal, _KEYS.c.answer).where(_THIS_KEY)
STORE_ANSWER = update(_KEYS).where(_THIS_KEY)
