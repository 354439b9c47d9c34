"""Reciprocity contracts between a household and its educator."""

from __future__ import annotations

from shared.auth.principal import PermissionDenied, Principal, Role

from ..domain import commands, policy
from ..domain.contracts import Contract
from ..domain.errors import NotFound
from ..unit_of_work import RegistryUnitOfWork
from .common import member_of_network


def sign_contract(cmd: commands.SignContract, uow: RegistryUnitOfWork) -> Contract:
    _check_override(cmd.actor, cmd.override, None)
    with uow:
        household = policy.check_is_educator_or_manager(
            cmd.actor, uow.members.get(cmd.household_id)
        )
        educator = member_of_network(uow, cmd.educator_id, household.network_id)
        contract = Contract.sign(
            household,
            educator,
            cmd.hours_per_month,
            list(cmd.activities),
            cmd.starts_on,
            cmd.ends_on,
            override=cmd.override,
        )
        uow.contracts.add(contract)
        uow.commit()
        return contract


def change_contract(cmd: commands.ChangeContract, uow: RegistryUnitOfWork) -> Contract:
    with uow:
        contract = _contract(uow, cmd.actor, cmd.contract_id)
        _check_override(cmd.actor, cmd.override, contract.network_id)
        contract.change(
            cmd.hours_per_month,
            list(cmd.activities),
            cmd.starts_on,
            cmd.ends_on,
            override=cmd.override,
        )
        uow.commit()
        return contract


def renew_contract(cmd: commands.RenewContract, uow: RegistryUnitOfWork) -> Contract:
    with uow:
        contract = _contract(uow, cmd.actor, cmd.contract_id)
        contract.renew(cmd.ends_on)
        uow.commit()
        return contract


def end_contract(cmd: commands.EndContract, uow: RegistryUnitOfWork) -> Contract:
    with uow:
        contract = _contract(uow, cmd.actor, cmd.contract_id)
        contract.end(cmd.ended_on, cmd.reason)
        uow.commit()
        return contract


def _contract(uow: RegistryUnitOfWork, actor: Principal, contract_id: str) -> Contract:
    contract = uow.contracts.get(contract_id)
    if contract is None:
        raise NotFound("no such contract")
    policy.check_is_educator_or_manager(actor, uow.members.get(contract.household_id))
    return contract


def _check_override(actor: Principal, override: bool, network_id: str | None) -> None:
    """Only an operator may agree to more than the usual hours."""
    if override and actor.role not in (Role.ADMIN, Role.OPERATOR):
        raise PermissionDenied("only an operator may override the hours limit")
    if override and network_id is not None:
        actor.check_manages_network(network_id)
