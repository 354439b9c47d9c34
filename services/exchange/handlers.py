"""The exchange's command handlers."""

from __future__ import annotations

from .domain import commands
from .domain.model import LedgerMember, LedgerNetwork
from .unit_of_work import ExchangeUnitOfWork


def open_member_accounts(cmd: commands.OpenMemberAccounts, uow: ExchangeUnitOfWork) -> None:
    """Know the member and give them a FOOD and a TIME account (once)."""
    with uow:
        member = uow.members.get(cmd.member_id)
        if member is None:
            uow.members.add(LedgerMember.join(cmd.member_id, cmd.network_id, cmd.kind, cmd.status))
        else:
            member.update(cmd.kind, cmd.status)
        uow.commit()


def know_network(cmd: commands.KnowNetwork, uow: ExchangeUnitOfWork) -> None:
    """Record a network the registry created (once)."""
    with uow:
        if uow.networks.get(cmd.network_id) is None:
            uow.networks.add(LedgerNetwork(network_id=cmd.network_id))
        uow.commit()
