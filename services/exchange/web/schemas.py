"""The exchange's request and response bodies. Unknown fields are refused.

Amounts are integers: FOOD in euro cents, TIME in minutes. A till never
names its shop or network: those come from its token.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from shared.web.fields import Day, TrimmedString

from ..domain.ledger import Unit
from ..domain.recovery import DESTINATIONS
from ..domain.time_credits import MAX_MINUTES_PER_ENTRY, TimeEntryStatus

CENTS = validate.Range(min=1, max=10_000_000, error="Between 1 and 10,000,000 cents.")
MINUTES = validate.Range(min=1, max=100_000)
CARD_NUMBER = validate.Regexp(r"^[0-9 .-]{12,20}$", error="A card number is 12 digits.")
PIN = validate.Regexp(r"^\d{4,6}$", error="A PIN is 4 to 6 digits.")
REASON = validate.Length(min=3, max=300)


class PageQuerySchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=100_000))
    page_size = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))


class BalanceSchema(Schema):
    balance = fields.Int(required=True)


class BalancesSchema(Schema):
    FOOD = fields.Nested(BalanceSchema, required=True, metadata={"description": "euro cents"})
    TIME = fields.Nested(BalanceSchema, required=True, metadata={"description": "minutes"})


class StatementQuerySchema(PageQuerySchema):
    unit = fields.Enum(Unit, by_value=True, load_default=None)
    since = Day(load_default=None)
    until = Day(load_default=None)


class MovementSchema(Schema):
    transaction_id = fields.Str()
    kind = fields.Str()
    created_at = fields.AwareDateTime()
    unit = fields.Str()
    amount = fields.Int(metadata={"description": "signed: credits in or out of the account"})
    shop_id = fields.Str(allow_none=True)
    memo = fields.Str()
    reverses_id = fields.Str(allow_none=True)


class StatementSchema(Schema):
    items = fields.List(fields.Nested(MovementSchema))
    page = fields.Int()
    page_size = fields.Int()
    total = fields.Int()


# At the till


class PinSchema(Schema):
    pin = fields.Str(required=True, validate=PIN, load_only=True)


class DonationSchema(Schema):
    amount_cents = fields.Int(required=True, strict=True, validate=CENTS)


class DonationReceiptSchema(Schema):
    transaction_id = fields.Str()
    amount_cents = fields.Int()
    shop_id = fields.Str()
    created_at = fields.Str()


class RedemptionSchema(Schema):
    card_number = fields.Str(required=True, validate=CARD_NUMBER)
    pin = fields.Str(required=True, validate=PIN, load_only=True)
    amount_cents = fields.Int(required=True, strict=True, validate=CENTS)


class TimeSpendSchema(Schema):
    card_number = fields.Str(required=True, validate=CARD_NUMBER)
    pin = fields.Str(required=True, validate=PIN, load_only=True)
    minutes = fields.Int(required=True, strict=True, validate=MINUTES)


class ReceiptSchema(Schema):
    transaction_id = fields.Str(required=True)
    unit = fields.Str(required=True)
    amount = fields.Int(required=True)
    balance = fields.Int(required=True)
    amount_cents = fields.Int(allow_none=True)
    balance_cents = fields.Int(allow_none=True)
    card_ending = fields.Str(required=True, metadata={"description": "last four digits"})
    shop_id = fields.Str(required=True)
    created_at = fields.Str(required=True)


# Credits


class GrantSchema(Schema):
    network_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True, strict=True, validate=CENTS)
    memo = TrimmedString(required=True, validate=validate.Length(min=2, max=300))


class AllocationSchema(Schema):
    member_id = fields.UUID(required=True)
    amount_cents = fields.Int(required=True, strict=True, validate=CENTS)
    memo = TrimmedString(load_default="", validate=validate.Length(max=300))


class EntitlementRunRequestSchema(Schema):
    day = Day(load_default=None, metadata={"description": "default: today"})
    member_ids = fields.List(fields.UUID(), load_default=None)


class EntitlementRunSchema(Schema):
    cycle = fields.Int()
    allocated = fields.List(fields.Dict())
    left_out = fields.List(fields.Dict())


class RefundSchema(Schema):
    amount_cents = fields.Int(required=True, strict=True, validate=CENTS)
    reason = TrimmedString(required=True, validate=REASON)


class ReversalSchema(Schema):
    reason = TrimmedString(required=True, validate=REASON)


class MovedSchema(Schema):
    transaction_id = fields.Str()
    balance_cents = fields.Int()
    pool_cents = fields.Int()
    member_id = fields.Str()
    amount_cents = fields.Int()
    reverses_id = fields.Str()
    balance_minutes = fields.Int()


# Time credits


class TimeEntryWriteSchema(Schema):
    member_id = fields.UUID(required=True)
    organisation_id = fields.UUID(required=True)
    minutes = fields.Int(
        required=True, strict=True, validate=validate.Range(min=1, max=MAX_MINUTES_PER_ENTRY)
    )
    activity = TrimmedString(required=True, validate=validate.Length(min=2, max=200))
    activity_date = Day(required=True)


class TimeEntrySchema(Schema):
    id = fields.Str()
    member_id = fields.Str()
    organisation_id = fields.Str()
    minutes = fields.Int()
    activity = fields.Str()
    activity_date = Day()
    status = fields.Str()
    transaction_id = fields.Str(allow_none=True)
    rejection_reason = fields.Str(allow_none=True)


class TimeEntryQuerySchema(Schema):
    network_id = fields.UUID(required=True)
    status = fields.Enum(TimeEntryStatus, by_value=True, load_default=None)


class RejectionSchema(Schema):
    reason = TrimmedString(required=True, validate=REASON)


class TimeGiftSchema(Schema):
    to_member_id = fields.UUID(required=True)
    minutes = fields.Int(required=True, strict=True, validate=MINUTES)


# Reports and records


class DayQuerySchema(Schema):
    day = Day(load_default=None, metadata={"description": "default: today"})


class TakingsSchema(Schema):
    shop_id = fields.Str()
    day = Day()
    redeemed_cents = fields.Int()
    donated_cents = fields.Int()
    movements = fields.List(fields.Dict())


class PeriodQuerySchema(Schema):
    period_start = Day(required=True)
    period_end = Day(required=True)
    format = fields.Str(load_default="json", validate=validate.OneOf(["json", "csv"]))


class PeriodSchema(Schema):
    period_start = Day(required=True)
    period_end = Day(required=True)


class SettlementReportSchema(Schema):
    network_id = fields.Str()
    period_start = Day()
    period_end = Day()
    settled = fields.Bool()
    positions = fields.List(fields.Dict())
    transfers = fields.List(fields.Dict())


class SettlementSchema(Schema):
    id = fields.Str()
    period_start = Day()
    period_end = Day()
    transaction_id = fields.Str(allow_none=True)


class MonthQuerySchema(Schema):
    month = Day(required=True, metadata={"description": "any day of the month"})


class YearQuerySchema(Schema):
    year = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))


class FoodRecoveryWriteSchema(Schema):
    shop_id = fields.UUID(required=True)
    market_id = fields.UUID(load_default=None, allow_none=True)
    day = Day(required=True)
    unsold_grams = fields.Int(required=True, strict=True, validate=validate.Range(0, 10_000_000))
    spesa_goods_grams = fields.Int(
        required=True, strict=True, validate=validate.Range(0, 10_000_000)
    )
    destination = fields.Str(required=True, validate=validate.OneOf(DESTINATIONS))


class FoodRecoverySchema(FoodRecoveryWriteSchema):
    id = fields.Str()
    shop_id = fields.Str()
    market_id = fields.Str(allow_none=True)


class RulesSchema(Schema):
    entitlement_base_cents = fields.Int(validate=validate.Range(0, 1_000_000))
    entitlement_per_extra_member_cents = fields.Int(validate=validate.Range(0, 1_000_000))
    cycle_days = fields.Int(validate=validate.Range(1, 366))
    per_redemption_limit_cents = fields.Int(validate=validate.Range(1, 10_000_000))
    per_card_daily_limit_cents = fields.Int(validate=validate.Range(1, 10_000_000))
    visits_per_day_limit = fields.Int(validate=validate.Range(1, 100))
    shop_daily_takings_limit_cents = fields.Int(validate=validate.Range(1, 1_000_000_000))
    credit_lifetime_days = fields.Int(validate=validate.Range(1, 3650))
    low_balance_threshold_cents = fields.Int(validate=validate.Range(0, 1_000_000))
