"""Read-side queries of the registry, each checking the caller's right to see.

Reading a member's personal data is written to the audit log.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shared.auth.principal import PermissionDenied, Principal, Role
from shared.db import Database

from .domain import policy
from .domain.cards import Card, CardStatus
from .domain.contracts import Contract
from .domain.devices import Device
from .domain.duplicates import normalise_name
from .domain.errors import NotFound
from .domain.logins import Login
from .domain.members import Member, MemberKind, MemberStatus
from .domain.networks import Market, Network
from .domain.privacy import AuditAction, AuditEntry, Consent


def network(database: Database, actor: Principal, network_id: str) -> Network:
    """A network, for whoever belongs to it (and administrators)."""
    with database.session() as session:
        found = session.get(Network, network_id)
    if found is None or not (actor.is_admin or actor.network_id == found.id):
        raise NotFound("no such network")
    return found


def networks(database: Database, actor: Principal) -> list[Network]:
    """Every network for an administrator; the caller's own otherwise."""
    query = select(Network).order_by(Network.name)
    if not actor.is_admin:
        query = query.where(Network.id == (actor.network_id or ""))
    with database.session() as session:
        return list(session.scalars(query))


def markets(database: Database, actor: Principal, network_id: str) -> list[Market]:
    """A network's markets, for anyone of that network."""
    if not (actor.is_admin or actor.network_id == network_id):
        raise NotFound("no such network")
    with database.session() as session:
        return list(
            session.scalars(
                select(Market).where(Market.network_id == network_id).order_by(Market.name)
            )
        )


def member(database: Database, actor: Principal, member_id: str) -> Member:
    """A member as seen by themselves, their educator or their network's operators."""
    with database.session() as session:
        found = policy.check_sees_member(actor, session.get(Member, member_id))
        _audit(session, actor, AuditAction.READ, found)
        session.commit()
        return found


def search_members(
    database: Database,
    actor: Principal,
    *,
    network_id: str | None,
    kind: MemberKind | None,
    status: MemberStatus | None,
    text: str | None,
    page: int,
    page_size: int,
) -> dict[str, Any]:
    """Members the caller may see, filtered, newest first, a page at a time."""
    query = select(Member).where(Member.erased_at.is_(None))
    if actor.is_admin:
        if network_id:
            query = query.where(Member.network_id == network_id)
    elif actor.role is Role.OPERATOR:
        if network_id and network_id != actor.network_id:
            raise NotFound("no such network")
        query = query.where(Member.network_id == actor.network_id)
    elif actor.role is Role.EDUCATOR:
        query = query.where(Member.educator_id == actor.member_id)
    else:
        raise PermissionDenied("searching members is for operators and educators")
    if kind:
        query = query.where(Member.kind == kind)
    if status:
        query = query.where(Member.status == status)
    if text:
        query = query.where(_matching(text))
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        items = list(
            session.scalars(
                query.order_by(Member.created_at.desc(), Member.id)
                .offset((page - 1) * page_size)
                .limit(page_size)
            )
        )
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def _matching(text: str):
    """Members whose name, e-mail, phone or card number contains the text typed."""
    matches = [
        Member.name_key.like(f"%{normalise_name(text)}%"),
        Member.email.like(f"%{text.lower()}%"),
    ]
    # People type numbers with spaces ("333 111 2222", "1234 5678 9012").
    if digits := re.sub(r"\D", "", text):
        matches.append(Member.phone_key.like(f"%{digits}%"))
        matches.append(Member.id.in_(select(Card.member_id).where(Card.number.like(f"%{digits}%"))))
    return or_(*matches)


def members_cards_to_print(
    database: Database, actor: Principal, member_ids: list[str]
) -> list[tuple[Card, Member, Network]]:
    """The active cards of these members, with holder and network (their operators)."""
    with database.session() as session:
        for member_id in member_ids:
            policy.check_manages_member(actor, session.get(Member, member_id))
        return _printed(session, actor, _printable_cards().where(Card.member_id.in_(member_ids)))


def new_cards_to_print(
    database: Database, actor: Principal, network_id: str, issued_since: datetime
) -> list[tuple[Card, Member, Network]]:
    """A network's active cards issued since a moment, with holder and network."""
    actor.check_manages_network(network_id)
    query = _printable_cards().where(Card.network_id == network_id, Card.issued_at >= issued_since)
    with database.session() as session:
        return _printed(session, actor, query)


def _printable_cards():
    return (
        select(Card, Member, Network)
        .join(Member, Member.id == Card.member_id)
        .join(Network, Network.id == Card.network_id)
        .where(Card.status == CardStatus.ACTIVE, Member.erased_at.is_(None))
        .order_by(Network.name, Member.display_name)
    )


