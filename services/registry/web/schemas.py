"""The registry's request and response bodies.

Write schemas are separate from read schemas and refuse unknown fields
(marshmallow's default, ``RAISE``, nested ones too), so a client can never
set a status, a network or an id it should not.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from shared.contracts.registry import CARD_BLOCK_REASONS, LANGUAGES, SHOP_TYPES
from shared.web.fields import PHONE, Day, Name, TrimmedString

from ..domain.cards import display_card_number
from ..domain.members import DEFAULT_LANGUAGE, MemberKind, MemberStatus
from ..domain.networks import WEEKDAYS
from ..domain.pairing import display_pairing_code

BIRTH_YEAR = validate.Range(min=1900, max=2100)
WEEKDAY_LIST = fields.List(fields.Str(validate=validate.OneOf(WEEKDAYS)), load_default=list)
PASSWORD = validate.Length(min=10, max=200, error="Use 10 to 200 characters.")


class PageQuerySchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=100_000))
    page_size = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))


# Logins and tokens


class TokenRequestSchema(Schema):
    email = fields.Email(required=True)
    password = fields.Str(required=True, validate=validate.Length(min=1, max=200))


class TokensSchema(Schema):
    access_token = fields.Str(required=True)
    refresh_token = fields.Str(required=True)
    token_type = fields.Str(required=True)
    expires_in = fields.Int(required=True)


class ContactSchema(Schema):
    """A phone number or an e-mail address (one of the two)."""

    phone = fields.Str(load_default=None, allow_none=True, validate=PHONE)
    email = fields.Email(load_default=None, allow_none=True)

    @validates_schema
    def _one_of_them(self, data, **_kwargs):
        if bool(data.get("phone")) == bool(data.get("email")):
            raise ValidationError("Give a phone number or an e-mail address.", "_schema")


class CodeRedeemSchema(ContactSchema):
    code = fields.Str(required=True, validate=validate.Regexp(r"^\d{6}$"))


class RefreshSchema(Schema):
    refresh_token = fields.Str(required=True, validate=validate.Length(min=10, max=200))


class PublicKeySchema(Schema):
    algorithm = fields.Str(required=True)
    public_key_pem = fields.Str(required=True)


class LoginCreateSchema(Schema):
    email = fields.Email(required=True)
    password = fields.Str(required=True, validate=PASSWORD)


class LoginSchema(Schema):
    id = fields.Str(required=True)
    email = fields.Str(required=True)
    role = fields.Str(required=True)
    member_id = fields.Str(allow_none=True)


# Networks and places


class NetworkCreateSchema(Schema):
    name = Name(required=True)
    town = Name(required=True)
    eligibility_months = fields.Int(load_default=None, validate=validate.Range(min=1, max=60))


class NetworkUpdateSchema(Schema):
    eligibility_months = fields.Int(required=True, validate=validate.Range(min=1, max=60))


class NetworkSchema(Schema):
    id = fields.Str(required=True)
    name = fields.Str(required=True)
    town = fields.Str(required=True)
    eligibility_months = fields.Int(required=True)
    created_at = fields.AwareDateTime(required=True)


class MarketWriteSchema(Schema):
    name = Name(required=True)
    address = TrimmedString(required=True, validate=validate.Length(min=1, max=300))
    market_days = WEEKDAY_LIST


class MarketSchema(MarketWriteSchema):
    id = fields.Str(required=True)
    network_id = fields.Str(required=True)


class ShopProfileSchema(Schema):
    shop_type = fields.Str(required=True, validate=validate.OneOf(SHOP_TYPES))
    accepts_time = fields.Bool(required=True)
    market_id = fields.UUID(load_default=None, allow_none=True)
    opening_days = WEEKDAY_LIST
    time_rate_cents_per_hour = fields.Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "what an hour of TIME buys at this shop, in euro cents"},
    )

    @validates_schema
    def _rate_when_time_is_accepted(self, data, **_kwargs):
        if data.get("accepts_time") and not data.get("time_rate_cents_per_hour"):
            raise ValidationError(
                "A shop that accepts TIME sets its rate.", "time_rate_cents_per_hour"
            )


# Members


class PersonSchema(Schema):
    first_name = Name(required=True)
    is_minor = fields.Bool(required=True)
    birth_year = fields.Int(load_default=None, allow_none=True, validate=BIRTH_YEAR)


class ReferralSchema(Schema):
    referred_by = Name(required=True, metadata={"description": "e.g. the social services"})
    referred_on = Day(required=True)


class MemberCreateSchema(Schema):
    kind = fields.Enum(MemberKind, by_value=True, required=True)
    network_id = fields.UUID(required=True)
    display_name = Name(required=True)
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.Str(load_default=None, allow_none=True, validate=PHONE)
    language = fields.Str(load_default=DEFAULT_LANGUAGE, validate=validate.OneOf(LANGUAGES))
    birth_year = fields.Int(load_default=None, allow_none=True, validate=BIRTH_YEAR)
    people = fields.List(fields.Nested(PersonSchema), load_default=list)
    referral = fields.Nested(ReferralSchema, load_default=None, allow_none=True)
    educator_id = fields.UUID(load_default=None, allow_none=True)
    confirm_not_duplicate = fields.Bool(
        load_default=False,
        metadata={"description": "register even though a likely duplicate exists"},
    )


class ContactUpdateSchema(Schema):
    display_name = Name(required=True)
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.Str(load_default=None, allow_none=True, validate=PHONE)
    language = fields.Str(required=True, validate=validate.OneOf(LANGUAGES))


class MemberSchema(Schema):
    id = fields.Str(required=True)
    kind = fields.Enum(MemberKind, by_value=True, required=True)
    network_id = fields.Str(required=True)
    display_name = fields.Str(required=True)
    email = fields.Str(allow_none=True)
    phone = fields.Str(allow_none=True)
    language = fields.Str(required=True)
    status = fields.Enum(MemberStatus, by_value=True, required=True)
    birth_year = fields.Int(allow_none=True)
    educator_id = fields.Str(allow_none=True)
    referred_by = fields.Str(allow_none=True)
    referred_on = Day(allow_none=True)
    eligible_until = Day(allow_none=True)
    merged_into = fields.Str(allow_none=True)
    people = fields.List(fields.Nested(PersonSchema))
    shop_profile = fields.Nested(ShopProfileSchema, allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class MemberSearchQuerySchema(PageQuerySchema):
    network_id = fields.UUID(load_default=None)
    kind = fields.Enum(MemberKind, by_value=True, load_default=None)
    status = fields.Enum(MemberStatus, by_value=True, load_default=None)
    q = TrimmedString(load_default=None, validate=validate.Length(min=1, max=100))


class MemberPageSchema(Schema):
    items = fields.List(fields.Nested(MemberSchema), required=True)
    page = fields.Int(required=True)
    page_size = fields.Int(required=True)
    total = fields.Int(required=True)


class StatusChangeRequestSchema(Schema):
    status = fields.Enum(MemberStatus, by_value=True, required=True)
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=500))


class StatusChangeSchema(Schema):
    from_status = fields.Enum(MemberStatus, by_value=True)
    to_status = fields.Enum(MemberStatus, by_value=True)
    reason = fields.Str()
    changed_by = fields.Str()
    changed_at = fields.AwareDateTime()
    automatic = fields.Bool()


class PeopleSchema(Schema):
    people = fields.List(fields.Nested(PersonSchema), required=True)


class EducatorAssignmentSchema(Schema):
    educator_id = fields.UUID(required=True)


class MergeSchema(Schema):
    duplicate_id = fields.UUID(required=True)


class ExpiringQuerySchema(Schema):
    within_days = fields.Int(load_default=30, validate=validate.Range(min=0, max=365))


class ConsentWriteSchema(Schema):
    notice_version = TrimmedString(required=True, validate=validate.Length(min=1, max=40))


class ConsentSchema(Schema):
    id = fields.Str()
    notice_version = fields.Str()
    given_on = fields.AwareDateTime()
    recorded_by = fields.Str()


class AuditQuerySchema(PageQuerySchema):
    member_id = fields.UUID(load_default=None)


class AuditEntrySchema(Schema):
    at = fields.AwareDateTime()
    actor = fields.Str()
    actor_role = fields.Str()
    action = fields.Str()
    member_id = fields.Str()
    detail = fields.Str()


class AuditPageSchema(MemberPageSchema):
    items = fields.List(fields.Nested(AuditEntrySchema), required=True)


# Cards and devices


class CardSchema(Schema):
    id = fields.Str(required=True)
    member_id = fields.Str(required=True)
    card_number = fields.Str(required=True, attribute="number")
    card_number_display = fields.Method("_display")
    status = fields.Str(required=True)
    issued_at = fields.AwareDateTime(required=True)
    replaces_card_id = fields.Str(allow_none=True)
    blocked_at = fields.AwareDateTime(allow_none=True)
    block_reason = fields.Str(allow_none=True)

    def _display(self, card) -> str:
        return display_card_number(card.number)


class CardBlockSchema(Schema):
    reason = fields.Str(required=True, validate=validate.OneOf(CARD_BLOCK_REASONS))


class DeviceCreateSchema(Schema):
    label = Name(required=True, metadata={"description": "e.g. 'Tablet at the stall'"})


class DeviceSchema(Schema):
    device_id = fields.Str(required=True, attribute="id")
    shop_id = fields.Str(required=True)
    label = fields.Str(required=True)
    status = fields.Str(required=True)
    registered_at = fields.AwareDateTime(required=True)
    revoked_at = fields.AwareDateTime(allow_none=True)


class DeviceWithTokenSchema(DeviceSchema):
    device_token = fields.Str(
        required=True, metadata={"description": "shown once: the till's bearer token"}
    )


class PairingCodeSchema(Schema):
    code = fields.Method(
        "_display",
        required=True,
        metadata={"description": "eight digits shown once, e.g. '1234 5678'"},
    )
    shop_id = fields.Str(required=True)
    expires_at = fields.AwareDateTime(required=True)

    def _display(self, issued) -> str:
        return display_pairing_code(issued["code"])


class PairRequestSchema(Schema):
    code = fields.Str(
        required=True,
        validate=validate.Regexp(r"^\d{4}[ -]?\d{4}$", error="Eight digits."),
        metadata={"description": "the pairing code the operator was given"},
    )
    label = TrimmedString(
        load_default="Cassa",
        validate=validate.Length(min=1, max=100),
        metadata={"description": "e.g. 'Tablet at the stall'"},
    )


class PairedDeviceSchema(Schema):
    device_id = fields.Str(required=True, attribute="id")
    shop_id = fields.Str(required=True)
    label = fields.Str(required=True)
    device_token = fields.Str(
        required=True, metadata={"description": "shown once: the till's bearer token"}
    )


# Reciprocity contracts


class ContractWriteSchema(Schema):
    hours_per_month = fields.Int(required=True, validate=validate.Range(min=1, max=744))
    activities = fields.List(
        TrimmedString(validate=validate.Length(min=1, max=200)),
        load_default=list,
        validate=validate.Length(max=20),
    )
    starts_on = Day(required=True)
    ends_on = Day(required=True)
    override = fields.Bool(
        load_default=False, metadata={"description": "an operator allows more than 20 hours"}
    )


class ContractCreateSchema(ContractWriteSchema):
    educator_id = fields.UUID(required=True)


class ContractRenewSchema(Schema):
    ends_on = Day(required=True)


class ContractEndSchema(Schema):
    ended_on = Day(required=True)
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=500))


class ContractSchema(Schema):
    id = fields.Str(required=True)
    household_id = fields.Str(required=True)
    educator_id = fields.Str(required=True)
    hours_per_month = fields.Int(required=True)
    activities = fields.List(fields.Str())
    starts_on = Day(required=True)
    ends_on = Day(required=True)
    status = fields.Str(required=True)
    ended_on = Day(allow_none=True)
