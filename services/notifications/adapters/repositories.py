"""Repositories of the notifications aggregates: recipients, inbox, deliveries, digests' facts.

What a handler adds to the inbox, the delivery log and the takings is never
changed in the transaction that adds it: it is kept aside and written with
the commit, in its round trip (``before_commit``), or before the repository is read
(``write``), instead of through the ORM's flush, which costs several times
more per row. Read and changed later, those rows are ORM objects again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import Table, and_, delete, exists, func, insert, or_, select
from sqlalchemy.orm import Session

from shared.db import UpsertStatement
from shared.unit_of_work import Repository

from ..domain.deliveries import Delivery, DeliveryStatus
from ..domain.digests import HoursGiven, ReciprocityContract, TakingsEntry
from ..domain.model import InboxMessage, Recipient
from .orm import deliveries, inbox_messages, takings_entries

# A takings entry is kept once per transaction, whatever the events that tell of it.
ADD_TAKINGS = UpsertStatement(
    lambda insert: insert(takings_entries).on_conflict_do_nothing(index_elements=["transaction_id"])
)


class _NewRowsRepository(Repository):
    """A repository whose new objects, mapped onto ``table``, are written all in one go.

    At the commit they join the writes it deferred (``before_commit``), sent
    with COMMIT in one round trip; before a read that must see them,
    ``write`` sends them at once.
    """

    def __init__(self, session: Session, table: Table, statement=None) -> None:
        super().__init__(session)
        self._names = table.columns.keys()
        self._insert = statement if statement is not None else insert(table)
        self._new: list = []

    def write(self) -> None:
        """Insert what was added, now (the session flushes its own changes first)."""
        rows = self._taken()
        if rows:
            self.session.execute(self._insert, rows)

    def before_commit(self) -> None:
        """Insert what was added with the commit."""
        rows = self._taken()
        if rows:
            self._defer(self._insert, rows)

    def _taken(self) -> list[dict]:
        names = self._names
        # A new object holds every field in its __dict__: no instrumented getattr.
        rows = [{name: vars(obj)[name] for name in names} for obj in self._new]
        self._new.clear()
        return rows


class SqlAlchemyRecipientRepository(Repository):
    def add(self, recipient: Recipient) -> None:
        self.session.add(self._track(recipient))

    def get(self, member_id: str) -> Recipient | None:
        return self._track(self.session.get(Recipient, member_id))

    def load(self, member_ids: Collection[str]) -> None:
        """Load these recipients in one query, so that ``get`` finds them without one each."""
        query = select(Recipient).where(Recipient.member_id.in_(member_ids))
        for recipient in self.session.scalars(query).unique():
            self._track(recipient)


class SqlAlchemyInboxRepository(_NewRowsRepository):
    def __init__(self, session: Session) -> None:
        super().__init__(session, inbox_messages)

    def add(self, message: InboxMessage) -> None:
        self._new.append(message)

    def get(self, member_id: str, message_id: str) -> InboxMessage | None:
        self.write()
        message = self.session.get(InboxMessage, message_id)
        return message if message is not None and message.member_id == member_id else None

    def delete_member(self, member_id: str) -> None:
        self.write()
        self.session.execute(delete(InboxMessage).where(InboxMessage.member_id == member_id))


class SqlAlchemyDeliveryRepository(_NewRowsRepository):
    def __init__(self, session: Session) -> None:
        super().__init__(session, deliveries)

    def add(self, delivery: Delivery) -> None:
        self._new.append(delivery)

    def get(self, delivery_id: str) -> Delivery | None:
        """The delivery, locked: an outcome and an erasure never overwrite each other."""
        self.write()
        return self.session.get(Delivery, delivery_id, with_for_update=True)

    def has_event(self, event_id: str, member_id: str) -> bool:
        """True if something about this event (or digest key) was planned for the member."""
        self.write()
        planned = exists().where(Delivery.event_id == event_id, Delivery.member_id == member_id)
        query = select(planned)
        return bool(self.session.scalar(query))

    def has_topic(self, member_id: str, topic: str) -> bool:
        self.write()
        query = select(exists().where(Delivery.member_id == member_id, Delivery.topic == topic))
        return bool(self.session.scalar(query))

    def of_member(self, member_id: str) -> Sequence[Delivery]:
        """The member's deliveries, locked (as ``get``)."""
        self.write()
        query = select(Delivery).where(Delivery.member_id == member_id).with_for_update()
        return self.session.scalars(query).all()

    def queued_of_member(self, member_id: str) -> Sequence[Delivery]:
        self.write()
        query = select(Delivery).where(
            Delivery.member_id == member_id, Delivery.status == DeliveryStatus.QUEUED
        )
        return self.session.scalars(query).all()

    def claim_due(self, now: datetime, limit: int) -> Sequence[Delivery]:
        """Deliveries due now, and claims whose lease ran out, locked against other dispatchers.

        ``SKIP LOCKED`` on PostgreSQL lets dispatchers run side by side; SQLite's
        ``BEGIN IMMEDIATE`` serialises them.
        """
        self.write()
        due = or_(
            and_(
                Delivery.status.in_((DeliveryStatus.QUEUED, DeliveryStatus.FAILED)),
                Delivery.next_attempt_at <= now,
            ),
            and_(Delivery.status == DeliveryStatus.SENDING, Delivery.claimed_until <= now),
        )
        query = select(Delivery).where(due).order_by(Delivery.next_attempt_at).limit(limit)
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        return self.session.scalars(query).all()


class SqlAlchemyTakingsRepository(_NewRowsRepository):
    def __init__(self, session: Session) -> None:
        super().__init__(session, takings_entries, ADD_TAKINGS.for_session(session))

    def add(self, entry: TakingsEntry) -> None:
        """Keep the entry, unless one of its transaction is already kept."""
        self._new.append(entry)

    def of_day(self, day: date) -> Sequence[TakingsEntry]:
        self.write()
        query = select(TakingsEntry).where(TakingsEntry.day == day).order_by(TakingsEntry.shop_id)
        return self.session.scalars(query).all()


class SqlAlchemyHoursRepository(Repository):
    def add(self, hours: HoursGiven) -> None:
        if self.session.get(HoursGiven, hours.time_entry_id) is None:
            self.session.add(hours)

    def minutes_per_member(self, month: str) -> dict[str, int]:
        """Each member's minutes confirmed in ``month`` (YYYY-MM)."""
        rows = self.session.execute(
            select(HoursGiven.member_id, func.sum(HoursGiven.minutes))
            .where(HoursGiven.month == month)
            .group_by(HoursGiven.member_id)
        ).all()
        return {member_id: int(minutes) for member_id, minutes in rows}


class SqlAlchemyContractRepository(Repository):
    def add(self, contract: ReciprocityContract) -> None:
        self.session.add(contract)

    def get(self, contract_id: str) -> ReciprocityContract | None:
        return self.session.get(ReciprocityContract, contract_id)

    def in_force_during(self, first_day: date, last_day: date) -> Sequence[ReciprocityContract]:
        """Contracts that may hold on some day of the period (``covers`` decides exactly)."""
        query = select(ReciprocityContract).where(
            ReciprocityContract.starts_on <= last_day,
            ReciprocityContract.ends_on >= first_day,
        )
        return self.session.scalars(query).all()
