"""What the exchange is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenMemberAccounts:
    """Know a member the registry announced, and open their accounts."""

    member_id: str
    network_id: str
    kind: str
    status: str


@dataclass(frozen=True)
class KnowNetwork:
    """Know a network the registry created."""

    network_id: str
