"""Events become deliveries in the consumer's transaction: per member and channel, once."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from services.notifications.domain.channels import Channel
from services.notifications.domain.commands import SetPreferences
from services.notifications.domain.deliveries import Delivery, DeliveryStatus
from services.notifications.domain.preferences import Preferences
from shared.auth.principal import Principal, Role
from shared.messaging.envelope import Envelope
from tests.notifications.support import Member, by_channel


def test_a_new_member_is_welcomed_on_every_channel_in_their_language(enrol, log_of):
    member = enrol(language="en")
    deliveries, inbox, _ = log_of(member.member_id)
    assert set(by_channel(deliveries)) == {"email", "sms", "inbox"}
    assert by_channel(deliveries)["inbox"].status is DeliveryStatus.SENT
    assert by_channel(deliveries)["email"].status is DeliveryStatus.QUEUED
    assert [(message.title, message.language) for message in inbox] == [
        ("Welcome to Fa Bene", "en")
    ]


def test_a_member_without_email_gets_no_email_delivery(enrol, log_of):
    member = enrol(email=None)
    deliveries, _, _ = log_of(member.member_id)
    assert set(by_channel(deliveries)) == {"sms", "inbox"}


def test_when_the_welcome_comes_before_the_contact_points_email_and_sms_wait_for_them(
    deliver, log_of
):
    member_id, network_id = str(uuid.uuid4()), str(uuid.uuid4())
    deliver(
        "registry.member.registered",
        member_id=member_id,
        network_id=network_id,
        kind="household",
        status="pending",
        language="it",
    )
    deliveries, _, recipient = log_of(member_id)
    assert not recipient.contact_known
    assert set(by_channel(deliveries)) == {"email", "sms", "inbox"}


def test_a_duplicated_event_creates_one_delivery_per_channel(deliver, log_of, enrol):
    member = enrol()
    envelope = Envelope.new(
        "registry.login.code_requested",
        {
            "member_id": member.member_id,
            "network_id": member.network_id,
            "code": "482913",
            "channel": "sms",
            "expires_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
        },
        producer="registry",
    )
    for _ in range(3):
        deliver(envelope.type, envelope=envelope)
    deliveries, _, _ = log_of(member.member_id)
    assert [d.topic for d in deliveries].count("login_code") == 1


def test_the_database_refuses_a_second_delivery_of_one_event_to_one_member_and_channel(
    notifications, enrol, log_of
):
    member = enrol()
    first = by_channel(log_of(member.member_id)[0])["email"]
    twin = Delivery.queue(
        first.event_id,
        member.member_id,
        member.network_id,
        Channel.EMAIL,
        "welcome",
        {},
        datetime.now(UTC),
    )
    with notifications.database.session() as session, pytest.raises(IntegrityError):
        session.add(twin)
        session.commit()


def test_a_welcome_event_published_twice_under_two_ids_welcomes_once(deliver, enrol, log_of):
    member = enrol()
    deliver(
        "registry.member.registered",
        member_id=member.member_id,
        network_id=member.network_id,
        kind="household",
        status="pending",
        language="it",
    )
    deliveries, inbox, _ = log_of(member.member_id)
    assert len(deliveries) == 3 and len(inbox) == 1


def login_code(member: Member, channel="sms", code="482913", minutes=10) -> dict:
    return {
        "member_id": member.member_id,
        "network_id": member.network_id,
        "code": code,
        "channel": channel,
        "expires_at": (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat(),
    }


def test_a_login_code_goes_only_by_the_channel_asked_for_never_to_the_inbox_or_the_log(
    deliver, enrol, log_of, caplog
):
    member = enrol()
    caplog.set_level(logging.DEBUG)
    deliver("registry.login.code_requested", **login_code(member, channel="email"))
    deliveries, inbox, _ = log_of(member.member_id)
    codes = [d for d in deliveries if d.topic == "login_code"]
    assert [(d.channel, d.status) for d in codes] == [(Channel.EMAIL, DeliveryStatus.QUEUED)]
    assert [message.topic for message in inbox] == ["welcome"]
    assert "482913" not in caplog.text


def test_a_muted_topic_and_a_dropped_channel_are_respected_but_a_login_code_is_not_muted(
    notifications, deliver, enrol, log_of
):
    member = enrol()
    as_member = Principal(
        subject=member.member_id,
        role=Role.CITIZEN,
        network_id=member.network_id,
        member_id=member.member_id,
    )
    notifications.bus.handle(
        SetPreferences(as_member, member.member_id, ("inbox",), "en", None, ("welcome",))
    )
    registered = {"kind": "citizen", "status": "active", "language": "it"}
    welcome_again = Envelope.new(
        "registry.member.registered",
        {"member_id": member.member_id, "network_id": member.network_id, **registered},
        producer="registry",
    )
    with notifications.database.session() as session:  # forget the first welcome
        session.query(Delivery).filter_by(member_id=member.member_id).delete()
        session.commit()
    deliver(welcome_again.type, envelope=welcome_again)
    assert log_of(member.member_id)[0] == []
    deliver("registry.login.code_requested", **login_code(member, channel="sms"))
    assert [d.channel for d in log_of(member.member_id)[0]] == [Channel.SMS]


def test_erasure_forgets_the_contact_points_everywhere_and_stops_what_is_pending(
    notifications, deliver, enrol, log_of
):
    member = enrol()
    operator = Principal(subject="op", role=Role.OPERATOR, network_id=member.network_id)
    notifications.bus.handle(SetPreferences(operator, member.member_id, ("sms",), "ro", None, ()))
    deliver("registry.login.code_requested", **login_code(member))
    deliver("registry.member.erased", member_id=member.member_id, network_id=member.network_id)
    deliveries, inbox, recipient = log_of(member.member_id)
    assert (recipient.display_name, recipient.email, recipient.phone) == (None, None, None)
    assert recipient.preferences is None
    with notifications.database.session() as session:
        assert session.query(Preferences).count() == 0
    assert inbox == []
    assert all(d.address is None and d.params is None for d in deliveries)
    pending = [d for d in deliveries if d.channel is not Channel.INBOX]
    assert {d.status for d in pending} == {DeliveryStatus.GIVEN_UP}
    assert {d.last_error for d in pending} == {"member erased"}


def test_a_late_contact_event_does_not_bring_an_erased_members_data_back(deliver, enrol, log_of):
    member = enrol()
    deliver("registry.member.erased", member_id=member.member_id, network_id=member.network_id)
    deliver(
        "registry.member.contact_changed",
        member_id=member.member_id,
        network_id=member.network_id,
        display_name="Famiglia Rossi",
        email="rossi@example.org",
        phone="+393331234567",
        language="it",
    )
    _, _, recipient = log_of(member.member_id)
    assert (recipient.display_name, recipient.email, recipient.phone) == (None, None, None)
