"""Read-side queries of the registry, with the caller's right to see each row."""

from __future__ import annotations

from sqlalchemy import select

from shared.auth.principal import Principal
from shared.db import Database

from .domain.errors import NotFound
from .domain.model import Member, Network


def network(database: Database, actor: Principal, network_id: str) -> Network:
    """A network its operator (or an administrator) may see."""
    with database.session() as session:
        found = session.get(Network, network_id)
    if found is None or not actor.manages_network(found.id):
        raise NotFound("no such network")
    return found


def networks(database: Database, actor: Principal) -> list[Network]:
    """Every network for an administrator; an operator's own otherwise."""
    query = select(Network).order_by(Network.name)
    if not actor.is_admin:
        query = query.where(Network.id == (actor.network_id or ""))
    with database.session() as session:
        return list(session.scalars(query))


def member(database: Database, actor: Principal, member_id: str) -> Member:
    """A member as seen by themselves or their network's operators."""
    with database.session() as session:
        found = session.get(Member, member_id)
    if found is None or not actor.may_see_member(found.id, found.network_id):
        raise NotFound("no such member")
    return found
