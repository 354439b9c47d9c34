"""Read-side queries of the exchange, with the caller's right to see each row."""

from __future__ import annotations

from shared.auth.principal import Principal
from shared.db import Database

from .domain.errors import NotFound
from .domain.model import LedgerMember, Unit


def balances(database: Database, actor: Principal, member_id: str) -> dict[str, dict[str, int]]:
    """A member's balance per unit, for themselves or their network's operators."""
    with database.session() as session:
        member = session.get(LedgerMember, member_id)
        if member is None or not actor.may_see_member(member.member_id, member.network_id):
            raise NotFound("no such member")
        by_unit = member.balances()
    return {unit.value: {"balance": by_unit.get(unit, 0)} for unit in Unit}
