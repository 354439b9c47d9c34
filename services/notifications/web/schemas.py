"""The notifications request and response bodies. Unknown fields are refused, nested ones too."""

from datetime import UTC, datetime, timedelta

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.contracts.registry import LANGUAGES

from ..domain.channels import Channel
from ..domain.deliveries import DeliveryStatus
from ..domain.topics import OPT_IN_TOPICS, OPTIONAL_TOPICS

MAX_PAGE_SIZE = 100
DEFAULT_STATS_PERIOD = timedelta(days=30)
CLOCK = validate.Regexp(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", error="Not a time of day as HH:MM.")
CHANNELS = [channel.value for channel in Channel]
STATUSES = [status.value for status in DeliveryStatus]


class PageQuerySchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=100_000))
    page_size = fields.Int(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class InboxMessageSchema(Schema):
    id = fields.Str(required=True)
    topic = fields.Str(required=True)
    title = fields.Str(required=True)
    body = fields.Str(required=True)
    language = fields.Str(required=True)
    right_to_left = fields.Bool(required=True, metadata={"description": "write it dir=rtl"})
    created_at = fields.AwareDateTime(required=True)
    read_at = fields.AwareDateTime(allow_none=True)


class InboxPageSchema(Schema):
    items = fields.List(fields.Nested(InboxMessageSchema), required=True)
    page = fields.Int(required=True)
    page_size = fields.Int(required=True)
    total = fields.Int(required=True)
    unread = fields.Int(required=True)


class UnreadSchema(Schema):
    unread = fields.Int(required=True)


class QuietHoursSchema(Schema):
    start = fields.Str(required=True, validate=CLOCK, metadata={"example": "21:00"})
    end = fields.Str(required=True, validate=CLOCK, metadata={"example": "08:00"})

    @validates_schema
    def _not_empty(self, data, **kwargs):
        if data["start"] == data["end"]:
            raise ValidationError("start and end are the same: send null for no quiet hours")


class PreferencesSchema(Schema):
    channels = fields.List(
        fields.Str(validate=validate.OneOf(CHANNELS)),
        required=True,
        metadata={"description": "where to write: email, sms, inbox"},
    )
    language = fields.Str(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "null: the language the registry knows"},
    )
    quiet_hours = fields.Nested(
        QuietHoursSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "local times no SMS is sent between, but login codes; null: none"},
    )
    muted_topics = fields.List(
        fields.Str(validate=validate.OneOf(OPTIONAL_TOPICS)),
        load_default=list,
        metadata={
            "description": "topics not to hear about; login codes and a locked card cannot be muted"
        },
    )
    opted_in_topics = fields.List(
        fields.Str(validate=validate.OneOf(OPT_IN_TOPICS)),
        load_default=list,
        metadata={
            "description": "topics that by default reach only some channels (receipts: the "
            "inbox) and that the member wants on every channel they chose"
        },
    )


class AppliedPreferencesSchema(Schema):
    member_id = fields.Str(required=True)
    channels = fields.List(fields.Str(), required=True)
    language = fields.Str(required=True)
    quiet_hours = fields.Nested(QuietHoursSchema, allow_none=True, required=True)
    muted_topics = fields.List(fields.Str(), required=True)
    opted_in_topics = fields.List(fields.Str(), required=True)
    customised = fields.Bool(required=True, metadata={"description": "false: the defaults"})
    updated_at = fields.AwareDateTime(allow_none=True)


class StatsQuerySchema(Schema):
    since = fields.AwareDateTime(metadata={"description": "default: 30 days before until"})
    until = fields.AwareDateTime(metadata={"description": "default: now"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if "since" in data and "until" in data and data["since"] >= data["until"]:
            raise ValidationError("since must come before until", "since")

    def period(self, data: dict) -> tuple[datetime, datetime]:
        until = data.get("until") or datetime.now(UTC)
        return data.get("since") or until - DEFAULT_STATS_PERIOD, until


class DeliveryStatsSchema(Schema):
    network_id = fields.Str(required=True)
    since = fields.AwareDateTime(required=True)
    until = fields.AwareDateTime(required=True)
    total = fields.Int(required=True)
    by_channel = fields.Dict(
        keys=fields.Str(),
        values=fields.Dict(keys=fields.Str(), values=fields.Int()),
        required=True,
        metadata={"description": "per channel, the count of deliveries in each status"},
    )
    by_topic = fields.Dict(
        keys=fields.Str(),
        values=fields.Dict(keys=fields.Str(), values=fields.Int()),
        required=True,
        metadata={"description": "per topic with any delivery, the count on each channel"},
    )


class DeliveriesQuerySchema(PageQuerySchema):
    status = fields.List(
        fields.Str(validate=validate.OneOf(STATUSES)),
        load_default=lambda: [DeliveryStatus.FAILED.value, DeliveryStatus.GIVEN_UP.value],
        metadata={"description": "repeat for several; default: failed and given_up"},
    )
    channel = fields.Str(validate=validate.OneOf(CHANNELS), load_default=None)


class DeliverySchema(Schema):
    id = fields.Str(required=True)
    event_id = fields.Str(required=True)
    member_id = fields.Str(required=True)
    channel = fields.Str(required=True)
    topic = fields.Str(required=True)
    status = fields.Str(required=True)
    attempts = fields.Int(required=True)
    last_error = fields.Str(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    sent_at = fields.AwareDateTime(allow_none=True)


class DeliveriesPageSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema), required=True)
    page = fields.Int(required=True)
    page_size = fields.Int(required=True)
    total = fields.Int(required=True)
