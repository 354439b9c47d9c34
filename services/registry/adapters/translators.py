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
}


def to_envelope(event: object) -> Envelope | None:
    """The integration event for a domain event, or None if it stays inside."""
    contract = PUBLISHED.get(type(event))
    if contract is None:
        return None
    data = contract.checked_for_publishing(asdict(event))
    return Envelope.new(contract.type, data, producer="registry", version=contract.version)
