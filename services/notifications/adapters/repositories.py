"""Repositories of the notifications aggregates: recipients, inbox messages, deliveries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select

from shared.unit_of_work import Repository

from ..domain.deliveries import Delivery, DeliveryStatus
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
