"""Repositories of the exchange's aggregates."""

from __future__ import annotations

from typing import Any

from shared.unit_of_work import Repository

from ..domain.directory import Card, Contract, Device, Shop
from ..domain.model import LedgerMember, LedgerNetwork


class _ByKey(Repository):
    """Add and get one kind of record by its primary key."""

    record_class: type

    def add(self, record: Any) -> None:
        self.session.add(self._track(record))

    def get(self, key: str) -> Any | None:
        return self._track(self.session.get(self.record_class, key))


class SqlAlchemyLedgerNetworkRepository(_ByKey):
    record_class = LedgerNetwork


class SqlAlchemyLedgerMemberRepository(_ByKey):
    record_class = LedgerMember


class SqlAlchemyCardRepository(_ByKey):
    record_class = Card


class SqlAlchemyDeviceRepository(_ByKey):
    record_class = Device


class SqlAlchemyShopRepository(_ByKey):
    record_class = Shop


class SqlAlchemyContractRepository(_ByKey):
    record_class = Contract
