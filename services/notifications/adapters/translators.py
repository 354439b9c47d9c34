"""Incoming events as notifications commands, and what this service publishes."""

from __future__ import annotations

from typing import Any

from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import Subscriptions

from ..domain.commands import EraseRecipient, SendLoginCode, UpdateContact, WelcomeMember


def _member_registered(data: dict[str, Any]) -> WelcomeMember:
    return WelcomeMember(
        member_id=str(data["member_id"]),
        network_id=str(data["network_id"]),
        language=data["language"],
    )


def _contact_changed(data: dict[str, Any]) -> UpdateContact:
    return UpdateContact(
        member_id=str(data["member_id"]),
        network_id=str(data["network_id"]),
        display_name=data["display_name"],
        email=data.get("email"),
        phone=data.get("phone"),
        language=data["language"],
    )


def _login_code_requested(data: dict[str, Any]) -> SendLoginCode:
    return SendLoginCode(
        member_id=str(data["member_id"]),
        network_id=str(data["network_id"]),
        code=data["code"],
        channel=data["channel"],
        expires_at=data["expires_at"],
    )


SUBSCRIPTIONS = Subscriptions(
    translators={
        "registry.member.registered": _member_registered,
        "registry.member.contact_changed": _contact_changed,
        "registry.member.erased": lambda data: EraseRecipient(
            member_id=str(data["member_id"]), network_id=str(data["network_id"])
        ),
        "registry.login.code_requested": _login_code_requested,
    }
)


def to_envelope(event: object) -> Envelope | None:
    """The notifications service publishes no events yet."""
    return None
