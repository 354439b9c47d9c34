"""Repositories of the notifications aggregates."""

from __future__ import annotations

from shared.unit_of_work import Repository

from ..domain.model import Recipient


class SqlAlchemyRecipientRepository(Repository):
    def add(self, recipient: Recipient) -> None:
        self.session.add(self._track(recipient))

    def get(self, member_id: str) -> Recipient | None:
        return self._track(self.session.get(Recipient, member_id))
