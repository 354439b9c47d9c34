"""Events the exchange publishes: every movement of credits, and what people must hear of.

Thin: ids, amounts and balances (integers: FOOD in euro cents, TIME in
minutes); nothing personal.
"""

from marshmallow import Schema, fields, validate

from shared.contracts.base import EventContract

UNITS = ("FOOD", "TIME")


class CreditsDonatedData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    shop_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True)


class CreditsAllocatedData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True)
    balance_cents = fields.Int(required=True)


class CreditsRedeemedData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    shop_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True)
    balance_cents = fields.Int(required=True)


class CreditsReversedData(Schema):
    transaction_id = fields.UUID(required=True)
    reversed_transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(load_default=None, allow_none=True)
    shop_id = fields.UUID(load_default=None, allow_none=True)
    unit = fields.Str(required=True, validate=validate.OneOf(UNITS))
    amount = fields.Int(required=True, metadata={"description": "what was given back"})
    reversed_kind = fields.Str(
        load_default=None,
        allow_none=True,
        metadata={"description": "what was undone: redemption, allocation, donation..."},
    )


class CreditsExpiredData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True)
    balance_cents = fields.Int(required=True)


class CreditsExpiringData(Schema):
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True)
    expires_on = fields.Date(required=True)


class BalanceLowData(Schema):
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    balance_cents = fields.Int(required=True)
    threshold_cents = fields.Int(required=True)


class CardLockedData(Schema):
    card_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)


class TimeLoggedData(Schema):
    time_entry_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    minutes = fields.Int(required=True)
    activity_date = fields.Date(
        load_default=None, allow_none=True, metadata={"description": "the day the hours were given"}
    )


class TimeConfirmedData(TimeLoggedData):
    transaction_id = fields.UUID(required=True)
    balance_minutes = fields.Int(required=True)


class TimeRejectedData(TimeLoggedData):
    reason = fields.Str(load_default=None, allow_none=True)


class TimeGivenData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    from_member_id = fields.UUID(required=True)
    to_member_id = fields.UUID(required=True)
    minutes = fields.Int(required=True)


class TimeSpentData(Schema):
    transaction_id = fields.UUID(required=True)
    network_id = fields.UUID(required=True)
    member_id = fields.UUID(required=True)
    shop_id = fields.UUID(required=True)
    minutes = fields.Int(required=True)
    value_cents = fields.Int(required=True)
    balance_minutes = fields.Int(required=True)


def _contract(event_type: str, summary: str, schema: type[Schema]) -> EventContract:
    return EventContract(type=event_type, version=1, summary=summary, schema=schema)


CREDITS_DONATED = _contract(
    "exchange.credits.donated",
    "A spesa sospesa was paid at a shop's till: the network's pool gained credits.",
    CreditsDonatedData,
)
CREDITS_ALLOCATED = _contract(
    "exchange.credits.allocated",
    "Credits went from a network's pool to a household.",
    CreditsAllocatedData,
)
CREDITS_REDEEMED = _contract(
    "exchange.credits.redeemed",
    "A household paid with credits at a shop's till.",
    CreditsRedeemedData,
)
CREDITS_REVERSED = _contract(
    "exchange.credits.reversed",
    "A transaction was refunded (in part) or reversed.",
    CreditsReversedData,
)
CREDITS_EXPIRED = _contract(
    "exchange.credits.expired",
    "Credits left unspent past their lifetime went back to the pool.",
    CreditsExpiredData,
)
CREDITS_EXPIRING = _contract(
    "exchange.credits.expiring",
    "A household's credits will expire within a week unless spent.",
    CreditsExpiringData,
)
BALANCE_LOW = _contract(
    "exchange.balance.low",
    "A household's FOOD balance fell under the network's threshold.",
    BalanceLowData,
)
CARD_LOCKED = _contract(
    "exchange.card.locked",
    "A card was locked after five wrong PINs; a new PIN unlocks it.",
    CardLockedData,
)
TIME_LOGGED = _contract(
    "exchange.time.logged",
    "Hours of community activity were logged and wait to be confirmed.",
    TimeLoggedData,
)
TIME_CONFIRMED = _contract(
    "exchange.time.confirmed",
    "Logged hours were confirmed: the member earned TIME credits.",
    TimeConfirmedData,
)
TIME_REJECTED = _contract(
    "exchange.time.rejected",
    "Logged hours were not confirmed.",
    TimeRejectedData,
)
TIME_GIVEN = _contract(
    "exchange.time.given",
    "A member gave TIME credits to another.",
    TimeGivenData,
)
TIME_SPENT = _contract(
    "exchange.time.spent",
    "A member paid with TIME credits at a shop that takes them.",
    TimeSpentData,
)

CONTRACTS = (
    CREDITS_DONATED,
    CREDITS_ALLOCATED,
    CREDITS_REDEEMED,
    CREDITS_REVERSED,
    CREDITS_EXPIRED,
    CREDITS_EXPIRING,
    BALANCE_LOW,
    CARD_LOCKED,
    TIME_LOGGED,
    TIME_CONFIRMED,
    TIME_REJECTED,
    TIME_GIVEN,
    TIME_SPENT,
)
