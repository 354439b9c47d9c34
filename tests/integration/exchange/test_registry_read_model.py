"""The exchange's read model of the registry, whatever order its events arrive in."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.exchange.domain.directory import Card, CardStatus, Contract, Device, DeviceStatus
from services.exchange.domain.model import LedgerMember
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import EventDispatcher

NETWORK = str(uuid.uuid4())


@pytest.fixture
def exchange(services):
    return services["exchange"]


@pytest.fixture
def deliver(exchange):
    dispatch = EventDispatcher(exchange.bus, exchange.subscriptions)

    def deliver(event_type: str, **data) -> None:
        dispatch(Envelope.new(event_type, {"network_id": NETWORK, **data}, producer="registry"))

    return deliver


def load(exchange, record_class, key):
    with exchange.database.session() as session:
        return session.get(record_class, key)


def card_event(card_id: str, member_id: str) -> dict:
    return {"card_id": card_id, "card_number": "1234 5678 9012", "member_id": member_id}


@pytest.mark.parametrize("order", [("issued", "blocked"), ("blocked", "issued")])
def test_a_blocked_card_stays_blocked_whatever_the_order(exchange, deliver, order):
    card_id, member_id = str(uuid.uuid4()), str(uuid.uuid4())
    for what in order:
        extra = {"reason": "lost"} if what == "blocked" else {}
        deliver(f"registry.card.{what}", **card_event(card_id, member_id), **extra)
    assert load(exchange, Card, card_id).status is CardStatus.BLOCKED


@pytest.mark.parametrize("order", [("registered", "revoked"), ("revoked", "registered")])
def test_a_revoked_device_stays_revoked_whatever_the_order(exchange, deliver, order):
    device_id, shop_id = str(uuid.uuid4()), str(uuid.uuid4())
    for what in order:
        extra = {"token_sha256": "a" * 64} if what == "registered" else {}
        deliver(f"registry.device.{what}", device_id=device_id, shop_id=shop_id, **extra)
    assert load(exchange, Device, device_id).status is DeviceStatus.REVOKED


def test_an_older_status_never_overwrites_a_newer_one(exchange, deliver):
    member_id = str(uuid.uuid4())
    common = {"member_id": member_id, "kind": "household", "automatic": False}
    deliver(
        "registry.member.status_changed",
        **common,
        status="suspended",
        previous_status="active",
        revision=3,
    )
    deliver(
        "registry.member.status_changed",
        **common,
        status="active",
        previous_status="pending",
        revision=2,
    )
    deliver(
        "registry.member.registered",
        member_id=member_id,
        kind="household",
        status="pending",
        language="it",
    )
    member = load(exchange, LedgerMember, member_id)
    assert (member.status, member.status_revision) == ("suspended", 3)
    assert len(member.accounts) == 2


def test_the_household_size_follows_the_newest_composition(exchange, deliver):
    member_id = str(uuid.uuid4())
    deliver(
        "registry.household.composition_changed",
        member_id=member_id,
        adults=2,
        minors=3,
        revision=2,
    )
    deliver(
        "registry.household.composition_changed",
        member_id=member_id,
        adults=1,
        minors=0,
        revision=1,
    )
    assert load(exchange, LedgerMember, member_id).household_size == 5


def test_a_contract_ended_before_its_signing_arrived_stays_ended(exchange, deliver):
    contract_id, household_id = str(uuid.uuid4()), str(uuid.uuid4())
    deliver(
        "registry.contract.ended",
        contract_id=contract_id,
        household_id=household_id,
        ended_on="2026-10-31",
    )
    deliver(
        "registry.contract.signed",
        contract_id=contract_id,
        household_id=household_id,
        educator_id=str(uuid.uuid4()),
        hours_per_month=12,
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        revision=1,
    )
    contract = load(exchange, Contract, contract_id)
    assert contract.hours_per_month == 12
    assert contract.ended_on == date(2026, 10, 31)


def test_an_erased_member_keeps_their_anonymous_ledger_record(exchange, deliver):
    member_id = str(uuid.uuid4())
    deliver(
        "registry.member.registered",
        member_id=member_id,
        kind="citizen",
        status="active",
        language="it",
    )
    deliver("registry.member.erased", member_id=member_id)
    member = load(exchange, LedgerMember, member_id)
    assert member.erased
    assert len(member.accounts) == 2
