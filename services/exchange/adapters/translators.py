"""Incoming registry events as exchange commands, and what the exchange publishes."""

from __future__ import annotations

from typing import Any

from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import Subscriptions

from ..domain.commands import KnowNetwork, OpenMemberAccounts


def _member_registered(data: dict[str, Any]) -> OpenMemberAccounts:
    return OpenMemberAccounts(
        member_id=str(data["member_id"]),
        network_id=str(data["network_id"]),
        kind=data["kind"],
        status=data["status"],
    )


SUBSCRIPTIONS = Subscriptions(
    translators={
        "registry.network.created": lambda data: KnowNetwork(network_id=str(data["network_id"])),
        "registry.member.registered": _member_registered,
    }
)


def to_envelope(event: object) -> Envelope | None:
    """The exchange publishes no events yet; the ledger's arrive with its flows."""
    return None
