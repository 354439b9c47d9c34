"""What happens in the registry, as domain events (past tense)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkCreated:
    network_id: str
    name: str
    town: str


@dataclass(frozen=True)
class MemberRegistered:
    member_id: str
    network_id: str
    kind: str
    status: str
    language: str


@dataclass(frozen=True)
class MemberContactChanged:
    member_id: str
    network_id: str
    display_name: str
    email: str | None
    phone: str | None
    language: str