def _printed(session: Session, actor: Principal, query) -> list[tuple[Card, Member, Network]]:
    """The cards to print, each printing written to the audit log."""
    rows = [tuple(row) for row in session.execute(query)]
    for _card, holder, _network in rows:
        _audit(session, actor, AuditAction.READ, holder, "card printed")
    session.commit()
    return rows


def households_expiring(
    database: Database, actor: Principal, network_id: str, within_days: int, today: date
) -> list[Member]:
    """Active households whose eligibility ends within ``within_days``."""
    actor.check_manages_network(network_id)
    query = (
        select(Member)
        .where(
            Member.network_id == network_id,
            Member.kind == MemberKind.HOUSEHOLD,
            Member.status == MemberStatus.ACTIVE,
            Member.eligible_until >= today,
            Member.eligible_until <= today + timedelta(days=within_days),
        )
        .order_by(Member.eligible_until)
    )
    with database.session() as session:
        return list(session.scalars(query))


def status_history(database: Database, actor: Principal, member_id: str) -> list:
    with database.session() as session:
        found = policy.check_sees_member(actor, session.get(Member, member_id))
        return list(found.status_changes)


def cards_of(database: Database, actor: Principal, member_id: str) -> list[Card]:
    with database.session() as session:
        policy.check_sees_member(actor, session.get(Member, member_id))
        return list(
            session.scalars(
                select(Card).where(Card.member_id == member_id).order_by(Card.issued_at.desc())
            )
        )


def card(database: Database, actor: Principal, card_id: str) -> Card:
    with database.session() as session:
        found = session.get(Card, card_id)
        if found is None:
            raise NotFound("no such card")
        policy.check_sees_member(actor, session.get(Member, found.member_id))
        return found


def devices_of(database: Database, actor: Principal, shop_id: str) -> list[Device]:
    with database.session() as session:
        policy.check_is_self_or_manager(actor, session.get(Member, shop_id))
        return list(
            session.scalars(
                select(Device).where(Device.shop_id == shop_id).order_by(Device.registered_at)
            )
        )


def contracts_of(database: Database, actor: Principal, household_id: str) -> list[Contract]:
    with database.session() as session:
        policy.check_sees_member(actor, session.get(Member, household_id))
        return list(
            session.scalars(
                select(Contract)
                .where(Contract.household_id == household_id)
                .order_by(Contract.starts_on.desc())
            )
        )


def contract(database: Database, actor: Principal, contract_id: str) -> Contract:
    with database.session() as session:
        found = session.get(Contract, contract_id)
        if found is None:
            raise NotFound("no such contract")
        policy.check_sees_member(actor, session.get(Member, found.household_id))
        return found


def consents_of(database: Database, actor: Principal, member_id: str) -> list[Consent]:
    with database.session() as session:
        policy.check_sees_member(actor, session.get(Member, member_id))
        return list(
            session.scalars(
                select(Consent).where(Consent.member_id == member_id).order_by(Consent.given_on)
            )
        )


def export(database: Database, actor: Principal, member_id: str) -> dict[str, Any]:
    """Everything the registry holds about a member, for themselves or an operator."""
    with database.session() as session:
        found = policy.check_is_self_or_manager(actor, session.get(Member, member_id))
        document = {
            "member": _public_fields(found),
            "people": [asdict(person) for person in found.people],
            "status_history": [asdict(change) for change in found.status_changes],
            "shop_profile": asdict(found.shop_profile) if found.shop_profile else None,
            "cards": _rows(session, Card, Card.member_id == member_id),
            "contracts": _rows(session, Contract, Contract.household_id == member_id),
            "consents": _rows(session, Consent, Consent.member_id == member_id),
            "logins": [
                {"email": login.email, "role": login.role.value}
                for login in session.scalars(select(Login).where(Login.member_id == member_id))
            ],
        }
        _audit(session, actor, AuditAction.EXPORT, found)
        session.commit()
    return document


def audit_log(
    database: Database,
    actor: Principal,
    network_id: str,
    member_id: str | None,
    page: int,
    page_size: int,
) -> dict[str, Any]:
    """Who read or changed personal data in a network, newest first."""
    actor.check_manages_network(network_id)
    query = select(AuditEntry).where(AuditEntry.network_id == network_id)
    if member_id:
        query = query.where(AuditEntry.member_id == member_id)
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        items = list(
            session.scalars(
                query.order_by(AuditEntry.at.desc()).offset((page - 1) * page_size).limit(page_size)
            )
        )
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def _audit(
    session: Session, actor: Principal, action: AuditAction, member: Member, detail: str = ""
) -> None:
    session.add(AuditEntry.of(actor, action, member.id, member.network_id, detail))


def _public_fields(member: Member) -> dict[str, Any]:
    hidden = {"events", "people", "status_changes", "shop_profile"}
    return {key: value for key, value in asdict(member).items() if key not in hidden}


def _rows(session: Session, record_class: type, where) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in asdict(record).items() if key != "events"}
        for record in session.scalars(select(record_class).where(where))
    ]
