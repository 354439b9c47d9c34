"""The dispatcher sends e-mail to a real SMTP server and SMS to a real (fake) provider.

Time is the dispatcher's clock, moved by the test: retries, leases and quiet
hours need no sleeping.
"""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from prometheus_client import REGISTRY

from services.notifications import configuration
from services.notifications.dispatcher import Channels
from services.notifications.domain.deliveries import DeliveryStatus
from tests.notifications.support import by_channel

ROME = ZoneInfo("Europe/Rome")
PHONE = "+393331234567"


def login_code(member, channel="sms", code="482913", expires_at=None, clock=None) -> dict:
    expires_at = expires_at or clock.now + timedelta(minutes=10)
    return {
        "member_id": member.member_id,
        "network_id": member.network_id,
        "code": code,
        "channel": channel,
        "expires_at": expires_at.isoformat(),
    }


def test_a_welcome_email_arrives_with_its_subject_body_recipient_and_language(
    enrol, dispatcher, smtp_server, log_of
):
    member = enrol(language="en", email="rossi@example.org")
    outcomes = dispatcher.run_once()
    assert outcomes["sent"] == 2
    [mail] = smtp_server.to("rossi@example.org")
    assert mail.message["Subject"] == "Welcome to Fa Bene"
    assert mail.message["To"] == "Famiglia Rossi <rossi@example.org>"
    assert mail.message["Content-Language"] == "en"
    assert "Your registration is recorded" in mail.text
    assert 'lang="en" dir="ltr"' in mail.html
    email = by_channel(log_of(member.member_id)[0])["email"]
    assert mail.message["Message-ID"] == f"<{email.id}@fabene.example>"
    assert (email.status, email.attempts, email.address) == (
        DeliveryStatus.SENT,
        1,
        "rossi@example.org",
    )


def test_an_arabic_email_is_written_right_to_left(enrol, dispatcher, smtp_server):
    enrol(language="ar", email="amrani@example.org")
    dispatcher.run_once()
    [mail] = smtp_server.to("amrani@example.org")
    assert 'dir="rtl"' in mail.html
    assert mail.message["Content-Language"] == "ar"


def test_a_welcome_sms_reaches_the_provider_in_the_members_language(
    enrol, dispatcher, sms_gateway, log_of
):
    member = enrol(language="it", phone=PHONE)
    dispatcher.run_once()
    [text] = sms_gateway.texts_to(PHONE)
    assert text.startswith("Fa Bene: benvenuti!")
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    assert sms.provider_message_id == sms_gateway.sent[0].id
    assert sms_gateway.sent[0].key == sms.id


def test_a_provider_outage_delays_the_sms_and_it_arrives_exactly_once(
    enrol, dispatcher, sms_gateway, clock, log_of
):
    members = [enrol(phone=f"+3933300000{n}", email=None) for n in range(3)]
    sms_gateway.fail_next(4, status=503)
    first_round = dispatcher.run_once()
    assert first_round["failed"] == 1 and first_round["released"] == 2
    for _ in range(6):
        clock.advance(minutes=5)
        dispatcher.run_once()
    assert sorted(sms.to for sms in sms_gateway.sent) == [f"+3933300000{n}" for n in range(3)]
    assert sum(sms_gateway.requests.values()) == 4 + 3  # four refused, then one each
    statuses = [by_channel(log_of(m.member_id)[0])["sms"].status for m in members]
    assert statuses == [DeliveryStatus.SENT] * 3


def test_an_answer_lost_after_the_provider_sent_does_not_send_twice(
    enrol, dispatcher, sms_gateway, clock, log_of
):
    member = enrol(email=None)
    sms_gateway.accept_then_stall(1.0)  # longer than the client's 0.3 s timeout
    assert dispatcher.run_once()["failed"] == 1
    clock.advance(minutes=1)
    assert dispatcher.run_once()["sent"] == 1
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    assert sms_gateway.requests[sms.id] == 2
    assert len(sms_gateway.sent) == 1
    assert (sms.status, sms.attempts, sms.provider_message_id) == (
        DeliveryStatus.SENT,
        2,
        sms_gateway.sent[0].id,
    )


class WorkerKilled(BaseException):
    """The worker process dies: nothing after the send runs."""


class DiesAfterSending:
    def __init__(self, provider) -> None:
        self._provider = provider

    def send(self, to, text, *, idempotency_key):
        self._provider.send(to, text, idempotency_key=idempotency_key)
        raise WorkerKilled


def test_a_worker_killed_between_sending_and_recording_sends_once(
    notifications, enrol, sms_gateway, clock, log_of
):
    member = enrol(email=None)
    provider = configuration.channels(notifications.settings).sms
    dying = notifications.dispatcher(clock=clock, channels=Channels(sms=DiesAfterSending(provider)))
    with pytest.raises(WorkerKilled):
        dying.run_once()
    assert by_channel(log_of(member.member_id)[0])["sms"].status is DeliveryStatus.SENDING
    successor = notifications.dispatcher(clock=clock)
    assert successor.run_once() == {}  # the claim's lease has not run out yet
    clock.advance(minutes=11)
    assert successor.run_once()["sent"] == 1
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    assert len(sms_gateway.sent) == 1
    assert sms_gateway.requests[sms.id] == 2
    assert sms.attempts == 2


def test_a_refused_number_is_given_up_at_once_without_quoting_it(
    enrol, dispatcher, sms_gateway, log_of
):
    member = enrol(email=None, phone="00393331234567")  # the fake provider wants "+"
    dispatcher.run_once()
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    assert (sms.status, sms.attempts) == (DeliveryStatus.GIVEN_UP, 1)
    assert "400" in sms.last_error
    assert "3331234567" not in sms.last_error


