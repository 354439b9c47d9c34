"""Cards and shop till devices."""

from __future__ import annotations

from ..domain import commands, policy
from ..domain.cards import Card
from ..domain.devices import Device
from ..domain.errors import CardNotActive, NotAllowedForKind, NotFound
from ..unit_of_work import RegistryUnitOfWork
from .common import managed_member


def issue_card(cmd: commands.IssueCard, uow: RegistryUnitOfWork) -> Card:
    """A first card; a member with an active card gets a replacement instead."""
    with uow:
        holder = managed_member(uow, cmd.actor, cmd.member_id)
        if holder.is_erased:
            raise NotAllowedForKind("this member's data was erased")
        if uow.cards.active_of(holder.id):
            raise CardNotActive(
                "this member has an active card already: block it or replace it first"
            )
        card = Card.issue(holder)
        uow.cards.add(card)
        uow.commit()
        return card


def block_card(cmd: commands.BlockCard, uow: RegistryUnitOfWork) -> Card:
    """Block a card at once; its holder may do it too (a lost card cannot wait)."""
    with uow:
        card = _card(uow, cmd)
        card.block(cmd.reason)
        uow.commit()
        return card


def replace_card(cmd: commands.ReplaceCard, uow: RegistryUnitOfWork) -> Card:
    """Block a card (if it is not yet) and issue a new one in its place."""
    with uow:
        old = _card(uow, cmd)
        holder = managed_member(uow, cmd.actor, old.member_id)
        if old.is_active:
            old.block(cmd.reason)
        new = Card.issue(holder, replaces=old)
        uow.cards.add(new)
        uow.commit()
        return new


def register_device(cmd: commands.RegisterDevice, uow: RegistryUnitOfWork) -> tuple[Device, str]:
    with uow:
        device, token = add_device(cmd, uow)
        uow.commit()
        return device, token


def add_device(cmd: commands.RegisterDevice, uow: RegistryUnitOfWork) -> tuple[Device, str]:
    """Register a till within work already under way (pairing uses it too)."""
    shop = managed_member(uow, cmd.actor, cmd.shop_id)
    device, token = Device.register(shop, cmd.label)
    uow.devices.add(device)
    return device, token


def revoke_device(cmd: commands.RevokeDevice, uow: RegistryUnitOfWork) -> Device:
    with uow:
        device = uow.devices.get(cmd.device_id)
        if device is None or not cmd.actor.manages_network(device.network_id):
            raise NotFound("no such device")
        device.revoke()
        uow.commit()
        return device


def _card(uow: RegistryUnitOfWork, cmd) -> Card:
    card = uow.cards.get(cmd.card_id)
    if card is None:
        raise NotFound("no such card")
    policy.check_is_self_or_manager(cmd.actor, uow.members.get(card.member_id))
    return card
