"""What the notifications service is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from shared.auth.principal import Principal

from .quiet_hours import QuietHours


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


@dataclass(frozen=True)
class SendLoginCode:
    member_id: str
    network_id: str
    code: str = field(repr=False)
    channel: str
    expires_at: datetime


@dataclass(frozen=True)
class SetPreferences:
    actor: Principal
    member_id: str
    channels: tuple[str, ...]
    language: str | None
    quiet_hours: QuietHours | None
    muted_topics: tuple[str, ...]


@dataclass(frozen=True)
class MarkMessageRead:
    actor: Principal
    member_id: str
    message_id: str


@dataclass(frozen=True)
class RequeueDelivery:
    delivery_id: str
