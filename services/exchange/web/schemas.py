"""The exchange's request and response bodies. Unknown fields are refused."""

from marshmallow import Schema, fields


class BalanceSchema(Schema):
    balance = fields.Int(required=True)


class BalancesSchema(Schema):
    FOOD = fields.Nested(BalanceSchema, required=True, metadata={"description": "euro cents"})
    TIME = fields.Nested(BalanceSchema, required=True, metadata={"description": "minutes"})
