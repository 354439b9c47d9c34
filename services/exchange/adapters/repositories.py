"""Repositories of the exchange's aggregates."""

from __future__ import annotations

from shared.unit_of_work import Repository

from ..domain.model import LedgerMember


class SqlAlchemyLedgerMemberRepository(Repository):
    def add(self, member: LedgerMember) -> None:
        self.session.add(self._track(member))

    def get(self, member_id: str) -> LedgerMember | None:
        return self._track(self.session.get(LedgerMember, member_id))
