"""Repositories of the registry's aggregates."""

from __future__ import annotations

from sqlalchemy import select

from shared.unit_of_work import Repository

from ..domain.model import Login, Member, Network


class SqlAlchemyNetworkRepository(Repository):
    def add(self, network: Network) -> None:
        self.session.add(self._track(network))

    def get(self, network_id: str) -> Network | None:
        return self._track(self.session.get(Network, network_id))

    def by_name(self, name: str) -> Network | None:
        return self.session.scalars(select(Network).where(Network.name == name)).first()


class SqlAlchemyMemberRepository(Repository):
    def add(self, member: Member) -> None:
        self.session.add(self._track(member))

    def get(self, member_id: str) -> Member | None:
        return self._track(self.session.get(Member, member_id))


class SqlAlchemyLoginRepository(Repository):
    def add(self, login: Login) -> None:
        self.session.add(self._track(login))

    def by_email(self, email: str) -> Login | None:
        login = self.session.scalars(select(Login).where(Login.email == email.lower())).first()
        return self._track(login)
