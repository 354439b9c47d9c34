"""The catalogue of integration events: each type, its version and its data schema.

Producers validate what they publish against it and consumers parse with it,
so both sides agree on one definition. docs/events.md is generated from it
(``fabene events catalogue``) and a test keeps the two equal.
"""

from __future__ import annotations

from shared.contracts import exchange, registry
from shared.contracts.base import EventContract, InvalidEventData

__all__ = ["CATALOGUE", "EventContract", "InvalidEventData", "UnknownEventType", "contract_for"]


class UnknownEventType(KeyError):
    """An event type the catalogue does not know."""


CATALOGUE: dict[str, EventContract] = {
    contract.type: contract for contract in (*registry.CONTRACTS, *exchange.CONTRACTS)
}


def contract_for(event_type: str) -> EventContract:
    """The contract of an event type; unknown types are refused."""
    try:
        return CATALOGUE[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None
