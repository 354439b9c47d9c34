"""What the notifications service is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WelcomeMember:
    member_id: str
    network_id: str
    language: str


@dataclass(frozen=True)
class UpdateContact:
    member_id: str
    network_id: str
    display_name: str
    email: str | None
    phone: str | None
    language: str


@dataclass(frozen=True)
class EraseRecipient:
    member_id: str
    network_id: str
