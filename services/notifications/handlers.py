"""The notifications command handlers.

Events may arrive in any order (two relays, retries), so each handler
creates the recipient if it is the first to hear of them.
"""

from __future__ import annotations

from .domain import commands
from .domain.model import Recipient
from .unit_of_work import NotificationsUnitOfWork


def welcome_member(cmd: commands.WelcomeMember, uow: NotificationsUnitOfWork) -> None:
    """A welcome message in the new member's inbox (once)."""
    with uow:
        recipient = _recipient(uow, cmd.member_id, cmd.network_id, cmd.language)
        if not recipient.has_message("welcome"):
            recipient.notify("welcome")
        uow.commit()


def update_contact(cmd: commands.UpdateContact, uow: NotificationsUnitOfWork) -> None:
    """Keep the member's name, contact points and language."""
    with uow:
        recipient = _recipient(uow, cmd.member_id, cmd.network_id, cmd.language)
        recipient.update_contact(cmd.display_name, cmd.email, cmd.phone, cmd.language)
        uow.commit()


def _recipient(
    uow: NotificationsUnitOfWork, member_id: str, network_id: str, language: str
) -> Recipient:
    recipient = uow.recipients.get(member_id)
    if recipient is None:
        recipient = Recipient(member_id=member_id, network_id=network_id, language=language)
        uow.recipients.add(recipient)
    return recipient


def erase_recipient(cmd: commands.EraseRecipient, uow: NotificationsUnitOfWork) -> None:
    """Erase the member's name and contact points (GDPR erasure in the registry)."""
    with uow:
        recipient = _recipient(uow, cmd.member_id, cmd.network_id, "it")
        recipient.erase()
        uow.commit()
