"""Repositories of the registry's aggregates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, or_, select

from shared.unit_of_work import Repository

from ..domain.cards import Card, CardStatus
from ..domain.contracts import Contract
from ..domain.devices import Device
from ..domain.duplicates import normalise_email, normalise_name, normalise_phone
from ..domain.logins import Login, LoginCode, RefreshToken
from ..domain.members import Member, MemberKind, MemberStatus
from ..domain.networks import Market, Network
from ..domain.pairing import PairingCode, WrongPairingCode
from ..domain.privacy import AuditEntry, Consent


class _ByKey(Repository):
    """Add and get one kind of aggregate by its primary key."""

    record_class: type

    def add(self, record: Any) -> None:
        self.session.add(self._track(record))

    def get(self, key: str) -> Any | None:
        return self._track(self.session.get(self.record_class, key))


class SqlAlchemyNetworkRepository(_ByKey):
    record_class = Network

    def by_name(self, name: str) -> Network | None:
        return self.session.scalars(select(Network).where(Network.name == name)).first()


class SqlAlchemyMarketRepository(_ByKey):
    record_class = Market


class SqlAlchemyMemberRepository(_ByKey):
    record_class = Member

    def likely_duplicates(
        self,
        network_id: str,
        display_name: str,
        email: str | None,
        phone: str | None,
        birth_year: int | None,
    ) -> list[Member]:
        """Members of the network with the same phone, e-mail, or name and birth year."""
        same = []
        if phone_key := normalise_phone(phone):
            same.append(Member.phone_key == phone_key)
        if email := normalise_email(email):
            same.append(Member.email == email)
        if birth_year is not None:
            same.append(
                (Member.name_key == normalise_name(display_name))
                & (Member.birth_year == birth_year)
            )
        if not same:
            return []
        query = select(Member).where(
            Member.network_id == network_id, Member.erased_at.is_(None), or_(*same)
        )
        return list(self.session.scalars(query))

    def card_holders_by_contact(self, phone: str | None, email: str | None) -> list[Member]:
        """Households and citizens one may send a login code to, by phone or e-mail."""
        if phone_key := normalise_phone(phone):
            match = Member.phone_key == phone_key
        elif email := normalise_email(email):
            match = Member.email == email
        else:
            return []
        query = select(Member).where(
            match,
            Member.kind.in_([MemberKind.HOUSEHOLD, MemberKind.CITIZEN]),
            Member.status.in_([MemberStatus.ACTIVE, MemberStatus.PENDING]),
        )
        return [self._track(member) for member in self.session.scalars(query)]

    def households_expired_on(self, today: date) -> list[Member]:
        query = select(Member).where(
            Member.kind == MemberKind.HOUSEHOLD,
            Member.status == MemberStatus.ACTIVE,
            Member.eligible_until < today,
        )
        return [self._track(member) for member in self.session.scalars(query)]


class SqlAlchemyCardRepository(_ByKey):
    record_class = Card

    def active_of(self, member_id: str) -> list[Card]:
        query = select(Card).where(Card.member_id == member_id, Card.status == CardStatus.ACTIVE)
        return [self._track(card) for card in self.session.scalars(query)]


class SqlAlchemyDeviceRepository(_ByKey):
    record_class = Device


class SqlAlchemyPairingCodeRepository(_ByKey):
    record_class = PairingCode

    def newest_with_hash(self, code_sha256: str) -> PairingCode | None:
        """The newest code with these digits, locked: two tills cannot both use it."""
        query = (
            select(PairingCode)
            .where(PairingCode.code_sha256 == code_sha256)
            .order_by(PairingCode.issued_at.desc())
            .limit(1)
        )
        return self.session.scalars(query.with_for_update()).first()


class SqlAlchemyWrongPairingCodeRepository(_ByKey):
    record_class = WrongPairingCode

    def typed_since(self, moment: datetime) -> list[datetime]:
        query = select(WrongPairingCode.typed_at).where(WrongPairingCode.typed_at > moment)
        return list(self.session.scalars(query))

    def forget_before(self, moment: datetime) -> None:
        self.session.execute(delete(WrongPairingCode).where(WrongPairingCode.typed_at <= moment))


class SqlAlchemyContractRepository(_ByKey):
    record_class = Contract


class SqlAlchemyLoginRepository(_ByKey):
    record_class = Login

    def by_email(self, email: str) -> Login | None:
        login = self.session.scalars(select(Login).where(Login.email == email.lower())).first()
        return self._track(login)

    def of_member(self, member_id: str) -> list[Login]:
        query = select(Login).where(Login.member_id == member_id)
        return [self._track(login) for login in self.session.scalars(query)]

    def remove(self, login: Login) -> None:
        self.session.delete(login)


class SqlAlchemyLoginCodeRepository(_ByKey):
    record_class = LoginCode

    def of_member(self, member_id: str) -> list[LoginCode]:
        query = (
            select(LoginCode)
            .where(LoginCode.member_id == member_id)
            .order_by(LoginCode.created_at.desc())
        )
        return list(self.session.scalars(query))

    def remove_all_of(self, member_id: str) -> None:
        for code in self.of_member(member_id):
            self.session.delete(code)


class SqlAlchemyRefreshTokenRepository(_ByKey):
    record_class = RefreshToken

    def by_hash(self, token_sha256: str) -> RefreshToken | None:
        query = select(RefreshToken).where(RefreshToken.token_sha256 == token_sha256)
        return self.session.scalars(query.with_for_update()).first()

    def family(self, family_id: str) -> list[RefreshToken]:
        return list(
            self.session.scalars(select(RefreshToken).where(RefreshToken.family_id == family_id))
        )

    def of_subject(self, subject: str) -> list[RefreshToken]:
        return list(
            self.session.scalars(select(RefreshToken).where(RefreshToken.subject == subject))
        )


class SqlAlchemyConsentRepository(_ByKey):
    record_class = Consent

    def of_member(self, member_id: str) -> list[Consent]:
        return list(self.session.scalars(select(Consent).where(Consent.member_id == member_id)))


class SqlAlchemyAuditRepository(_ByKey):
    record_class = AuditEntry
