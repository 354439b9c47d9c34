"""Events the registry publishes."""

from marshmallow import Schema, fields, validate

from shared.contracts.base import EventContract

MEMBER_KINDS = ("citizen", "household", "shop", "organisation", "school", "operator", "educator")
MEMBER_STATUSES = ("pending", "active", "suspended", "exited")
LANGUAGES = ("it", "en", "fr", "ar", "ro", "sq", "es")


class NetworkCreatedData(Schema):
    network_id = fields.UUID(required=True)
    name = fields.Str(required=True)
    town = fields.Str(required=True)


class MemberRegisteredData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    kind = fields.Str(required=True, validate=validate.OneOf(MEMBER_KINDS))
    status = fields.Str(required=True, validate=validate.OneOf(MEMBER_STATUSES))
    language = fields.Str(required=True, validate=validate.OneOf(LANGUAGES))


class MemberContactChangedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    display_name = fields.Str(required=True)
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.Str(load_default=None, allow_none=True)
    language = fields.Str(required=True, validate=validate.OneOf(LANGUAGES))


NETWORK_CREATED = EventContract(
    type="registry.network.created",
    version=1,
    summary="A local network (one town) was created.",
    schema=NetworkCreatedData,
)
MEMBER_REGISTERED = EventContract(
    type="registry.member.registered",
    version=1,
    summary="A member joined a network. Thin: ids, kind, status, language; no personal data.",
    schema=MemberRegisteredData,
)
MEMBER_CONTACT_CHANGED = EventContract(
    type="registry.member.contact_changed",
    version=1,
    summary="A member's name or contact points were set or changed. Only notifications binds it.",
    schema=MemberContactChangedData,
    carries_personal_data=True,
)

CONTRACTS = (NETWORK_CREATED, MEMBER_REGISTERED, MEMBER_CONTACT_CHANGED)
