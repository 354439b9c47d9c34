"""Incoming events as notifications commands, and what this service publishes.

Registry events keep the recipients (contact points, erasure), send login
codes and keep the reciprocity contracts; exchange events become messages
to the members they concern and the numbers of the digests.
"""

from __future__ import annotations

from typing import Any

from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import Subscriptions

from ..domain import commands as c


def _ids(data: dict[str, Any], *names: str) -> dict[str, str | None]:
    return {name: None if data.get(name) is None else str(data[name]) for name in names}


def _member_registered(data: dict[str, Any]) -> c.WelcomeMember:
    return c.WelcomeMember(**_ids(data, "member_id", "network_id"), language=data["language"])


def _contact_changed(data: dict[str, Any]) -> c.UpdateContact:
    return c.UpdateContact(
        **_ids(data, "member_id", "network_id"),
        display_name=data["display_name"],
        email=data.get("email"),
        phone=data.get("phone"),
        language=data["language"],
    )


def _login_code_requested(data: dict[str, Any]) -> c.SendLoginCode:
    return c.SendLoginCode(
        **_ids(data, "member_id", "network_id"),
        code=data["code"],
        channel=data["channel"],
        expires_at=data["expires_at"],
    )


def _contract(data: dict[str, Any]) -> c.RecordContract:
    return c.RecordContract(
        **_ids(data, "contract_id", "household_id", "network_id"),
        hours_per_month=data["hours_per_month"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        revision=data["revision"],
    )


def _notify(topic: str, member: str = "member_id", **values: str):
    """A translator into ``Notify``: ``values`` names each template value's field in the data."""

    def translate(data: dict[str, Any]) -> c.Notify:
        return c.Notify(
            member_id=str(data[member]),
            network_id=str(data["network_id"]),
            topic=topic,
            values={name: data[field] for name, field in values.items()},
        )

    return translate


def _expiring(data: dict[str, Any]) -> c.Notify:
    return c.Notify(
        **_ids(data, "member_id", "network_id"),
        topic="credits_expiring",
        values={"amount": data["amount_cents"], "expires_on": data["expires_on"].isoformat()},
    )


REGISTRY = {
    "registry.member.registered": _member_registered,
    "registry.member.contact_changed": _contact_changed,
    "registry.member.erased": lambda data: c.EraseRecipient(
        **_ids(data, "member_id", "network_id")
    ),
    "registry.login.code_requested": _login_code_requested,
    "registry.contract.signed": _contract,
    "registry.contract.changed": _contract,
    "registry.contract.ended": lambda data: c.EndContract(
        **_ids(data, "contract_id", "household_id", "network_id"), ended_on=data["ended_on"]
    ),
}

EXCHANGE = {
    "exchange.credits.donated": lambda data: c.RecordDonation(
        **_ids(data, "transaction_id", "network_id", "shop_id"), amount_cents=data["amount_cents"]
    ),
    "exchange.credits.allocated": _notify(
        "credits_allocated", amount="amount_cents", balance="balance_cents"
    ),
    "exchange.credits.redeemed": lambda data: c.RecordRedemption(
        **_ids(data, "transaction_id", "network_id", "member_id", "shop_id"),
        amount_cents=data["amount_cents"],
        balance_cents=data["balance_cents"],
    ),
    "exchange.credits.reversed": lambda data: c.RecordReversal(
        **_ids(data, "transaction_id", "network_id", "member_id", "shop_id"),
        unit=data["unit"],
        amount=data["amount"],
    ),
    "exchange.credits.expired": _notify(
        "credits_expired", amount="amount_cents", balance="balance_cents"
    ),
    "exchange.credits.expiring": _expiring,
    "exchange.balance.low": _notify("balance_low", balance="balance_cents"),
    "exchange.card.locked": _notify("card_locked"),
    "exchange.time.logged": lambda data: c.Notify(
        member_id=str(data["organisation_id"]),
        network_id=str(data["network_id"]),
        topic="hours_to_confirm",
        values={"minutes": data["minutes"]},
    ),
    "exchange.time.confirmed": lambda data: c.RecordHoursConfirmed(
        **_ids(data, "time_entry_id", "network_id", "member_id"),
        minutes=data["minutes"],
        balance_minutes=data["balance_minutes"],
        activity_date=data.get("activity_date"),
    ),
    "exchange.time.rejected": _notify("hours_rejected", minutes="minutes"),
    "exchange.time.given": _notify("time_received", member="to_member_id", minutes="minutes"),
    "exchange.time.spent": lambda data: c.RecordTimeSpent(
        **_ids(data, "transaction_id", "network_id", "member_id"),
        minutes=data["minutes"],
        value_cents=data["value_cents"],
        balance_minutes=data["balance_minutes"],
    ),
}

SUBSCRIPTIONS = Subscriptions(translators={**REGISTRY, **EXCHANGE})


def to_envelope(event: object) -> Envelope | None:
    """The notifications service publishes no events yet."""
    return None
