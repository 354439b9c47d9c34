"""Keeping the exchange's view of the registry: networks, members, cards, tills, shops.

They accept registry events in any order: a record the exchange has not
heard of yet is created from whatever event comes first.
"""

from __future__ import annotations

from shared.auth.principal import Principal, Role

from ..domain import commands, flows
from ..domain.directory import Card, Contract, Device, Shop
from ..domain.ledger import Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..unit_of_work import ExchangeUnitOfWork
from .common import shop_clearing

REGISTRY = Principal(subject="registry", role=Role.ADMIN)


def know_network(cmd: commands.KnowNetwork, uow: ExchangeUnitOfWork) -> None:
    """Record a network the registry created, with its pool, funding and issuance."""
    with uow:
        if uow.networks.get(cmd.network_id) is None:
            network = LedgerNetwork(network_id=cmd.network_id)
            uow.networks.add(network)
            for account in network.open_accounts():
                uow.accounts.add(account)
        uow.commit()


def open_member_accounts(cmd: commands.OpenMemberAccounts, uow: ExchangeUnitOfWork) -> None:
    """Know the member and give them a FOOD and a TIME account (and a shop its clearing)."""
    with uow:
        _member(uow, cmd.member_id, cmd.network_id, cmd.kind, cmd.status)
        uow.commit()


def change_member_status(cmd: commands.ChangeMemberStatus, uow: ExchangeUnitOfWork) -> None:
    with uow:
        member = _member(uow, cmd.member_id, cmd.network_id, cmd.kind, cmd.status)
        member.change_status(cmd.status, cmd.revision)
        uow.commit()


def record_household_composition(
    cmd: commands.RecordHouseholdComposition, uow: ExchangeUnitOfWork
) -> None:
    with uow:
        member = _member(uow, cmd.member_id, cmd.network_id, "household", "pending")
        member.change_composition(cmd.adults, cmd.minors, cmd.revision)
        uow.commit()


def record_merge(cmd: commands.RecordMerge, uow: ExchangeUnitOfWork) -> None:
    """The merged record's credits move to the kept one; the merged one is closed."""
    with uow:
        merged = uow.members.get(cmd.merged_member_id)
        kept = uow.members.get(cmd.kept_member_id)
        if merged is not None and kept is not None and merged.merged_into is None:
            for unit in Unit:
                source, destination = merged.account(unit), kept.account(unit)
                locked = uow.accounts.lock(source.id, destination.id)
                if locked[source.id].balance > 0:
                    uow.transactions.add(
                        flows.merge(locked[source.id], locked[destination.id], REGISTRY)
                    )
        if merged is not None:
            merged.merged_into = cmd.kept_member_id
        uow.commit()


def record_erasure(cmd: commands.RecordErasure, uow: ExchangeUnitOfWork) -> None:
    """The exchange holds no personal data; it keeps the anonymous ledger facts."""
    with uow:
        member = uow.members.get(cmd.member_id)
        if member is not None:
            member.erased = True
        uow.commit()


def record_shop_profile(cmd: commands.RecordShopProfile, uow: ExchangeUnitOfWork) -> None:
    with uow:
        shop = uow.shops.get(cmd.member_id)
        if shop is None:
            shop = Shop(cmd.member_id, cmd.network_id, cmd.shop_type, False, None)
            uow.shops.add(shop)
        if cmd.revision > shop.revision:
            shop.shop_type = cmd.shop_type
            shop.market_id = cmd.market_id
            shop.accepts_time = cmd.accepts_time
            shop.time_rate_cents_per_hour = cmd.time_rate_cents_per_hour
            shop.revision = cmd.revision
        uow.commit()


def record_issued_card(cmd: commands.RecordIssuedCard, uow: ExchangeUnitOfWork) -> None:
    with uow:
        if uow.cards.get(cmd.card_id) is None:
            uow.cards.add(Card(cmd.card_id, cmd.card_number, cmd.member_id, cmd.network_id))
        uow.commit()


def block_card(cmd: commands.BlockCard, uow: ExchangeUnitOfWork) -> None:
    with uow:
        card = uow.cards.get(cmd.card_id)
        if card is None:
            card = Card(cmd.card_id, cmd.card_number, cmd.member_id, cmd.network_id)
            uow.cards.add(card)
        card.block()
        uow.commit()


def record_device(cmd: commands.RecordDevice, uow: ExchangeUnitOfWork) -> None:
    with uow:
        if uow.devices.get(cmd.device_id) is None:
            uow.devices.add(Device(cmd.device_id, cmd.shop_id, cmd.network_id, cmd.token_sha256))
        uow.commit()


def revoke_device(cmd: commands.RevokeDevice, uow: ExchangeUnitOfWork) -> None:
    with uow:
        device = uow.devices.get(cmd.device_id)
        if device is None:  # revoked before we heard of it: it must never work
            device = Device(cmd.device_id, cmd.shop_id, cmd.network_id, token_sha256="")
            uow.devices.add(device)
        device.revoke()
        uow.commit()


def record_contract(cmd: commands.RecordContract, uow: ExchangeUnitOfWork) -> None:
    with uow:
        contract = uow.contracts.get(cmd.contract_id)
        if contract is None:
            contract = Contract(
                cmd.contract_id,
                cmd.household_id,
                cmd.network_id,
                cmd.hours_per_month,
                cmd.starts_on,
                cmd.ends_on,
            )
            uow.contracts.add(contract)
        if cmd.revision > contract.revision:
            contract.hours_per_month = cmd.hours_per_month
            contract.starts_on, contract.ends_on = cmd.starts_on, cmd.ends_on
            contract.educator_id = cmd.educator_id
            contract.revision = cmd.revision
        uow.commit()


def end_contract(cmd: commands.EndContract, uow: ExchangeUnitOfWork) -> None:
    with uow:
        contract = uow.contracts.get(cmd.contract_id)
        if contract is None:  # ended before we heard it was signed: the signing fills it in
            contract = Contract(
                cmd.contract_id, cmd.household_id, cmd.network_id, 0, cmd.ended_on, cmd.ended_on
            )
            uow.contracts.add(contract)
        contract.end(cmd.ended_on)
        uow.commit()


def _member(
    uow: ExchangeUnitOfWork, member_id: str, network_id: str, kind: str, status: str
) -> LedgerMember:
    member = uow.members.get(member_id)
    if member is None:
        member = LedgerMember.join(member_id, network_id, kind, status)
        uow.members.add(member)
        if member.is_shop:
            shop_clearing(uow, member_id, network_id)
    return member
