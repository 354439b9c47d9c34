"""Lookups every registry handler needs, each refusing what the caller may not see."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.auth.principal import Principal

from ..domain import policy
from ..domain.errors import NotFound, UnknownReference
from ..domain.members import Member
from ..domain.networks import Network
from ..domain.privacy import AuditAction, AuditEntry
from ..unit_of_work import RegistryUnitOfWork


def now() -> datetime:
    return datetime.now(UTC)


def managed_network(uow: RegistryUnitOfWork, actor: Principal, network_id: str) -> Network:
    """A network the caller operates; any other is refused before it is even looked up."""
    actor.check_manages_network(network_id)
    network = uow.networks.get(network_id)
    if network is None:
        raise NotFound("no such network")
    return network


def visible_member(uow: RegistryUnitOfWork, actor: Principal, member_id: str) -> Member:
    return policy.check_sees_member(actor, uow.members.get(member_id))


def managed_member(uow: RegistryUnitOfWork, actor: Principal, member_id: str) -> Member:
    return policy.check_manages_member(actor, uow.members.get(member_id))


def member_of_network(uow: RegistryUnitOfWork, member_id: str, network_id: str) -> Member:
    """A member a request refers to, which must belong to the same network."""
    member = uow.members.get(member_id)
    if member is None or member.network_id != network_id:
        raise UnknownReference(f"there is no member {member_id} in this network")
    return member


def audit(
    uow: RegistryUnitOfWork, actor: Principal, action: AuditAction, member: Member, detail=""
) -> None:
    uow.audit.add(AuditEntry.of(actor, action, member.id, member.network_id, detail))
