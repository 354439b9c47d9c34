"""The delivery log's rules, as plain Python: claims, retries, giving up, quiet hours, erasure."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.channels import Channel, PermanentFailure, TemporaryFailure
from services.notifications.domain.deliveries import Delivery, DeliveryStatus, RetryPolicy
from services.notifications.domain.dispatching import DispatchRules, prepare_attempt
from services.notifications.domain.errors import CannotRequeue
from services.notifications.domain.model import Recipient
from services.notifications.domain.quiet_hours import QuietHours

ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2026, 3, 11, 11, 0, tzinfo=UTC)  # noon in Rome
POLICY = RetryPolicy(max_attempts=3, first_delay=timedelta(seconds=30))
RULES = DispatchRules(
    retry=POLICY, zone=ROME, default_quiet_hours=QuietHours.parse("21:00", "08:00")
)


def recipient(**changes) -> Recipient:
    fields = {
        "member_id": "m1",
        "network_id": "n1",
        "language": "it",
        "display_name": "Famiglia Rossi",
        "email": "rossi@example.org",
        "phone": "+393331234567",
    }
    return Recipient(**{**fields, **changes})


def delivery(channel=Channel.SMS, topic="welcome", params=None, **changes) -> Delivery:
    queued = Delivery.queue("e1", "m1", "n1", channel, topic, params or {}, NOW)
    for name, value in changes.items():
        setattr(queued, name, value)
    return queued


def test_backoff_doubles_up_to_the_longest_delay():
    policy = RetryPolicy(first_delay=timedelta(seconds=30), longest_delay=timedelta(minutes=3))
    delays = [policy.delay_after(n).total_seconds() for n in range(1, 6)]
    assert delays == [30, 60, 120, 180, 180]


def test_a_temporary_failure_is_retried_later_and_a_permanent_one_gives_up():
    retried, refused = delivery(), delivery()
    for each in (retried, refused):
        each.claim(NOW, timedelta(minutes=10))
    retried.record_failure(retried.claim_token, NOW, TemporaryFailure("503"), POLICY)
    refused.record_failure(refused.claim_token, NOW, PermanentFailure("bad number"), POLICY)
    assert retried.status is DeliveryStatus.FAILED
    assert retried.next_attempt_at == NOW + timedelta(seconds=30)
    assert refused.status is DeliveryStatus.GIVEN_UP
    assert refused.last_error == "PermanentFailure: bad number"


def test_after_the_last_attempt_it_gives_up():
    failing = delivery()
    for _ in range(POLICY.max_attempts):
        token = failing.claim(NOW, timedelta(minutes=10))
        failing.record_failure(token, NOW, TemporaryFailure("503"), POLICY)
    assert failing.status is DeliveryStatus.GIVEN_UP
    assert failing.attempts == 3
    assert failing.last_error.startswith("gave up after 3 attempts")


def test_only_the_holder_of_the_claim_records_the_outcome():
    sent = delivery()
    first = sent.claim(NOW, timedelta(minutes=10))
    second = sent.claim(NOW + timedelta(minutes=11), timedelta(minutes=10))
    assert not sent.record_sent(first, NOW, "+39333", "late")
    assert sent.record_sent(second, NOW, "+39333", "p-1")
    assert (sent.status, sent.provider_message_id, sent.attempts) == (DeliveryStatus.SENT, "p-1", 1)


def test_a_claim_whose_lease_ran_out_counts_as_an_attempt_of_unknown_outcome():
    in_doubt = delivery()
    in_doubt.claim(NOW, RULES.lease)
    later = NOW + RULES.lease
    attempt = prepare_attempt(in_doubt, recipient(), later, RULES)
    assert attempt is not None
    assert in_doubt.attempts == 1
    assert "unknown" in in_doubt.last_error


def test_an_attempt_of_unknown_outcome_at_night_is_held_unclaimed_and_counted_once():
    in_doubt = delivery()
    in_doubt.claim(NOW, RULES.lease)
    night = datetime(2026, 3, 11, 22, 30, tzinfo=UTC)
    assert prepare_attempt(in_doubt, recipient(), night, RULES) is None
    assert (in_doubt.status, in_doubt.attempts) == (DeliveryStatus.FAILED, 1)
    assert in_doubt.claim_token is None
    assert in_doubt.next_attempt_at == datetime(2026, 3, 12, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("topic", "params"),
    [("retired_topic", {}), ("login_code", {"code": "1"}), ("login_code", None)],
)
def test_a_delivery_that_cannot_be_written_is_given_up_not_retried_forever(topic, params):
    broken = delivery(Channel.EMAIL, topic=topic, params=params)
    broken.params = params
    assert prepare_attempt(broken, recipient(), NOW, RULES) is None
    assert broken.status is DeliveryStatus.GIVEN_UP
    assert broken.params is None  # unknown topics count as secret: nothing kept


def test_a_login_code_that_cannot_be_retried_before_it_expires_is_dropped_and_wiped():
    code = delivery(
        topic="login_code",
        params={"code": "123456", "expires_at": NOW.isoformat()},
        expires_at=NOW + timedelta(seconds=20),
    )
    token = code.claim(NOW, RULES.lease)
    code.record_failure(token, NOW, TemporaryFailure("timeout"), POLICY)
    assert code.status is DeliveryStatus.GIVEN_UP
    assert code.last_error.startswith("expired")
    assert code.params is None


def test_an_sms_in_quiet_hours_is_held_until_the_morning_but_a_login_code_is_not():
    night = datetime(2026, 3, 11, 22, 30, tzinfo=UTC)  # 23:30 in Rome
    welcome = delivery(next_attempt_at=night)
    code = delivery(topic="login_code", params={"code": "1", "expires_at": night.isoformat()})
    assert prepare_attempt(welcome, recipient(), night, RULES) is None
    assert welcome.next_attempt_at == datetime(2026, 3, 12, 7, 0, tzinfo=UTC)  # 08:00 in Rome
    assert welcome.status is DeliveryStatus.QUEUED
    assert prepare_attempt(code, recipient(), night, RULES) is not None


def test_an_email_is_not_held_by_quiet_hours():
    night = datetime(2026, 3, 11, 22, 30, tzinfo=UTC)
    assert prepare_attempt(delivery(Channel.EMAIL), recipient(), night, RULES) is not None


def test_a_member_with_no_quiet_hours_of_their_own_gets_sms_at_night():
    night = datetime(2026, 3, 11, 22, 30, tzinfo=UTC)
    member = recipient()
    member.change_preferences(["sms"], None, None, [], NOW)
    assert prepare_attempt(delivery(), member, night, RULES) is not None


def test_no_address_waits_for_the_contact_points_then_gives_up():
    unknown = recipient(display_name=None, email=None, phone=None)
    waiting = delivery()
    assert prepare_attempt(waiting, unknown, NOW, RULES) is None
    assert waiting.status is DeliveryStatus.QUEUED
    assert waiting.next_attempt_at == NOW + RULES.contact_recheck
    known_without_phone = recipient(phone=None)
    assert prepare_attempt(waiting, known_without_phone, NOW, RULES) is None
    assert (waiting.status, waiting.last_error) == (DeliveryStatus.GIVEN_UP, "no phone number")


def test_erasure_stops_what_is_pending_and_keeps_only_ids_of_what_was_sent():
    pending, sent = delivery(), delivery(Channel.EMAIL)
    sent.record_sent(sent.claim(NOW, RULES.lease), NOW, "rossi@example.org", "<id@x>")
    for each in (pending, sent):
        each.forget_personal_data(NOW)
    assert (pending.status, pending.last_error) == (DeliveryStatus.GIVEN_UP, "member erased")
    assert sent.status is DeliveryStatus.SENT
    assert sent.address is None and sent.params is None


def test_only_a_given_up_delivery_with_its_values_can_be_requeued():
    with pytest.raises(CannotRequeue):
        delivery().requeue(NOW)
    given_up = delivery()
    given_up.give_up(NOW, "SMTP password was wrong")
    given_up.requeue(NOW)
    assert (given_up.status, given_up.attempts) == (DeliveryStatus.QUEUED, 0)
