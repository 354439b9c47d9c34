"""Repositories of the notifications aggregates: recipients, inbox, deliveries, digests' facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, delete, exists, func, or_, select

from shared.unit_of_work import Repository

from ..domain.deliveries import Delivery, DeliveryStatus
from ..domain.digests import HoursGiven, ReciprocityContract, TakingsEntry
from ..domain.model import InboxMessage, Recipient


class SqlAlchemyRecipientRepository(Repository):
    def add(self, recipient: Recipient) -> None:
        self.session.add(self._track(recipient))

    def get(self, member_id: str) -> Recipient | None:
        return self._track(self.session.get(Recipient, member_id))


class SqlAlchemyInboxRepository(Repository):
    def add(self, message: InboxMessage) -> None:
        self.session.add(message)

    def get(self, member_id: str, message_id: str) -> InboxMessage | None:
        message = self.session.get(InboxMessage, message_id)
        return message if message is not None and message.member_id == member_id else None

    def delete_member(self, member_id: str) -> None:
        self.session.execute(delete(InboxMessage).where(InboxMessage.member_id == member_id))


class SqlAlchemyDeliveryRepository(Repository):
    def add(self, delivery: Delivery) -> None:
        self.session.add(delivery)

    def get(self, delivery_id: str) -> Delivery | None:
        return self.session.get(Delivery, delivery_id)

    def has_event(self, event_id: str, member_id: str) -> bool:
        """True if something about this event (or digest key) was planned for the member."""
        planned = exists().where(Delivery.event_id == event_id, Delivery.member_id == member_id)
        query = select(planned)
        return bool(self.session.scalar(query))

    def has_topic(self, member_id: str, topic: str) -> bool:
        query = select(exists().where(Delivery.member_id == member_id, Delivery.topic == topic))
        return bool(self.session.scalar(query))

    def of_member(self, member_id: str) -> Sequence[Delivery]:
        return self.session.scalars(select(Delivery).where(Delivery.member_id == member_id)).all()

    def queued_of_member(self, member_id: str) -> Sequence[Delivery]:
        query = select(Delivery).where(
            Delivery.member_id == member_id, Delivery.status == DeliveryStatus.QUEUED
        )
        return self.session.scalars(query).all()

    def claim_due(self, now: datetime, limit: int) -> Sequence[Delivery]:
        """Deliveries due now, and claims whose lease ran out, locked against other dispatchers.

        ``SKIP LOCKED`` on PostgreSQL lets dispatchers run side by side; SQLite's
        ``BEGIN IMMEDIATE`` serialises them.
        """
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


class SqlAlchemyTakingsRepository(Repository):
    def add(self, entry: TakingsEntry) -> None:
        if self.session.get(TakingsEntry, entry.transaction_id) is None:
            self.session.add(entry)

    def of_day(self, day: date) -> Sequence[TakingsEntry]:
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
