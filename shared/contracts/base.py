"""What an integration event contract is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError


class InvalidEventData(ValueError):
    """Event data that does not match its contract."""


@dataclass(frozen=True)
class EventContract:
    """What one event type means and what its ``data`` holds."""

    type: str
    version: int
    summary: str
    schema: type[Schema]
    carries_personal_data: bool = False

    @property
    def producer(self) -> str:
        return self.type.split(".", 1)[0]

    def checked_for_publishing(self, data: dict[str, Any]) -> dict[str, Any]:
        """The data as it will be published, refused unless it matches the schema."""
        document = self._strict.dump(data)
        errors = self._strict.validate(document)
        if errors:
            raise InvalidEventData(f"{self.type}: {errors}")
        return document

    def parse(self, data: dict[str, Any]) -> dict[str, Any]:
        """The data as a consumer reads it: validated, unknown fields ignored."""
        try:
            return self._lenient.load(data)
        except ValidationError as error:
            raise InvalidEventData(f"{self.type}: {error.messages}") from error

    # One schema of each kind per contract: making one copies every field, per event.
    @cached_property
    def _strict(self) -> Schema:
        return self.schema(unknown=RAISE)

    @cached_property
    def _lenient(self) -> Schema:
        return self.schema(unknown=EXCLUDE)
