"""Repositories of the exchange's aggregates."""

from __future__ import annotations

from shared.unit_of_work import Repository

from ..domain.model import LedgerMember, LedgerNetwork


class SqlAlchemyLedgerMemberRepository(Repository):
    def add(self, member: LedgerMember) -> None:
        self.session.add(self._track(member))

    def get(self, member_id: str) -> LedgerMember | None:
        return self._track(self.session.get(LedgerMember, member_id))


class SqlAlchemyLedgerNetworkRepository(Repository):
    def add(self, network: LedgerNetwork) -> None:
        self.session.add(self._track(network))

    def get(self, network_id: str) -> LedgerNetwork | None:
        return self._track(self.session.get(LedgerNetwork, network_id))
