"""The registry's request and response bodies. Unknown fields are refused."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from shared.contracts.registry import LANGUAGES
from shared.web.fields import PHONE, Name

from ..domain.model import DEFAULT_LANGUAGE, MemberKind


class TokenRequestSchema(Schema):
    email = fields.Email(required=True)
    password = fields.Str(required=True, validate=validate.Length(min=1, max=200))


class TokenSchema(Schema):
    access_token = fields.Str(required=True)
    token_type = fields.Str(required=True)
    expires_in = fields.Int(required=True)


class PublicKeySchema(Schema):
    algorithm = fields.Str(required=True)
    public_key_pem = fields.Str(required=True)


class NetworkCreateSchema(Schema):
    name = Name(required=True)
    town = Name(required=True)


class NetworkSchema(Schema):
    id = fields.Str(required=True)
    name = fields.Str(required=True)
    town = fields.Str(required=True)
    created_at = fields.AwareDateTime(required=True)


class MemberCreateSchema(Schema):
    kind = fields.Enum(MemberKind, by_value=True, required=True)
    network_id = fields.UUID(required=True)
    display_name = Name(required=True)
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.Str(load_default=None, allow_none=True, validate=PHONE)
    language = fields.Str(load_default=DEFAULT_LANGUAGE, validate=validate.OneOf(LANGUAGES))


class MemberSchema(Schema):
    id = fields.Str(required=True)
    kind = fields.Enum(MemberKind, by_value=True, required=True)
    network_id = fields.Str(required=True)
    display_name = fields.Str(required=True)
    email = fields.Str(allow_none=True)
    phone = fields.Str(allow_none=True)
    language = fields.Str(required=True)
    status = fields.Str(required=True)
    created_at = fields.AwareDateTime(required=True)
