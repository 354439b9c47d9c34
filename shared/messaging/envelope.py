"""The event envelope of DESIGN.md, as JSON validated by marshmallow on both sides.

``{"id", "type", "version", "occurred_at", "producer", "correlation_id",
"causation_id", "data"}``. A consumer ignores fields it does not know and
rejects what it cannot parse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate

from shared.correlation import current_causation_id, current_correlation_id, new_id

EVENT_TYPE_PATTERN = r"^[a-z]+(\.[a-z_]+){2,}$"


class InvalidEnvelope(ValueError):
    """A message body that is not a valid event envelope."""


@dataclass(frozen=True)
class Envelope:
    """One integration event as it travels between services."""

    type: str
    data: dict[str, Any]
    producer: str
    id: str = field(default_factory=new_id)
    version: int = 1
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    correlation_id: str | None = None
    causation_id: str | None = None

    @classmethod
    def new(cls, type: str, data: dict[str, Any], producer: str, version: int = 1) -> Envelope:
        """An envelope for work in progress, carrying its correlation and causation."""
        return cls(
            type=type,
            data=data,
            producer=producer,
            version=version,
            correlation_id=current_correlation_id(),
            causation_id=current_causation_id(),
        )

    def to_json(self) -> str:
        """The envelope as JSON text, validated first."""
        # Built by hand, not with asdict and dump: both copy the whole event, at every commit.
        document = {
            "id": str(self.id),
            "type": self.type,
            "version": self.version,
            "occurred_at": self.occurred_at.isoformat(),
            "producer": self.producer,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
            "data": self.data,
        }
        errors = _PUBLISH_SCHEMA.validate(document)
        if errors:
            raise InvalidEnvelope(f"refusing to publish an invalid envelope: {errors}")
        return json.dumps(document, separators=(",", ":"))

    @classmethod
    def from_document(cls, document: object) -> Envelope:
        """Parse a decoded JSON body, ignoring unknown fields."""
        if not isinstance(document, dict):
            raise InvalidEnvelope("the body is not a JSON object")
        try:
            return _CONSUME_SCHEMA.load(document)
        except ValidationError as error:
            raise InvalidEnvelope(f"invalid envelope: {error.messages}") from error

    @classmethod
    def from_json(cls, body: str | bytes) -> Envelope:
        """Parse JSON text or bytes."""
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidEnvelope(f"the body is not JSON: {error}") from error
        return cls.from_document(document)


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.Str(required=True, validate=validate.Regexp(EVENT_TYPE_PATTERN))
    version = fields.Int(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=UTC)
    producer = fields.Str(required=True, validate=validate.Length(min=1, max=64))
    correlation_id = fields.Str(load_default=None, allow_none=True)
    causation_id = fields.Str(load_default=None, allow_none=True)
    data = fields.Dict(keys=fields.Str(), required=True)

    @post_load
    def _make(self, values: dict[str, Any], **_: Any) -> Envelope:
        values["id"] = str(values["id"])
        return Envelope(**values)


_PUBLISH_SCHEMA = EnvelopeSchema()
_CONSUME_SCHEMA = EnvelopeSchema(unknown=EXCLUDE)
