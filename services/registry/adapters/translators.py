"""Which domain events leave the registry, and as which integration event."""

from __future__ import annotations

from dataclasses import asdict

from shared.contracts import EventContract
from shared.contracts import registry as contracts
from shared.messaging.envelope import Envelope

from ..domain import events

PUBLISHED: dict[type, EventContract] = {
    events.NetworkCreated: contracts.NETWORK_CREATED,
    events.MemberRegistered: contracts.MEMBER_REGISTERED,
    events.MemberContactChanged: contracts.MEMBER_CONTACT_CHANGED,
    events.MemberStatusChanged: contracts.MEMBER_STATUS_CHANGED,
    events.HouseholdCompositionChanged: contracts.HOUSEHOLD_COMPOSITION_CHANGED,
    events.MembersMerged: contracts.MEMBERS_MERGED,
    events.MemberErased: contracts.MEMBER_ERASED,
    events.ShopProfileChanged: contracts.SHOP_PROFILE_CHANGED,
    events.CardIssued: contracts.CARD_ISSUED,
    events.CardBlocked: contracts.CARD_BLOCKED,
    events.DeviceRegistered: contracts.DEVICE_REGISTERED,
    events.DeviceRevoked: contracts.DEVICE_REVOKED,
    events.ContractSigned: contracts.CONTRACT_SIGNED,
    events.ContractChanged: contracts.CONTRACT_CHANGED,
    events.ContractEnded: contracts.CONTRACT_ENDED,
    events.LoginCodeRequested: contracts.LOGIN_CODE_REQUESTED,
}

# Erasure drops the member's unsent events of these types (their name, contact points).
PERSONAL_EVENT_TYPES = frozenset(c.type for c in PUBLISHED.values() if c.carries_personal_data)


def to_envelope(event: object) -> Envelope:
    """The integration event for a domain event; every registry event is published."""
    contract = PUBLISHED[type(event)]
    data = contract.checked_for_publishing(asdict(event))
    return Envelope.new(contract.type, data, producer="registry", version=contract.version)
