"""The event catalogue as Markdown: ``fabene events catalogue`` writes docs/events.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from marshmallow import fields, validate

from shared.contracts import CATALOGUE

HEADER = """# Event catalogue

Every integration event, generated from `shared/contracts/` by
`fabene events catalogue > docs/events.md` (a test keeps this file equal to
the code). Each travels in the envelope of DESIGN.md:
`{id, type, version, occurred_at, producer, correlation_id, causation_id, data}`,
as JSON, on the topic exchange `fabene.events` with the type as routing key.
Consumers ignore fields they do not know; a field is only ever added.
"""


def catalogue_markdown(consumers: Mapping[str, Sequence[str]]) -> str:
    """The whole catalogue; ``consumers`` maps an event type to the services binding it."""
    parts = [HEADER]
    for event_type in sorted(CATALOGUE):
        contract = CATALOGUE[event_type]
        parts.append(f"\n## `{event_type}` (version {contract.version})\n\n")
        parts.append(f"{contract.summary}\n\n")
        parts.append(f"- Producer: {contract.producer}\n")
        parts.append(f"- Consumed by: {', '.join(consumers.get(event_type, ())) or 'none yet'}\n")
        if contract.carries_personal_data:
            parts.append("- Carries personal data: bound only by the service that needs it.\n")
        parts.append("\n| field | type | required | notes |\n|---|---|---|---|\n")
        for name, field in contract.schema().fields.items():
            parts.append(
                f"| `{name}` | {_type_of(field)} | {_required(field)} | {_notes(field)} |\n"
            )
    return "".join(parts)


def _type_of(field: fields.Field) -> str:
    return {
        fields.UUID: "uuid",
        fields.Email: "e-mail",
        fields.Integer: "integer",
        fields.AwareDateTime: "RFC 3339 date-time",
        fields.DateTime: "RFC 3339 date-time",
        fields.Date: "date",
        fields.Boolean: "boolean",
    }.get(type(field), "string")


def _required(field: fields.Field) -> str:
    if field.required:
        return "yes"
    return "no (may be null)" if field.allow_none else "no"


def _notes(field: fields.Field) -> str:
    notes = [
        "one of " + ", ".join(f"`{choice}`" for choice in validator.choices)
        for validator in field.validators
        if isinstance(validator, validate.OneOf)
    ]
    description = field.metadata.get("description")
    if description:
        notes.insert(0, description)
    return "; ".join(notes)
