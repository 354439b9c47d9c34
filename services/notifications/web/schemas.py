"""The notifications request and response bodies. Unknown fields are refused."""

from marshmallow import Schema, fields, validate

MAX_PAGE_SIZE = 100


class PageQuerySchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=100_000))
    page_size = fields.Int(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class InboxMessageSchema(Schema):
    id = fields.Str(required=True)
    topic = fields.Str(required=True)
    title = fields.Str(required=True)
    body = fields.Str(required=True)
    created_at = fields.AwareDateTime(required=True)
    read_at = fields.AwareDateTime(allow_none=True)


class InboxPageSchema(Schema):
    items = fields.List(fields.Nested(InboxMessageSchema), required=True)
    page = fields.Int(required=True)
    page_size = fields.Int(required=True)
    total = fields.Int(required=True)
    unread = fields.Int(required=True)
