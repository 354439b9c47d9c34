"""Pairing a till with a one-time code: the operator asks for it, the till redeems it."""

from __future__ import annotations

from ..domain import commands
from ..domain.devices import Device
from ..domain.errors import InvalidPairingCode
from ..domain.pairing import (
    WRONG_CODES_WINDOW,
    PairingCode,
    WrongPairingCode,
    check_code_found,
    check_pairing_open,
    pairing_code_sha256,
)
from ..unit_of_work import RegistryUnitOfWork
from .cards import add_device
from .common import managed_member, now


def issue_pairing_code(
    cmd: commands.IssuePairingCode, uow: RegistryUnitOfWork
) -> tuple[PairingCode, str]:
    """A code for a till of this shop (its operators); the digits are shown only now."""
    with uow:
        shop = managed_member(uow, cmd.actor, cmd.shop_id)
        pairing, code = PairingCode.issue(shop, cmd.actor, now())
        uow.pairing_codes.add(pairing)
        uow.commit()
        return pairing, code


def pair_till(cmd: commands.PairTill, uow: RegistryUnitOfWork) -> tuple[Device, str]:
    """Register a till as the code's operator would have, and use the code up, at once."""
    moment = now()
    with uow:
        check_pairing_open(uow.wrong_pairing_codes.typed_since(moment - WRONG_CODES_WINDOW), moment)
        try:
            pairing = check_code_found(
                uow.pairing_codes.newest_with_hash(pairing_code_sha256(cmd.code)), moment
            )
        except InvalidPairingCode:
            uow.wrong_pairing_codes.forget_before(moment - WRONG_CODES_WINDOW)
            uow.wrong_pairing_codes.add(WrongPairingCode.typed(moment))
            uow.commit()  # the wrong code counts even though the pairing fails
            raise
        register = commands.RegisterDevice(pairing.issuer, pairing.shop_id, cmd.label)
        device, token = add_device(register, uow)
        pairing.redeem(device.id, moment)
        uow.commit()
        return device, token
