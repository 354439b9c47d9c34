"""Read-side queries of the notifications service."""

from __future__ import annotations

from sqlalchemy import func, select

from shared.auth.principal import Principal
from shared.db import Database

from .domain.errors import NotFound
from .domain.model import InboxMessage, Recipient


def inbox(database: Database, actor: Principal, member_id: str, page: int, page_size: int) -> dict:
    """One page of a member's inbox, newest first, with counts."""
    with database.session() as session:
        recipient = session.get(Recipient, member_id)
        if recipient is None or not actor.may_see_member(recipient.member_id, recipient.network_id):
            raise NotFound("no such member")
        of_member = InboxMessage.member_id == member_id
        total = session.scalar(select(func.count()).select_from(InboxMessage).where(of_member))
        unread = session.scalar(
            select(func.count())
            .select_from(InboxMessage)
            .where(of_member, InboxMessage.read_at.is_(None))
        )
        items = session.scalars(
            select(InboxMessage)
            .where(of_member)
            .order_by(InboxMessage.created_at.desc(), InboxMessage.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return {"items": items, "page": page, "page_size": page_size, "total": total, "unread": unread}
