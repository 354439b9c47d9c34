"""Who may see and change what in the registry.

An administrator sees everything; an operator only their own network; an
educator only the households assigned to them; a citizen, a household or a
shop only themselves. What a caller may not see does not exist for them
(404); what they may see but not change is forbidden (403).
"""

from __future__ import annotations

from shared.auth.principal import PermissionDenied, Principal, Role

from .errors import NotFound
from .members import Member


def may_see_member(actor: Principal, member: Member) -> bool:
    if actor.manages_network(member.network_id) or actor.member_id == member.id:
        return True
    return (
        actor.role is Role.EDUCATOR
        and member.educator_id is not None
        and member.educator_id == actor.member_id
    )


def check_sees_member(actor: Principal, member: Member | None) -> Member:
    """The member, if the caller may see it; NotFound otherwise."""
    if member is None or not may_see_member(actor, member):
        raise NotFound("no such member")
    return member


def check_manages_member(actor: Principal, member: Member | None) -> Member:
    """The member, if the caller is an operator of its network."""
    member = check_sees_member(actor, member)
    actor.check_manages_network(member.network_id)
    return member


def check_is_self_or_manager(actor: Principal, member: Member | None) -> Member:
    member = check_sees_member(actor, member)
    if not (actor.manages_network(member.network_id) or actor.member_id == member.id):
        raise PermissionDenied("only the member or an operator of their network may do this")
    return member


def check_is_educator_or_manager(actor: Principal, household: Member | None) -> Member:
    household = check_sees_member(actor, household)
    if actor.manages_network(household.network_id):
        return household
    if actor.role is Role.EDUCATOR and household.educator_id == actor.member_id:
        return household
    raise PermissionDenied("only the household's educator or an operator may do this")
