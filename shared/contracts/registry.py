"""Events the registry publishes.

Thin by default: ids, kinds, statuses, numbers. Personal data (names,
contact points, one-time codes) travels only in events marked as carrying
it, and only the notifications service binds those.
"""

from marshmallow import Schema, fields, validate

from shared.contracts.base import EventContract

MEMBER_KINDS = ("citizen", "household", "shop", "organisation", "school", "operator", "educator")
MEMBER_STATUSES = ("pending", "active", "suspended", "exited")
LANGUAGES = ("it", "en", "fr", "ar", "ro", "sq", "es")
CARD_BLOCK_REASONS = ("lost", "stolen", "damaged", "replaced", "member_exited", "other")
SHOP_TYPES = ("stall", "shop")
LOGIN_CODE_CHANNELS = ("sms", "email")


def _revision() -> fields.Int:
    return fields.Int(
        required=True,
        validate=validate.Range(min=1),
        metadata={"description": "grows with every change of the record: apply only a newer one"},
    )


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


class MemberStatusChangedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    kind = fields.Str(required=True, validate=validate.OneOf(MEMBER_KINDS))
    status = fields.Str(required=True, validate=validate.OneOf(MEMBER_STATUSES))
    previous_status = fields.Str(required=True, validate=validate.OneOf(MEMBER_STATUSES))
    automatic = fields.Bool(
        required=True, metadata={"description": "true when no operator did it (eligibility expiry)"}
    )
    revision = _revision()


class HouseholdCompositionChangedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    adults = fields.Int(required=True, validate=validate.Range(min=0))
    minors = fields.Int(required=True, validate=validate.Range(min=0))
    revision = _revision()


class MembersMergedData(Schema):
    kept_member_id = fields.UUID(required=True)
    merged_member_id = fields.UUID(required=True, metadata={"description": "no longer exists"})
    network_id = fields.UUID(required=True)


class MemberErasedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)


class ShopProfileChangedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    shop_type = fields.Str(required=True, validate=validate.OneOf(SHOP_TYPES))
    market_id = fields.UUID(load_default=None, allow_none=True)
    accepts_time = fields.Bool(required=True)
    time_rate_cents_per_hour = fields.Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "what an hour of TIME buys at this shop, in euro cents"},
    )
    revision = _revision()


class CardIssuedData(Schema):
    card_id = fields.UUID(required=True)
    card_number = fields.Str(required=True, metadata={"description": "what the till types"})
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    replaces_card_id = fields.UUID(load_default=None, allow_none=True)


class CardBlockedData(Schema):
    card_id = fields.UUID(required=True)
    card_number = fields.Str(required=True)
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    reason = fields.Str(required=True, validate=validate.OneOf(CARD_BLOCK_REASONS))


class DeviceRegisteredData(Schema):
    device_id = fields.UUID(required=True)
    shop_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    token_sha256 = fields.Str(
        required=True,
        validate=validate.Length(equal=64),
        metadata={"description": "hex SHA-256 of the device token's secret, never the secret"},
    )


class DeviceRevokedData(Schema):
    device_id = fields.UUID(required=True)
    shop_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)


class ContractData(Schema):
    contract_id = fields.UUID(required=True)
    household_id = fields.UUID(required=True)
    educator_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    hours_per_month = fields.Int(required=True, validate=validate.Range(min=1, max=744))
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    revision = _revision()


class ContractEndedData(Schema):
    contract_id = fields.UUID(required=True)
    household_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    ended_on = fields.Date(required=True)


class LoginCodeRequestedData(Schema):
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    code = fields.Str(required=True, metadata={"description": "the one-time code to send"})
    channel = fields.Str(required=True, validate=validate.OneOf(LOGIN_CODE_CHANNELS))
    expires_at = fields.AwareDateTime(required=True)


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
MEMBER_STATUS_CHANGED = EventContract(
    type="registry.member.status_changed",
    version=1,
    summary=(
        "A member moved along pending, active, suspended, exited: by an operator, or "
        "automatically when a household's eligibility expired."
    ),
    schema=MemberStatusChangedData,
)
HOUSEHOLD_COMPOSITION_CHANGED = EventContract(
    type="registry.household.composition_changed",
    version=1,
    summary="How many adults and minors a household counts (for entitlements).",
    schema=HouseholdCompositionChangedData,
)
MEMBERS_MERGED = EventContract(
    type="registry.member.merged",
    version=1,
    summary="Two records of one person were merged; the merged one is gone, the kept one stays.",
    schema=MembersMergedData,
)
MEMBER_ERASED = EventContract(
    type="registry.member.erased",
    version=1,
    summary="A member's personal data was erased (GDPR); every service erases what it holds.",
    schema=MemberErasedData,
)
SHOP_PROFILE_CHANGED = EventContract(
    type="registry.shop.profile_changed",
    version=1,
    summary="A participating shop's profile: stall or shop, market, whether it takes TIME.",
    schema=ShopProfileChangedData,
)
CARD_ISSUED = EventContract(
    type="registry.card.issued",
    version=1,
    summary="A card was issued to a member (possibly replacing a blocked one).",
    schema=CardIssuedData,
)
CARD_BLOCKED = EventContract(
    type="registry.card.blocked",
    version=1,
    summary="A card was blocked (lost, stolen, replaced...): tills must refuse it.",
    schema=CardBlockedData,
)
DEVICE_REGISTERED = EventContract(
    type="registry.device.registered",
    version=1,
    summary="A shop's till device was registered; carries the hash the exchange checks it by.",
    schema=DeviceRegisteredData,
)
DEVICE_REVOKED = EventContract(
    type="registry.device.revoked",
    version=1,
    summary="A till device was revoked: its token no longer works.",
    schema=DeviceRevokedData,
)
CONTRACT_SIGNED = EventContract(
    type="registry.contract.signed",
    version=1,
    summary="A household signed a reciprocity contract with its educator.",
    schema=ContractData,
)
CONTRACT_CHANGED = EventContract(
    type="registry.contract.changed",
    version=1,
    summary="A reciprocity contract's hours or dates changed (or it was renewed).",
    schema=ContractData,
)
CONTRACT_ENDED = EventContract(
    type="registry.contract.ended",
    version=1,
    summary="A reciprocity contract ended.",
    schema=ContractEndedData,
)
LOGIN_CODE_REQUESTED = EventContract(
    type="registry.login.code_requested",
    version=1,
    summary="A citizen asked for a one-time login code; notifications sends it. Short-lived.",
    schema=LoginCodeRequestedData,
    carries_personal_data=True,
)

CONTRACTS = (
    NETWORK_CREATED,
    MEMBER_REGISTERED,
    MEMBER_CONTACT_CHANGED,
    MEMBER_STATUS_CHANGED,
    HOUSEHOLD_COMPOSITION_CHANGED,
    MEMBERS_MERGED,
    MEMBER_ERASED,
    SHOP_PROFILE_CHANGED,
    CARD_ISSUED,
    CARD_BLOCKED,
    DEVICE_REGISTERED,
    DEVICE_REVOKED,
    CONTRACT_SIGNED,
    CONTRACT_CHANGED,
    CONTRACT_ENDED,
    LOGIN_CODE_REQUESTED,
)
