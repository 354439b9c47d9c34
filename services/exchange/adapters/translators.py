"""Incoming registry events as exchange commands, and what the exchange publishes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from shared.contracts import EventContract
from shared.contracts import exchange as contracts
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import Subscriptions

from ..domain import commands, events


def _ids(data: dict[str, Any], *names: str) -> dict[str, str | None]:
    return {name: None if data.get(name) is None else str(data[name]) for name in names}


def _member_registered(data: dict[str, Any]) -> commands.OpenMemberAccounts:
    return commands.OpenMemberAccounts(
        **_ids(data, "member_id", "network_id"), kind=data["kind"], status=data["status"]
    )


def _status_changed(data: dict[str, Any]) -> commands.ChangeMemberStatus:
    return commands.ChangeMemberStatus(
        **_ids(data, "member_id", "network_id"),
        kind=data["kind"],
        status=data["status"],
        revision=data["revision"],
    )


def _composition_changed(data: dict[str, Any]) -> commands.RecordHouseholdComposition:
    return commands.RecordHouseholdComposition(
        **_ids(data, "member_id", "network_id"),
        adults=data["adults"],
        minors=data["minors"],
        revision=data["revision"],
    )


def _shop_profile_changed(data: dict[str, Any]) -> commands.RecordShopProfile:
    return commands.RecordShopProfile(
        **_ids(data, "member_id", "network_id", "market_id"),
        shop_type=data["shop_type"],
        accepts_time=data["accepts_time"],
        time_rate_cents_per_hour=data["time_rate_cents_per_hour"],
        revision=data["revision"],
    )


def _contract(data: dict[str, Any]) -> commands.RecordContract:
    return commands.RecordContract(
        **_ids(data, "contract_id", "household_id", "educator_id", "network_id"),
        hours_per_month=data["hours_per_month"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        revision=data["revision"],
    )


SUBSCRIPTIONS = Subscriptions(
    translators={
        "registry.network.created": lambda data: commands.KnowNetwork(**_ids(data, "network_id")),
        "registry.member.registered": _member_registered,
        "registry.member.status_changed": _status_changed,
        "registry.household.composition_changed": _composition_changed,
        "registry.member.merged": lambda data: commands.RecordMerge(
            **_ids(data, "kept_member_id", "merged_member_id", "network_id")
        ),
        "registry.member.erased": lambda data: commands.RecordErasure(
            **_ids(data, "member_id", "network_id")
        ),
        "registry.shop.profile_changed": _shop_profile_changed,
        "registry.card.issued": lambda data: commands.RecordIssuedCard(
            **_ids(data, "card_id", "member_id", "network_id"), card_number=data["card_number"]
        ),
        "registry.card.blocked": lambda data: commands.BlockCard(
            **_ids(data, "card_id", "member_id", "network_id"), card_number=data["card_number"]
        ),
        "registry.device.registered": lambda data: commands.RecordDevice(
            **_ids(data, "device_id", "shop_id", "network_id"), token_sha256=data["token_sha256"]
        ),
        "registry.device.revoked": lambda data: commands.RevokeDevice(
            **_ids(data, "device_id", "shop_id", "network_id")
        ),
        "registry.contract.signed": _contract,
        "registry.contract.changed": _contract,
        "registry.contract.ended": lambda data: commands.EndContract(
            **_ids(data, "contract_id", "household_id", "network_id"), ended_on=data["ended_on"]
        ),
    }
)


PUBLISHED: dict[type, EventContract] = {
    events.CreditsDonated: contracts.CREDITS_DONATED,
    events.CreditsAllocated: contracts.CREDITS_ALLOCATED,
    events.CreditsRedeemed: contracts.CREDITS_REDEEMED,
    events.CreditsReversed: contracts.CREDITS_REVERSED,
    events.CreditsExpired: contracts.CREDITS_EXPIRED,
    events.CreditsExpiring: contracts.CREDITS_EXPIRING,
    events.BalanceLow: contracts.BALANCE_LOW,
    events.CardLockedByWrongPins: contracts.CARD_LOCKED,
    events.TimeLogged: contracts.TIME_LOGGED,
    events.TimeConfirmed: contracts.TIME_CONFIRMED,
    events.TimeRejected: contracts.TIME_REJECTED,
    events.TimeGiven: contracts.TIME_GIVEN,
    events.TimeSpent: contracts.TIME_SPENT,
}


# Only the exchange itself needs these (its reports read them from the ledger).
INTERNAL = {events.CreditsGranted}


def to_envelope(event: object) -> Envelope | None:
    """The integration event for a domain event, or None for one that stays inside."""
    if type(event) in INTERNAL:
        return None
    contract = PUBLISHED[type(event)]
    data = contract.checked_for_publishing(asdict(event))
    return Envelope.new(contract.type, data, producer="exchange", version=contract.version)
