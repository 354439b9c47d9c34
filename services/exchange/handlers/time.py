"""Hours given to the community: logged, confirmed into TIME credits, given on."""

from __future__ import annotations

from shared.auth.principal import PermissionDenied, Principal, Role

from ..domain import commands, flows
from ..domain.errors import NotAllowed, NotFound
from ..domain.ledger import AccountKind, Unit
from ..domain.model import LedgerMember
from ..domain.time_credits import TimeEntry
from ..unit_of_work import ExchangeUnitOfWork
from .common import member_of, network_account, once

ORGANISATION_KINDS = {"organisation", "school"}


def log_time(cmd: commands.LogTime, uow: ExchangeUnitOfWork) -> TimeEntry:
    """A member (or their educator, or an operator) logs hours at an organisation."""
    with uow:
        member = _member_for(uow, cmd.actor, cmd.member_id)
        organisation = uow.members.get(cmd.organisation_id)
        if (
            organisation is None
            or organisation.network_id != member.network_id
            or organisation.kind not in ORGANISATION_KINDS
        ):
            raise NotAllowed("the hours must be at an organisation of the same network")
        entry = TimeEntry.log(
            member.network_id,
            member.member_id,
            organisation.member_id,
            cmd.minutes,
            cmd.activity,
            cmd.activity_date,
            cmd.actor.subject,
        )
        uow.time_entries.add(entry)
        uow.commit()
        return entry


def confirm_time(cmd: commands.ConfirmTime, uow: ExchangeUnitOfWork) -> TimeEntry:
    """The organisation, the educator or an operator confirms: the member earns TIME."""
    with uow:
        entry = _entry_to_decide(uow, cmd.actor, cmd.time_entry_id)
        member = member_of(uow, entry.member_id)
        issuance = network_account(uow, entry.network_id, AccountKind.TIME_ISSUANCE, Unit.TIME)
        account = member.account(Unit.TIME)
        locked = uow.accounts.lock(issuance.id, account.id)
        tx = flows.credit_time(
            locked[issuance.id], locked[account.id], entry.minutes, cmd.actor, entry
        )
        uow.transactions.add(tx)
        entry.confirm(cmd.actor.subject, tx.id)
        uow.commit()
        return entry


def reject_time(cmd: commands.RejectTime, uow: ExchangeUnitOfWork) -> TimeEntry:
    with uow:
        entry = _entry_to_decide(uow, cmd.actor, cmd.time_entry_id)
        entry.reject(cmd.actor.subject, cmd.reason)
        uow.commit()
        return entry


def give_time(cmd: commands.GiveTime, uow: ExchangeUnitOfWork) -> dict:
    """A member gives some of their TIME credits to another member of the network."""
    if cmd.actor.member_id is None or cmd.actor.role is Role.DEVICE:
        raise PermissionDenied("only a member gives TIME credits")
    with uow:

        def work() -> dict:
            giver = member_of(uow, cmd.actor.member_id)
            receiver = member_of(uow, cmd.to_member_id, giver.network_id)
            if receiver.member_id == giver.member_id:
                raise NotAllowed("TIME credits are given to someone else")
            source, destination = giver.account(Unit.TIME), receiver.account(Unit.TIME)
            locked = uow.accounts.lock(source.id, destination.id)
            tx = flows.give_time(locked[source.id], locked[destination.id], cmd.minutes, cmd.actor)
            uow.transactions.add(tx)
            return {"transaction_id": tx.id, "balance_minutes": locked[source.id].balance}

        return once(uow, cmd.request, work)


def _member_for(uow: ExchangeUnitOfWork, actor: Principal, member_id: str) -> LedgerMember:
    member = uow.members.get(member_id)
    if member is None or not _may_act_for(uow, actor, member):
        raise NotFound("no such member")
    return member


def _may_act_for(uow: ExchangeUnitOfWork, actor: Principal, member: LedgerMember) -> bool:
    if actor.manages_network(member.network_id) or actor.member_id == member.member_id:
        return True
    return actor.role is Role.EDUCATOR and any(
        contract.educator_id == actor.member_id
        for contract in uow.contracts.of_household(member.member_id)
    )


def _entry_to_decide(uow: ExchangeUnitOfWork, actor: Principal, entry_id: str) -> TimeEntry:
    entry = uow.time_entries.get(entry_id)
    if entry is None:
        raise NotFound("no such time entry")
    member = member_of(uow, entry.member_id)
    at_organisation = actor.member_id == entry.organisation_id
    if not at_organisation and not _may_act_for(uow, actor, member):
        raise NotFound("no such time entry")
    if actor.member_id == entry.member_id and not actor.manages_network(entry.network_id):
        raise PermissionDenied("nobody confirms their own hours")
    return entry