def test_a_provider_that_stays_down_makes_the_dispatcher_give_up_after_the_last_attempt(
    enrol, dispatcher, sms_gateway, clock, log_of
):
    member = enrol(email=None)
    sms_gateway.fail_next(100, status=500)
    for _ in range(6):
        dispatcher.run_once()
        clock.advance(hours=1)
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    assert (sms.status, sms.attempts) == (DeliveryStatus.GIVEN_UP, 4)
    assert sms.last_error.startswith("gave up after 4 attempts")


def night_in_rome(clock) -> datetime:
    """The next 23:00 in Rome after the clock's now (so what is created now is due)."""
    local = clock.now.astimezone(ROME)
    night = local.replace(hour=23, minute=0, second=0, microsecond=0)
    return night if night > local else night + timedelta(days=1)


def test_quiet_hours_hold_an_sms_until_the_morning_but_not_a_login_code(
    notifications, enrol, deliver, sms_gateway, smtp_server, clock, log_of
):
    rules = configuration.dispatch_rules(
        notifications.settings.with_overrides(quiet_hours_start="21:00", quiet_hours_end="08:00")
    )
    dispatcher = notifications.dispatcher(clock=clock, rules=rules)
    member = enrol(email="rossi@example.org")
    clock.now = night_in_rome(clock)
    deliver("registry.login.code_requested", **login_code(member, clock=clock))
    dispatcher.run_once()
    assert [sms.text for sms in sms_gateway.sent if "482913" in sms.text]
    assert not [sms for sms in sms_gateway.sent if "benvenuti" in sms.text]
    assert smtp_server.to("rossi@example.org"), "e-mail is not held by quiet hours"
    welcome_sms = by_channel([d for d in log_of(member.member_id)[0] if d.topic == "welcome"])[
        "sms"
    ]
    assert welcome_sms.next_attempt_at.astimezone(ROME).hour == 8
    clock.now = welcome_sms.next_attempt_at
    dispatcher.run_once()
    assert [sms for sms in sms_gateway.sent if "benvenuti" in sms.text]


def test_a_login_code_that_cannot_go_before_it_expires_is_dropped_and_wiped(
    enrol, deliver, dispatcher, sms_gateway, clock, log_of
):
    member = enrol(email=None)
    deliver("registry.login.code_requested", **login_code(member, clock=clock))
    clock.advance(minutes=11)
    dispatcher.run_once()
    code = next(d for d in log_of(member.member_id)[0] if d.topic == "login_code")
    assert (code.status, code.last_error, code.params) == (DeliveryStatus.GIVEN_UP, "expired", None)
    assert not [sms for sms in sms_gateway.sent if "482913" in sms.text]


def test_a_sent_login_code_is_wiped_from_the_delivery_log(
    enrol, deliver, dispatcher, smtp_server, clock, log_of
):
    member = enrol(email="rossi@example.org")
    deliver("registry.login.code_requested", **login_code(member, channel="email", clock=clock))
    dispatcher.run_once()
    [mail] = [m for m in smtp_server.to("rossi@example.org") if "482913" in m.text]
    assert mail.message["Subject"] == "Il vostro codice di accesso a Fa Bene"
    code = next(d for d in log_of(member.member_id)[0] if d.topic == "login_code")
    assert (code.status, code.params) == (DeliveryStatus.SENT, None)


def test_contact_points_that_arrive_after_the_welcome_are_waited_for(
    deliver, dispatcher, smtp_server, clock
):
    member_id, network_id = str(uuid.uuid4()), str(uuid.uuid4())
    common = {"member_id": member_id, "network_id": network_id, "language": "it"}
    deliver("registry.member.registered", **common, kind="household", status="pending")
    assert dispatcher.run_once()["held"] == 2
    contact = {"display_name": "Famiglia Verdi", "email": "verdi@example.org", "phone": None}
    deliver("registry.member.contact_changed", **common, **contact)
    outcomes = dispatcher.run_once()  # due again at once, not at the next recheck
    assert outcomes == {"sent": 1, "given_up": 1}  # e-mail sent; no phone number to text
    assert smtp_server.to("verdi@example.org")


def test_two_dispatchers_side_by_side_send_each_message_once(
    notifications, enrol, sms_gateway, clock
):
    for n in range(12):
        enrol(email=None, phone=f"+39333000{n:04d}")
    dispatchers = [notifications.dispatcher(clock=clock, batch_size=4) for _ in range(2)]

    def drain(dispatcher) -> None:
        while dispatcher.run_once():
            pass

    threads = [threading.Thread(target=drain, args=(d,)) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(sms_gateway.sent) == 12
    assert set(sms_gateway.requests.values()) == {1}


def test_deliveries_are_counted_by_channel_and_outcome(enrol, dispatcher, sms_gateway):
    def count(channel: str, outcome: str) -> float:
        labels = {"channel": channel, "outcome": outcome}
        return REGISTRY.get_sample_value("fabene_notifications_deliveries_total", labels) or 0

    before = {key: count(*key) for key in [("sms", "failed"), ("email", "sent"), ("inbox", "sent")]}
    sms_gateway.fail_next(1, status=502)
    enrol()
    dispatcher.run_once()
    after = {key: count(*key) for key in before}
    assert {key: after[key] - before[key] for key in before} == {
        ("sms", "failed"): 1,
        ("email", "sent"): 1,
        ("inbox", "sent"): 1,
    }
