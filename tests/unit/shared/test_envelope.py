import json

import pytest

from shared.correlation import correlated
from shared.messaging.envelope import Envelope, InvalidEnvelope


def an_envelope(**changes) -> Envelope:
    return Envelope.new("registry.member.registered", {"member_id": "m1"}, "registry", **changes)


def test_an_envelope_survives_the_trip_through_json():
    envelope = an_envelope()
    assert Envelope.from_json(envelope.to_json()) == envelope


def test_an_envelope_carries_the_correlation_and_causation_of_the_work_in_progress():
    with correlated("request-1", causation_id="event-0"):
        envelope = an_envelope()
    assert (envelope.correlation_id, envelope.causation_id) == ("request-1", "event-0")


def test_a_consumer_ignores_fields_it_does_not_know():
    document = json.loads(an_envelope().to_json())
    document["added_in_version_2"] = "whatever"
    assert Envelope.from_document(document).type == "registry.member.registered"


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b"\xff\xfe",
        b"[1, 2, 3]",
        b'{"type": "registry.member.registered"}',
    ],
)
def test_what_is_not_an_envelope_is_refused_with_a_reason(body):
    with pytest.raises(InvalidEnvelope) as refused:
        Envelope.from_json(body)
    assert str(refused.value)


@pytest.mark.parametrize(
    "field, value",
    [
        ("id", "not-a-uuid"),
        ("type", "NotDotted"),
        ("version", "1"),
        ("version", 0),
        ("occurred_at", "yesterday"),
        ("data", ["a", "list"]),
    ],
)
def test_an_envelope_with_a_wrong_field_is_refused(field, value):
    document = json.loads(an_envelope().to_json())
    document[field] = value
    with pytest.raises(InvalidEnvelope):
        Envelope.from_document(document)


def test_an_invalid_envelope_is_never_published():
    with pytest.raises(InvalidEnvelope):
        Envelope.new("Bad Type", {}, "registry").to_json()
